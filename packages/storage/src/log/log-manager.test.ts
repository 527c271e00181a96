import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type ErrorType, isMiniKafkaError, ManualClock } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CompressionCodec } from '../record-batch/batch-header.js';
import { encodeRecordBatch } from '../record-batch/encode.js';
import { compressedBatch } from '../testing/compressed-batch.js';
import { LogManager, type LogManagerOptions } from './log-manager.js';

const dirs = new TempDirs();
const managers: LogManager[] = [];
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.close();
  await dirs.cleanup();
});

async function open(options: LogManagerOptions): Promise<LogManager> {
  const manager = await LogManager.open({ retentionCheckIntervalMs: 0, defaults: { flush: 'never' }, ...options });
  managers.push(manager);
  return manager;
}

async function rejects(promise: Promise<unknown>, type: ErrorType): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isMiniKafkaError(error, type), `expected ${type}, got ${String(error)}`).toBe(true);
}

/** A stand-in for a codec storage does not have: raw deflate, flagged as snappy. */
const DEFLATE_AS_SNAPPY = { snappy: (data: Buffer) => inflateRawSync(data) };
const SNAPPY_FLAGGED = compressedBatch(encodeRecordBatch([{ value: 'squeezed' }]), CompressionCodec.Snappy, (data) =>
  deflateRawSync(data),
);

