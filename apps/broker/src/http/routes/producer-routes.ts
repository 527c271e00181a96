/**
 * /v1/producers: an idempotent HTTP producer's id and epoch (the broker-wide allocator that
 * Kafka's InitProducerId uses too), and the partition count it partitions a topic by.
 */
import { type InitProducerResponse, type ProducerTopicResponse, producerTopicRequest } from '@mini-kafka/protocol';
import { Hono } from 'hono';
import { CLUSTER, topicResource } from '../../security/acl.js';
import type { AppContext, Env } from '../app-context.js';
import { allows, requireAllowed, requireWrite } from '../authorize.js';
import { readJson } from '../read-body.js';

export function producerRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/', async (c) => {
    // Kafka's InitProducerId for an idempotent producer: IdempotentWrite on the cluster, or Write on some topic (KIP-679).
    const mayWrite = ctx.logs.listTopics().some((t) => allows(ctx, c, 'Write', topicResource(t.name)));
    if (!mayWrite) requireAllowed(ctx, c, 'IdempotentWrite', CLUSTER);
    const body: InitProducerResponse = await ctx.produce.initProducerId();
    ctx.logger.debug({ producerId: body.producerId }, 'producer id');
    return c.json(body, 201);
  });

  app.post('/topic-metadata', async (c) => {
    const { topic } = await readJson(c, producerTopicRequest, ctx.config.maxRequestBytes);
    requireWrite(ctx, c, topic);
    const body: ProducerTopicResponse = { topic, partitions: await ctx.produce.ensureTopic(topic) };
    return c.json(body);
  });

  return app;
}
