/**
 * /v1/topics over a cluster: the local broker's routes, shapes and errors, answered by the
 * cluster (topic-admin.ts, partition-io.ts). Records are produced as JSON (GatewayProduce)
 * or passed through as the SDK's RecordBatch bytes; reads answer JSON (the SDK falls back
 * to JSON when a broker answers it to a RecordBatch Accept). What a cluster does not keep
 * (a partition's bytes and segments, a topic's creation time) reads -1.
 */
import { randomUUID } from 'node:crypto';
import {
  addPartitionsRequest,
  alterConfigsRequest,
  createTopicRequest,
  type DeleteRecordsResponse,
  type DescribeConfigsResponse,
  deleteRecordsRequest,
  type FetchResponse,
  fetchQuery,
  isRecordBatchContentType,
  type ListTopicsResponse,
  MiniKafkaError,
  type OffsetLookupResponse,
  offsetLookupQuery,
  type ProduceResponse,
  produceRequest,
  RECORD_BATCH_MEDIA_TYPE,
  type TopicDescription,
} from '@mini-kafka/protocol';
import { batchBaseOffset, batchLastOffset, batchSize, checkBatch } from '@mini-kafka/storage';
import { Hono } from 'hono';
import type { ClusterClient } from '../../cluster/cluster-client.js';
import { kafkaError } from '../../cluster/cluster-errors.js';
import {
  completeBatches,
  decodeFetched,
  fetch,
  listOffset,
  offsetAfterBatches,
  produceBatch,
} from '../../cluster/partition-io.js';
import {
  alterTopicConfigs,
  createPartitions,
  createTopic,
  deleteRecords,
  deleteTopic,
  describeTopicConfigs,
  describeTopicPartitions,
  listTopics,
  requireTopic,
} from '../../cluster/topic-admin.js';
import type { Env } from '../../http/app-context.js';
import { jsonWithRecords } from '../../http/json-records.js';
import { partitionParam, topicParam } from '../../http/params.js';
import { parseQuery, readBytes, readJson } from '../../http/read-body.js';
import { recordFromJson, recordToJson } from '../../services/record-json.js';
import type { GatewayContext } from '../gateway-context.js';
import { kafkaConfigs, topicConfigOf } from '../topic-configs.js';

async function describe(client: ClusterClient, name: string): Promise<TopicDescription> {
  const topic = await requireTopic(client, name, true);
  const [partitions, configs] = await Promise.all([
    describeTopicPartitions(client, name),
    describeTopicConfigs(client, name),
  ]);
  const set = topicConfigOf(configs.filter((c) => c.source === 'TOPIC_CONFIG'));
  const all = topicConfigOf(configs);
  return {
    name,
    topicId: topic.topicId ?? '',
    partitions: topic.partitions,
    config: set,
    effectiveConfig: {
      segmentBytes: all.segmentBytes ?? -1,
      segmentMs: all.segmentMs ?? -1,
      retentionMs: all.retentionMs ?? -1,
      retentionBytes: all.retentionBytes ?? -1,
      maxBatchBytes: all.maxBatchBytes ?? -1,
      flush: 'never',
      flushIntervalMs: all.flushIntervalMs ?? -1,
    },
    createdAt: -1,
    partitionDetails: partitions.map((p) => ({
      partition: p.partition,
      logStartOffset: p.logStartOffset,
      logEndOffset: p.highWatermark,
      highWatermark: p.highWatermark,
      sizeBytes: -1,
      segments: -1,
    })),
  } as TopicDescription;
}

/** Records in RecordBatch bytes: the offset after the last one, relative to the first batch's base. */
function recordSpan(bytes: Buffer): number {
  let at = 0;
  let span = 0;
  const first = batchBaseOffset(bytes, 0);
  while (at < bytes.length) {
    span = batchLastOffset(bytes, at) - first + 1;
    at += batchSize(bytes, at);
  }
  return span;
}