for (const mode of ['on disk', 'in memory'] as const) {
  describe(`LogManager ${mode}`, () => {
    const make = async (options: LogManagerOptions = {}) =>
      open(mode === 'on disk' ? { dataDir: await dirs.make(), ...options } : { inMemory: true, ...options });

    it('gives its logs the inflaters it was opened with, while another manager keeps its own', async () => {
      const withSnappy = await make({ inflaters: DEFLATE_AS_SNAPPY });
      const gzipOnly = await make();
      for (const manager of [withSnappy, gzipOnly]) {
        await manager.createTopic('t', { partitions: 2 });
        await manager.getLog('t', 1).appendBatch(Buffer.from(SNAPPY_FLAGGED));
      }
      expect((await withSnappy.getLog('t', 1).read(0)).records.map((r) => r.value?.toString())).toEqual(['squeezed']);
      await rejects(gzipOnly.getLog('t', 1).read(0), 'UNSUPPORTED_COMPRESSION_TYPE');
      expect((await gzipOnly.getLog('t', 1).readRaw(0)).bytes).toEqual(
        (await withSnappy.getLog('t', 1).readRaw(0)).bytes,
      );
    });

    it('creates topics with partitions and serves their logs', async () => {
      const manager = await make();
      const { created, topic } = await manager.createTopic('orders', { partitions: 3, config: { retentionMs: 1000 } });
      expect(created).toBe(true);
      expect(topic).toMatchObject({ name: 'orders', partitions: 3, config: { retentionMs: 1000 } });
      expect(topic.effectiveConfig.retentionMs).toBe(1000);
      expect(topic.effectiveConfig.flush).toBe('never');
      await manager.getLog('orders', 2).append([{ value: 'hello' }]);
      expect(manager.getLog('orders', 2).logEndOffset).toBe(1);
      expect(manager.getLog('orders', 0).logEndOffset).toBe(0);
      expect(manager.listTopics().map((t) => t.name)).toEqual(['orders']);
    });

    it('treats an existing topic as a conflict, or as a no-op when asked to', async () => {
      const manager = await make();
      await manager.createTopic('t', { partitions: 2 });
      await rejects(manager.createTopic('t', { partitions: 5 }), 'TOPIC_ALREADY_EXISTS');
      const again = await manager.createTopic('t', { partitions: 5 }, true);
      expect(again.created).toBe(false);
      expect(again.topic.partitions).toBe(2);
    });

    it('rejects invalid names, partition counts and configs without creating anything', async () => {
      const manager = await make();
      await rejects(manager.createTopic('../escape'), 'INVALID_TOPIC_EXCEPTION');
      await rejects(manager.createTopic('..'), 'INVALID_TOPIC_EXCEPTION');
      await rejects(manager.createTopic('a/b'), 'INVALID_TOPIC_EXCEPTION');
      await rejects(manager.createTopic('ok', { partitions: 0 }), 'INVALID_PARTITIONS');
      await rejects(manager.createTopic('ok', { partitions: 1.5 }), 'INVALID_PARTITIONS');
      await rejects(manager.createTopic('ok', { partitions: 100_001 }), 'INVALID_PARTITIONS');
      await rejects(manager.createTopic('ok', { config: { segmentBytes: -5 } }), 'INVALID_CONFIG');
      await rejects(
        manager.createTopic('ok', { config: { bogus: 1 } as unknown as Record<string, number> }),
        'INVALID_CONFIG',
      );
      expect(manager.listTopics()).toEqual([]);
      if (manager.dataDir !== undefined) expect(await readdir(manager.dataDir)).toEqual(['.lock']);
    });

    it('validates a topic as createTopic would, without creating it (validateOnly)', async () => {
      const manager = await make({ defaults: { flush: 'never', segmentBytes: 4096 } });
      await manager.createTopic('taken');
      const refused = (name: string, options: Parameters<LogManager['validateTopic']>[1], type: ErrorType) =>
        rejects(
          Promise.resolve().then(() => manager.validateTopic(name, options)),
          type,
        );
      await refused('../escape', {}, 'INVALID_TOPIC_EXCEPTION');
      await refused('ok', { partitions: 0 }, 'INVALID_PARTITIONS');
      await refused('ok', { config: { segmentBytes: -5 } }, 'INVALID_CONFIG');
      await refused('taken', {}, 'TOPIC_ALREADY_EXISTS');
      expect(() => manager.validateTopic('ok', { partitions: 3, config: { retentionMs: 1000 } })).not.toThrow();
      expect(manager.listTopics().map((t) => t.name)).toEqual(['taken']);
    });

    it('reports unknown topics and partitions', async () => {
      const manager = await make();
      await manager.createTopic('t', { partitions: 2 });
      expect(() => manager.getLog('nope', 0)).toThrowError(/does not exist/);
      expect(() => manager.getLog('t', 2)).toThrowError(/no partition 2/);
      expect(() => manager.getLog('t', -1)).toThrowError(/no partition/);
      try {
        manager.getLog('t', 7);
      } catch (error) {
        expect(isMiniKafkaError(error, 'UNKNOWN_TOPIC_OR_PARTITION')).toBe(true);
      }
    });

    it('adds partitions but never removes them', async () => {
      const manager = await make();
      await manager.createTopic('t', { partitions: 2 });
      await manager.getLog('t', 1).append([{ value: 'kept' }]);
      const grown = await manager.addPartitions('t', 4);
      expect(grown.partitions).toBe(4);
      expect(manager.getLog('t', 3).logEndOffset).toBe(0);
      expect(manager.getLog('t', 1).logEndOffset).toBe(1);
      await rejects(manager.addPartitions('t', 3), 'INVALID_PARTITIONS');
      await rejects(manager.addPartitions('missing', 3), 'UNKNOWN_TOPIC_OR_PARTITION');
    });

    it('deletes topics with their data', async () => {
      const manager = await make();
      await manager.createTopic('gone', { partitions: 2 });
      await manager.getLog('gone', 0).append([{ value: 'x' }]);
      await manager.deleteTopic('gone');
      expect(manager.hasTopic('gone')).toBe(false);
      expect(() => manager.getLog('gone', 0)).toThrowError();
      if (manager.dataDir !== undefined) expect(await readdir(manager.dataDir)).toEqual(['.lock']);
      const { topic } = await manager.createTopic('gone');
      expect(topic.partitions).toBe(1);
      expect(manager.getLog('gone', 0).logEndOffset).toBe(0);
    });

    it('gives every topic a stable id, and a topic created again a new one', async () => {
      const manager = await make();
      await manager.createTopic('a');
      await manager.createTopic('b', { partitions: 2 });
      const a = manager.topicId('a')!;
      const b = manager.topicId('b')!;
      expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(b).not.toBe(a);
      expect([manager.topicName(a), manager.topicName(b)]).toEqual(['a', 'b']);
      expect(manager.getTopic('b')?.topicId).toBe(b);
      expect(manager.topicId('missing')).toBeUndefined();
      await manager.addPartitions('b', 3);
      expect(manager.topicId('b')).toBe(b);
      await manager.deleteTopic('a');
      expect(manager.topicId('a')).toBeUndefined();
      expect(manager.topicName(a)).toBeUndefined();
      await manager.createTopic('a');
      expect(manager.topicId('a')).not.toBe(a);
      expect(manager.topicName(manager.topicId('a')!)).toBe('a');
    });

    it('applies retention across topics', async () => {
      const clock = new ManualClock();
      const manager = await open(
        mode === 'on disk'
          ? { dataDir: await dirs.make(), clock, defaults: { flush: 'never', segmentBytes: 1024, retentionMs: 1000 } }
          : { inMemory: true, clock, defaults: { flush: 'never', segmentBytes: 1024, retentionMs: 1000 } },
      );
      await manager.createTopic('a');
      for (let i = 0; i < 20; i++) await manager.getLog('a', 0).append([{ value: 'v'.repeat(200) }]);
      clock.advance(5000);
      expect(await manager.runRetention()).toBeGreaterThan(0);
      expect(manager.getLog('a', 0).logStartOffset).toBeGreaterThan(0);
      expect(manager.getLog('a', 0).logEndOffset).toBe(20);
    });
  });
}

