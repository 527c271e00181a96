/**
 * /v1/producers over a cluster: an idempotent HTTP producer's id and epoch come from the
 * cluster's InitProducerId (so its batches are deduplicated by the partition leaders), and
 * the partition count it partitions a topic by (creating the topic when auto-creation is on).
 */
import { InitProducerId } from '@mini-kafka/kafka-protocol';
import { type InitProducerResponse, type ProducerTopicResponse, producerTopicRequest } from '@mini-kafka/protocol';
import { Hono } from 'hono';
import { throwIfError } from '../../cluster/cluster-errors.js';
import type { Env } from '../../http/app-context.js';
import { readJson } from '../../http/read-body.js';
import type { GatewayContext } from '../gateway-context.js';

export function producerRoutes(ctx: GatewayContext): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/', async (c) => {
    const answer = await ctx.client.send(
      InitProducerId,
      { transactionalId: null, transactionTimeoutMs: -1, producerId: -1, producerEpoch: -1 },
      { kind: 'any' },
    );
    throwIfError(answer.errorCode, 'Getting a producer id from the cluster');
    const body: InitProducerResponse = { producerId: answer.producerId, producerEpoch: answer.producerEpoch };
    return c.json(body, 201);
  });

  app.post('/topic-metadata', async (c) => {
    const { topic } = await readJson(c, producerTopicRequest, ctx.config.maxRequestBytes);
    const body: ProducerTopicResponse = { topic, partitions: await ctx.produce.ensureTopic(topic) };
    return c.json(body);
  });

  return app;
}