export function topicRoutes(ctx: GatewayContext): Hono<Env> {
  const app = new Hono<Env>();
  const { client, config } = ctx;

  app.post('/', async (c) => {
    const {
      validateOnly,
      name,
      partitions,
      replicationFactor,
      config: settings,
      configs,
    } = await readJson(c, createTopicRequest, config.maxRequestBytes);
    const created = await createTopic(
      client,
      {
        name,
        partitions: partitions ?? config.defaultPartitions,
        ...(replicationFactor !== undefined && { replicationFactor }),
        configs: kafkaConfigs(settings, configs),
      },
      validateOnly,
    );
    if (validateOnly) {
      return c.json({
        validateOnly: true,
        name,
        partitions: created.partitions,
        replicationFactor: created.replicationFactor,
        configs: created.configs,
      });
    }
    return c.json(await describe(client, name), 201);
  });

  app.get('/', async (c) => {
    const body: ListTopicsResponse = {
      topics: (await listTopics(client)).map((t) => ({ name: t.name, partitions: t.partitions })),
    };
    return c.json(body);
  });

  app.get('/:topic', async (c) => c.json(await describe(client, topicParam(c.req.param('topic')))));

  app.delete('/:topic', async (c) => {
    await deleteTopic(client, topicParam(c.req.param('topic')));
    return c.body(null, 204);
  });

  app.post('/:topic/partitions', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const { partitions } = await readJson(c, addPartitionsRequest, config.maxRequestBytes);
    await createPartitions(client, topic, partitions);
    return c.json(await describe(client, topic));
  });

  app.post('/:topic/records', async (c) => {
    const topic = topicParam(c.req.param('topic'));
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
    if (!isRecordBatchContentType(c.req.header('content-type'))) {
      throw new MiniKafkaError(
        'INVALID_REQUEST',
        `This route takes RecordBatch v2 bytes, sent with Content-Type: ${RECORD_BATCH_MEDIA_TYPE} (JSON records go to POST /v1/topics/${topic}/records)`,
        { httpStatus: 415 },
      );
    }
    const bytes = await readBytes(c, config.maxRequestBytes);
    const problem =
      bytes.length === 0
        ? 'no batch'
        : completeBatches(bytes).length !== bytes.length
          ? 'a batch is cut short'
          : checkBatches(bytes);
    if (problem !== undefined) {
      throw new MiniKafkaError(
        'CORRUPT_MESSAGE',
        `The RecordBatch bytes for ${topic}-${partition} are not valid: ${problem}`,
        {
          details: { topic, partition },
        },
      );
    }
    await ctx.produce.ensureTopic(topic);
    const produced = await produceBatch(client, topic, partition, bytes);
    return c.json({
      topic,
      partition,
      baseOffset: produced.baseOffset,
      lastOffset: produced.baseOffset + recordSpan(bytes) - 1,
      logStartOffset: produced.logStartOffset,
    });
  });

  app.get('/:topic/partitions/:partition/records', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const partition = partitionParam(c.req.param('partition'));
    const query = parseQuery(fetchQuery, c.req.query());
    const maxBytes = Math.min(query.maxBytes, config.fetchMaxBytes);
    const isolation = query.isolation ?? 'read_committed';
    // A long poll holds its connection until it answers: one of its own, closed after.
    const lane = query.waitMs > 0 ? `poll|${randomUUID()}` : undefined;
    const [fetched] = await fetch(client, [{ topic, partition, offset: query.offset, maxBytes }], {
      maxWaitMs: query.waitMs,
      maxBytes,
      isolation,
      ...(lane !== undefined && { lane }),
    }).finally(() => lane !== undefined && client.closeLane(lane));
    if (fetched === undefined || fetched.errorCode !== 0) {
      throw kafkaError(fetched?.errorCode ?? 3, `Reading ${topic}-${partition} at offset ${query.offset}`, {
        topic,
        partition,
        offset: query.offset,
      });
    }
    const records = decodeFetched(fetched, isolation, query.maxRecords);
    // Past the last record answered; with fewer than asked, past every batch read (markers, aborted records).
    const next =
      records.length === query.maxRecords
        ? records[records.length - 1]!.offset + 1
        : Math.max(offsetAfterBatches(fetched), query.offset);
    const body: FetchResponse = {
      topic,
      partition,
      records: [],
      nextOffset: next,
      highWatermark: fetched.highWatermark,
      lastStableOffset: fetched.lastStableOffset,
      logStartOffset: fetched.logStartOffset,
    };
    return jsonWithRecords(c, body, records, (record) => recordToJson(topic, partition, record, query.encoding));
  });

  app.get('/:topic/partitions/:partition/offsets', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const partition = partitionParam(c.req.param('partition'));
    const { timestamp } = parseQuery(offsetLookupQuery, c.req.query());
    const end = await listOffset(client, topic, partition, -1);
    if (timestamp === -1) return c.json({ offset: end.offset, timestamp: null } satisfies OffsetLookupResponse);
    if (timestamp === -2)
      return c.json((await listOffset(client, topic, partition, -2)) satisfies OffsetLookupResponse);
    const found = await listOffset(client, topic, partition, timestamp);
    return c.json((found.offset < 0 ? { offset: end.offset, timestamp: null } : found) satisfies OffsetLookupResponse);
  });

  app.get('/:topic/configs', async (c) => {
    const name = topicParam(c.req.param('topic'));
    const body: DescribeConfigsResponse = {
      resource: { type: 'topic', name },
      configs: await describeTopicConfigs(client, name),
    };
    return c.json(body);
  });

  app.patch('/:topic/configs', async (c) => {
    const name = topicParam(c.req.param('topic'));
    const request = await readJson(c, alterConfigsRequest, config.maxRequestBytes);
    await requireTopic(client, name, true);
    await alterTopicConfigs(client, name, request.set, request.delete, request.validateOnly);
    const body: DescribeConfigsResponse = {
      resource: { type: 'topic', name },
      configs: await describeTopicConfigs(client, name),
    };
    return c.json(body);
  });

  app.post('/:topic/partitions/:partition/delete-records', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const partition = partitionParam(c.req.param('partition'));
    const { offset } = await readJson(c, deleteRecordsRequest, config.maxRequestBytes);
    const body: DeleteRecordsResponse = {
      topic,
      partition,
      logStartOffset: await deleteRecords(client, topic, partition, offset),
    };
    return c.json(body);
  });

  return app;
}

/** The first problem a batch has (checked as the local broker checks a produced batch), or undefined. */
function checkBatches(bytes: Buffer): string | undefined {
  let at = 0;
  while (at < bytes.length) {
    const problem = checkBatch(bytes, at);
    if (problem !== undefined) return problem;
    at += batchSize(bytes, at);
  }
  return undefined;
}