describe('LogManager persistence', () => {
  it('restores topics, partitions, configs and data after a restart', async () => {
    const dataDir = await dirs.make();
    const first = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    await first.createTopic('orders', { partitions: 3, config: { retentionBytes: 1_000_000 } });
    await first.addPartitions('orders', 4);
    await first.createTopic('other');
    await first.getLog('orders', 3).append([{ key: 'k', value: 'v' }]);
    await first.close();

    const second = await open({ dataDir });
    expect(second.listTopics().map((t) => [t.name, t.partitions, t.config])).toEqual([
      ['orders', 4, { retentionBytes: 1_000_000 }],
      ['other', 1, {}],
    ]);
    const read = await second.getLog('orders', 3).read(0);
    expect(read.records[0]!.value?.toString()).toBe('v');
    const metadata = JSON.parse(await readFile(join(dataDir, 'orders', 'topic.json'), 'utf8'));
    expect(metadata).toMatchObject({ version: 1, name: 'orders', partitions: 4 });
  });

  it('keeps topic ids across restarts, and gives topics stored without one an id, persisted', async () => {
    const dataDir = await dirs.make();
    const first = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    await first.createTopic('kept');
    await first.createTopic('legacy');
    await first.getLog('legacy', 0).append([{ value: 'old' }]);
    const kept = first.topicId('kept')!;
    await first.close();
    const legacyFile = join(dataDir, 'legacy', 'topic.json');
    const { topicId: droppedId, ...withoutId } = JSON.parse(await readFile(legacyFile, 'utf8'));
    await writeFile(legacyFile, JSON.stringify(withoutId));

    const second = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    expect(second.topicId('kept')).toBe(kept);
    const assigned = second.topicId('legacy')!;
    expect(assigned).toMatch(/^[0-9a-f-]{36}$/);
    expect(assigned).not.toBe(droppedId);
    expect(JSON.parse(await readFile(legacyFile, 'utf8')).topicId).toBe(assigned);
    expect((await second.getLog('legacy', 0).read(0)).records.map((r) => r.value?.toString())).toEqual(['old']);
    await second.close();

    const third = await open({ dataDir });
    expect([third.topicId('kept'), third.topicId('legacy')]).toEqual([kept, assigned]);
    expect(third.topicName(assigned)).toBe('legacy');
  });

  it('gives a copied topic directory its own id, and skips a topic.json whose id is not a UUID', async () => {
    const dataDir = await dirs.make();
    const first = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    await first.createTopic('a');
    await first.createTopic('bad');
    const original = first.topicId('a')!;
    await first.close();
    await mkdir(join(dataDir, 'b'));
    const copy = JSON.parse(await readFile(join(dataDir, 'a', 'topic.json'), 'utf8'));
    await writeFile(join(dataDir, 'b', 'topic.json'), JSON.stringify({ ...copy, name: 'b' }));
    const bad = JSON.parse(await readFile(join(dataDir, 'bad', 'topic.json'), 'utf8'));
    await writeFile(join(dataDir, 'bad', 'topic.json'), JSON.stringify({ ...bad, topicId: 'not-a-uuid' }));

    const second = await open({ dataDir });
    expect(second.topicId('a')).toBe(original);
    expect(second.topicId('b')).not.toBe(original);
    expect(second.topicName(second.topicId('b')!)).toBe('b');
    expect(second.hasTopic('bad')).toBe(false);
    expect(second.warnings.join('\n')).toMatch(/"b" had the id of topic "a"/);
    expect(second.errors.join('\n')).toMatch(/"bad" is not served.*topicId is not a UUID/);
  });

  it('gives logs loaded from disk the inflaters it was opened with', async () => {
    const dataDir = await dirs.make();
    const first = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    await first.createTopic('t');
    await first.getLog('t', 0).appendBatch(Buffer.from(SNAPPY_FLAGGED));
    await rejects(first.getLog('t', 0).read(0), 'UNSUPPORTED_COMPRESSION_TYPE');
    await first.close();
    const second = await open({ dataDir, inflaters: DEFLATE_AS_SNAPPY });
    expect((await second.getLog('t', 0).read(0)).records.map((r) => r.value?.toString())).toEqual(['squeezed']);
  });

  it('skips directories that are not committed topics and finishes interrupted deletes', async () => {
    const dataDir = await dirs.make();
    await mkdir(join(dataDir, 'half-created', '0'), { recursive: true });
    await mkdir(join(dataDir, 'broken'), { recursive: true });
    await writeFile(join(dataDir, 'broken', 'topic.json'), '{ not json');
    await mkdir(join(dataDir, 'old~1234~deleting', '0'), { recursive: true });
    await writeFile(join(dataDir, 'README'), 'not a topic');
    const manager = await open({ dataDir });
    expect(manager.listTopics()).toEqual([]);
    expect(manager.warnings).toEqual([expect.stringMatching(/"half-created": no valid topic\.json/)]);
    expect(manager.errors).toEqual([expect.stringMatching(/"broken" is not served: .*not valid JSON/)]);
    expect((await readdir(dataDir)).sort()).toEqual(['.lock', 'README', 'broken', 'half-created']);
  });
});

describe('LogManager data directory lock', () => {
  it('lets one process own a data directory at a time', async () => {
    const dataDir = await dirs.make();
    const first = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    await rejects(LogManager.open({ dataDir, retentionCheckIntervalMs: 0 }), 'KAFKA_STORAGE_ERROR');
    await first.close();
    const second = await open({ dataDir });
    expect(second.listTopics()).toEqual([]);
  });

  it('opens a directory whose .lock names a running process that holds no lock (issue 9)', async () => {
    const dataDir = await dirs.make();
    await writeFile(join(dataDir, '.lock'), JSON.stringify({ pid: process.ppid, host: hostname() }));
    const manager = await open({ dataDir });
    expect(manager.listTopics()).toEqual([]);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dataDir = await dirs.make();
    await writeFile(join(dataDir, '.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    const manager = await open({ dataDir });
    const owner = JSON.parse(await readFile(join(dataDir, '.lock'), 'utf8'));
    expect(owner.pid).toBe(process.pid);
    await manager.close();
    managers.splice(managers.indexOf(manager), 1);
    expect(await readdir(dataDir)).toEqual([]);
  });
});
