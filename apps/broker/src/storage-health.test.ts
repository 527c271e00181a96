/**
 * The broker over damaged storage (issue 9): what the last start found is logged (error
 * level for data loss), shown in GET /v1/topics/:topic, and answered per partition, over
 * HTTP as a 500 naming topic, partition and offset, over Kafka as the partition's error
 * code; a partition that cannot be opened is offline while the rest serves.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ZERO_UUID } from '@mini-kafka/kafka-protocol';
import { LogManager } from '@mini-kafka/storage';
import { damageTailBatch, TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createBroker } from './broker.js';
import { send } from './http/testing/serve-app.js';
import { fetchHandler } from './kafka/handlers/fetch.js';
import { listOffsetsHandler } from './kafka/handlers/list-offsets.js';
import { metadataHandler } from './kafka/handlers/metadata.js';
import { callHandler, handlerContext } from './kafka/testing/handler-context.js';
import { recordingLogger } from './testing/recording-logger.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

/** A data directory with `orders` (2,000 records over 16 KiB segments) and `other`, closed cleanly. */
async function dataDir(): Promise<string> {
  const dir = await dirs.make();
  const logs = await LogManager.open({ dataDir: dir, retentionCheckIntervalMs: 0 });
  await logs.createTopic('orders', { config: { segmentBytes: 64 * 1024 } });
  await logs.createTopic('other', { partitions: 2 });
  for (let offset = 0; offset < 2000; offset += 20) {
    await logs
      .getLog('orders', 0)
      .append(Array.from({ length: 20 }, (_, i) => ({ value: `record ${offset + i}`.padEnd(48, '.') })));
  }
  await logs.getLog('other', 0).append([{ value: 'fine' }]);
  await logs.close();
  return dir;
}

