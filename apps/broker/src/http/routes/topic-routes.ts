/**
 * /v1/topics: create (or validate), list, describe, delete, add partitions; produce a batch
 * of records; fetch by partition and offset with a long poll; look up an offset by time.
 * Topic changes go through the AdminService, as the Kafka admin APIs do.
 */
import {
  addPartitionsRequest,
  createTopicRequest,
  type FetchResponse,
  fetchQuery,
  type ListTopicsResponse,
  type ProduceResponse,
  produceRequest,
  type ValidatedTopicResponse,
} from '@mini-kafka/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { AdminService } from '../../services/admin-service.js';
import { fetchPartition } from '../../services/fetch-service.js';
import { recordFromJson, recordToJson } from '../../services/record-json.js';
import type { AppContext, Env } from '../app-context.js';
import { holdUntilAnswered } from '../hold-until-answered.js';
import { jsonWithRecords } from '../json-records.js';
import { partitionParam, topicParam } from '../params.js';
import { parseQuery, readJson } from '../read-body.js';
import { describeTopic } from '../topic-description.js';

const offsetLookupQuery = z.object({ timestamp: z.coerce.number().pipe(z.int().min(-2)) });

export function topicRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const { logs, config } = ctx;
  const admin = new AdminService(ctx);

  app.post('/', async (c) => {
    const { validateOnly, ...request } = await readJson(c, createTopicRequest, config.maxRequestBytes);
    const created = await admin.createTopic(request, validateOnly);
    if (validateOnly) {
      const { name, partitions, replicationFactor, configs } = created;
      const body: ValidatedTopicResponse = { validateOnly: true, name, partitions, replicationFactor, configs };
      return c.json(body);
    }
    return c.json(describeTopic(logs, request.name), 201);
  });

  app.get('/', (c) => {
    const body: ListTopicsResponse = {
      topics: logs.listTopics().map((t) => ({ name: t.name, partitions: t.partitions })),
    };
    return c.json(body);
  });

  app.get('/:topic', (c) => c.json(describeTopic(logs, topicParam(c.req.param('topic')))));

  app.delete('/:topic', async (c) => {
    await admin.deleteTopic({ name: topicParam(c.req.param('topic')) });
    return c.body(null, 204);
  });

  app.post('/:topic/partitions', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const request = await readJson(c, addPartitionsRequest, config.maxRequestBytes);
    await admin.createPartitions(topic, request.partitions);
    return c.json(describeTopic(logs, topic));
  });

  app.post('/:topic/records', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const request = await readJson(c, produceRequest, config.maxRequestBytes);
    const inputs = request.records.map((record, i) => recordFromJson(record, request.encoding, `records.${i}`));
    const body: ProduceResponse = { topic, records: await ctx.produce.produce(topic, inputs, request.producer) };
    return c.json(body);
  });

  app.get('/:topic/partitions/:partition/records', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const partition = partitionParam(c.req.param('partition'));
    const query = parseQuery(fetchQuery, c.req.query());
    const { result, lease } = await fetchPartition(logs, topic, partition, query.offset, {
      ...query,
      maxBytes: Math.min(query.maxBytes, config.fetchMaxBytes),
      memory: ctx.fetchMemory,
      signal: c.req.raw.signal,
    });
    holdUntilAnswered(c, lease);
    const body: FetchResponse = {
      topic,
      partition,
      records: [],
      nextOffset: result.nextOffset,
      highWatermark: result.highWatermark,
      logStartOffset: result.logStartOffset,
    };
    return jsonWithRecords(c, body, result.records, (record) => recordToJson(topic, partition, record, query.encoding));
  });

  app.get('/:topic/partitions/:partition/offsets', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const partition = partitionParam(c.req.param('partition'));
    const { timestamp } = parseQuery(offsetLookupQuery, c.req.query());
    const log = logs.getLog(topic, partition);
    if (timestamp === -2) return c.json({ offset: log.logStartOffset, timestamp: null });
    if (timestamp === -1) return c.json({ offset: log.highWatermark, timestamp: null });
    const found = await log.offsetForTimestamp(timestamp);
    return c.json(found ?? { offset: log.highWatermark, timestamp: null });
  });

  return app;
}
