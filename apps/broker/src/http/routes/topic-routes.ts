/**
 * /v1/topics: create (or validate), list, describe, delete, add partitions; produce a batch
 * of records; fetch by partition and offset with a long poll; look up an offset by time.
 * Topic changes go through the AdminService, as the Kafka admin APIs do.
 *
 * Records travel as JSON, or as RecordBatch v2 bytes (`application/vnd.kafka.record-batch`,
 * the binary transport of the SDK): produced to one partition with that Content-Type, and
 * fetched with it in Accept (RecordBatchService). JSON answers do not change.
 */
import {
  addPartitionsRequest,
  createTopicRequest,
  type FetchResponse,
  fetchQuery,
  isRecordBatchContentType,
  type ListTopicsResponse,
  MiniKafkaError,
  type OffsetLookupResponse,
  offsetLookupQuery,
  type ProduceResponse,
  parseRecordBatchAccept,
  produceRequest,
  RECORD_BATCH_MEDIA_TYPE,
  type ValidatedTopicResponse,
} from '@mini-kafka/protocol';
import { Hono } from 'hono';
import { brokerInflaters } from '../../compression/codecs.js';
import { countServedBatches, countServedRecords } from '../../metrics/served.js';
import { topicResource } from '../../security/acl.js';
import { AdminService } from '../../services/admin-service.js';
import { fetchPartition } from '../../services/fetch-service.js';
import { RecordBatchService } from '../../services/record-batch-service.js';
import { recordFromJson, recordToJson } from '../../services/record-json.js';
import type { AppContext, Env } from '../app-context.js';
import { allows, requireAllowed, requireCreate, requireWrite } from '../authorize.js';
import { answerFetchFrame } from '../fetch-frame-answer.js';
import { holdUntilAnswered } from '../hold-until-answered.js';
import { jsonWithRecords } from '../json-records.js';
import { partitionParam, topicParam } from '../params.js';
import { parseQuery, readBytes, readJson } from '../read-body.js';
import { describeTopic } from '../topic-description.js';

export function topicRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const { logs, config } = ctx;
  const admin = new AdminService(ctx);
  const batches = new RecordBatchService({
    ...ctx,
    inflaters: brokerInflaters,
    maxRecordBytes: ctx.config.maxMessageBytes,
  });

  app.post('/', async (c) => {
    const { validateOnly, ...request } = await readJson(c, createTopicRequest, config.maxRequestBytes);
    requireCreate(ctx, c, request.name);
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
      topics: logs
        .listTopics()
        .filter((t) => allows(ctx, c, 'Describe', topicResource(t.name)))
        .map((t) => ({ name: t.name, partitions: t.partitions })),
    };
    return c.json(body);
  });

  app.get('/:topic', (c) => {
    const topic = topicParam(c.req.param('topic'));
    requireAllowed(ctx, c, 'Describe', topicResource(topic));
    return c.json(describeTopic(logs, topic));
  });

  app.delete('/:topic', async (c) => {
    const name = topicParam(c.req.param('topic'));
    requireAllowed(ctx, c, 'Delete', topicResource(name));
    await admin.deleteTopic({ name });
    return c.body(null, 204);
  });

  app.post('/:topic/partitions', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    requireAllowed(ctx, c, 'Alter', topicResource(topic));
    const request = await readJson(c, addPartitionsRequest, config.maxRequestBytes);
    await admin.createPartitions(topic, request.partitions);
    return c.json(describeTopic(logs, topic));
  });

  app.post('/:topic/records', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    requireWrite(ctx, c, topic);
    if (isRecordBatchContentType(c.req.header('content-type'))) {
      throw new MiniKafkaError(
        'INVALID_REQUEST',
        `RecordBatch bytes are produced to one partition: POST /v1/topics/${topic}/partitions/{partition}/records`,
        { httpStatus: 415 },
      );
    }
    const request = await readJson(c, produceRequest, config.maxRequestBytes);
    const inputs = request.records.map((record, i) => recordFromJson(record, request.encoding, `records.${i}`));
    const body: ProduceResponse = { topic, records: await ctx.produce.produce(topic, inputs, request.producer) };
    return c.json(body);
  });

  app.post('/:topic/partitions/:partition/records', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const partition = partitionParam(c.req.param('partition'));
    requireWrite(ctx, c, topic);
    if (!isRecordBatchContentType(c.req.header('content-type'))) {
      throw new MiniKafkaError(
        'INVALID_REQUEST',
        `This route takes RecordBatch v2 bytes, sent with Content-Type: ${RECORD_BATCH_MEDIA_TYPE} (JSON records go to POST /v1/topics/${topic}/records)`,
        { httpStatus: 415 },
      );
    }
    const body = await readBytes(c, config.maxRequestBytes);
    const stored = await batches.produce(topic, partition, body);
    ctx.metrics.appended('http', topic, stored.lastOffset - stored.baseOffset + 1, body.length);
    return c.json(stored);
  });

  app.get('/:topic/partitions/:partition/records', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const partition = partitionParam(c.req.param('partition'));
    requireAllowed(ctx, c, 'Read', topicResource(topic));
    const query = parseQuery(fetchQuery, c.req.query());
    const limits = { ...query, maxBytes: Math.min(query.maxBytes, config.fetchMaxBytes), memory: ctx.fetchMemory };
    const binary = parseRecordBatchAccept(c.req.header('accept'));
    if (binary !== undefined) {
      const { partitions, lease } = await batches.fetchPartition(topic, partition, query.offset, {
        ...limits,
        codecs: binary.codecs,
        signal: c.req.raw.signal,
      });
      const frame = { version: binary.version, generationId: -1, rebalanceRequired: false, partitions };
      countServedBatches(ctx.metrics, 'http', partitions);
      return answerFetchFrame(c, frame, lease);
    }
    const { result, lease } = await fetchPartition(logs, topic, partition, query.offset, {
      ...limits,
      signal: c.req.raw.signal,
    });
    holdUntilAnswered(c, lease);
    countServedRecords(ctx.metrics, 'http', topic, result.records);
    const body: FetchResponse = {
      topic,
      partition,
      records: [],
      nextOffset: result.nextOffset,
      highWatermark: result.highWatermark,
      lastStableOffset: result.lastStableOffset,
      logStartOffset: result.logStartOffset,
    };
    return jsonWithRecords(c, body, result.records, (record) => recordToJson(topic, partition, record, query.encoding));
  });

  app.get('/:topic/partitions/:partition/offsets', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const partition = partitionParam(c.req.param('partition'));
    requireAllowed(ctx, c, 'Describe', topicResource(topic));
    const { timestamp } = parseQuery(offsetLookupQuery, c.req.query());
    const log = logs.getLog(topic, partition);
    const end: OffsetLookupResponse = { offset: log.highWatermark, timestamp: null };
    if (timestamp === -2) return c.json({ ...end, offset: log.logStartOffset });
    if (timestamp === -1) return c.json(end);
    const found: OffsetLookupResponse | undefined = await log.offsetForTimestamp(timestamp);
    return c.json(found ?? end);
  });

  return app;
}