describe('a broker over damaged storage', () => {
  it('logs records lost under flush always as data loss, shows it, and answers reads of them with an error', async () => {
    const dir = await dataDir();
    const from = await damageTailBatch(join(dir, 'orders', '0'), 1760);
    const { logger, lines } = recordingLogger('warn');
    const broker = await createBroker({ dataDir: dir, port: 0, kafkaPort: -1, logger });
    try {
      const loss = lines.find((line) => line.topic === 'orders');
      expect(loss).toMatchObject({
        level: 50,
        partition: 0,
        fromOffset: from,
        lastOffset: 1999,
        droppedRecords: 2000 - from,
        reason: 'crc-mismatch',
        dataLoss: true,
        keptAs: expect.stringContaining(join('orders', '0', 'damaged')),
      });
      expect(loss!.msg).toMatch(/DATA LOSS/);

      const described = await send(`${broker.url}/v1/topics/orders`);
      expect(described.body.partitionDetails[0]).toMatchObject({
        logEndOffset: 2000,
        damage: { droppedRecords: 2000 - from, at: from, ranges: [{ from, to: 1999 }], dataLoss: true },
      });
      expect((await send(`${broker.url}/v1/topics/other`)).body.partitionDetails[0].damage).toBeUndefined();

      const read = await send(`${broker.url}/v1/topics/orders/partitions/0/records?offset=${from + 3}`);
      expect(read.status).toBe(500);
      expect(read.body.error).toMatchObject({
        name: 'CORRUPT_MESSAGE',
        details: { topic: 'orders', partition: 0, offset: from + 3 },
      });
      const before = await send(`${broker.url}/v1/topics/orders/partitions/0/records?offset=${from - 1}`);
      expect(before.body.records.map((r: { offset: number }) => r.offset)).toEqual([from - 1]);
      const produced = await send(`${broker.url}/v1/topics/orders/records`, 'POST', { records: [{ value: 'new' }] });
      expect(produced.body.records[0].offset).toBe(2000);
    } finally {
      await broker.close();
    }

    // Over Kafka: the damaged partition's error code, the others' records, in one Fetch.
    const ctx = await handlerContext({ config: { inMemory: false, dataDir: dir } });
    try {
      const partition = (offset: number) => ({ partition: 0, fetchOffset: offset, partitionMaxBytes: 1 << 20 });
      const answer = await callHandler(fetchHandler, ctx, 11, {
        maxWaitMs: 0,
        minBytes: 1,
        maxBytes: 1 << 20,
        topics: [
          { topic: 'orders', partitions: [partition(from)] },
          { topic: 'other', partitions: [partition(0)] },
        ],
      });
      const [orders, other] = answer!.responses.map((topic) => topic.partitions[0]!);
      expect(orders!.errorCode).toBe(2); // CORRUPT_MESSAGE
      expect(other).toMatchObject({ errorCode: 0 });
      expect(other!.records!.length).toBeGreaterThan(0);
    } finally {
      await ctx.close();
    }
  });

  it('starts with a partition it cannot open offline, saying why, and serves the rest', async () => {
    const dir = await dataDir();
    // A segment that is a directory: opening it fails (EISDIR), whoever runs the test.
    const segment = join(dir, 'other', '1', '00000000000000000000.log');
    await rm(segment);
    await mkdir(segment);
    const { logger, lines } = recordingLogger('warn');
    const broker = await createBroker({ dataDir: dir, port: 0, kafkaPort: -1, logger });
    try {
      expect(lines).toContainEqual(
        expect.objectContaining({ level: 50, topic: 'other', partition: 1, reason: expect.stringContaining('EISDIR') }),
      );
      const described = await send(`${broker.url}/v1/topics/other`);
      expect(described.body.partitionDetails[1]).toMatchObject({
        logEndOffset: -1,
        offline: { reason: expect.stringContaining('EISDIR') },
      });
      const produced = await send(`${broker.url}/v1/topics/other/records`, 'POST', {
        records: [{ value: 'x', partition: 1 }],
      });
      expect(produced.status).toBe(500);
      expect(produced.body.error).toMatchObject({
        name: 'KAFKA_STORAGE_ERROR',
        details: { topic: 'other', partition: 1 },
      });
      const read = await send(`${broker.url}/v1/topics/other/partitions/0/records?offset=0`);
      expect(read.body.records[0].value).toBe('fine');
      expect((await send(`${broker.url}/v1/topics/orders/partitions/0/records?offset=1999`)).status).toBe(200);
    } finally {
      await broker.close();
    }
  });

  it('over Kafka, an offline partition has no leader in Metadata and answers ListOffsets with its storage error', async () => {
    const dir = await dataDir();
    const segment = join(dir, 'other', '1', '00000000000000000000.log');
    await rm(segment);
    await mkdir(segment);
    const ctx = await handlerContext({ config: { dataDir: dir, inMemory: false } });
    try {
      const metadata = await callHandler(metadataHandler, ctx, 9, {
        topics: [{ name: 'other', topicId: ZERO_UUID }],
        allowAutoTopicCreation: false,
        includeClusterAuthorizedOperations: false,
        includeTopicAuthorizedOperations: false,
      });
      const [online, offline] = metadata!.topics[0]!.partitions;
      expect(online).toMatchObject({ partitionIndex: 0, errorCode: 0, leaderId: 0 });
      expect(offline).toMatchObject({ partitionIndex: 1, errorCode: 5, leaderId: -1, offlineReplicas: [0] });
      const offsets = await callHandler(listOffsetsHandler, ctx, 5, {
        replicaId: -1,
        isolationLevel: 0,
        topics: [{ name: 'other', partitions: [0, 1].map((partitionIndex) => ({ partitionIndex, timestamp: -1 })) }],
      });
      expect(offsets!.topics[0]!.partitions.map(({ errorCode, offset }) => ({ errorCode, offset }))).toEqual([
        { errorCode: 0, offset: 1 },
        { errorCode: 56, offset: -1 },
      ]);
    } finally {
      await ctx.close();
    }
  });
});
