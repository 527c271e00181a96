/**
 * Damage in one partition never takes down another: a partition that cannot be opened at
 * all goes offline (KAFKA_STORAGE_ERROR, with the reason in its description) and one with
 * a damaged range fails reads of that range only, while every other partition serves.
 */
import { isMiniKafkaError, ManualClock } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileSystem } from '../fs/file-system.js';
import { nodeFileSystem } from '../fs/node-file-system.js';
import { batchesOf, cutFile, readOffsets, segmentPath } from '../testing/damage-fixtures.js';
import type { Log } from './log.js';
import { LogManager } from './log-manager.js';
import { describePartition } from './partition-health.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

function denying(fragment: string): FileSystem {
  return {
    ...nodeFileSystem,
    open: (path) => {
      if (!path.includes(fragment)) return nodeFileSystem.open(path);
      const error: NodeJS.ErrnoException = new Error(`EACCES: permission denied, open '${path}'`);
      error.code = 'EACCES';
      return Promise.reject(error);
    },
  };
}

/** Opening a file under `fragment` fails with ENOSPC while `full.now` is true; `full.refused` counts those. */
function filling(fragment: string, full: { now: boolean; refused: number }): FileSystem {
  return {
    ...nodeFileSystem,
    open: (path) => {
      if (!full.now || !path.includes(fragment)) return nodeFileSystem.open(path);
      full.refused++;
      const error: NodeJS.ErrnoException = new Error(`ENOSPC: no space left on device, open '${path}'`);
      error.code = 'ENOSPC';
      return Promise.reject(error);
    },
  };
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('a partition that cannot be opened', () => {
  it('is offline with its reason while every other partition and topic serves', async () => {
    const dataDir = await dirs.make();
    const setup = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    await setup.createTopic('good', { partitions: 1 });
    await setup.createTopic('bad', { partitions: 2 });
    for (const [topic, partition] of [
      ['good', 0],
      ['bad', 0],
      ['bad', 1],
    ] as const) {
      await setup.getLog(topic, partition).append([{ value: `${topic}-${partition}` }]);
    }
    await setup.close();

    const logs = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0, fs: denying('/bad/1/') });
    try {
      expect((await logs.getLog('good', 0).read(0)).records[0]?.value?.toString()).toBe('good-0');
      expect((await logs.getLog('bad', 0).read(0)).records[0]?.value?.toString()).toBe('bad-0');
      expect(await logs.getLog('good', 0).append([{ value: 'more' }])).toMatchObject({ baseOffset: 1 });

      const offline = logs.getLog('bad', 1);
      for (const attempt of [offline.read(0), offline.readRaw(0), offline.append([{ value: 'x' }])]) {
        const error = await errorOf(attempt);
        expect(isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR')).toBe(true);
        expect((error as Error).message).toMatch(/bad-1 is offline.*EACCES/);
      }
      expect(describePartition(offline)).toMatchObject({
        logEndOffset: -1,
        highWatermark: -1,
        offline: { reason: expect.stringContaining('EACCES') },
      });
      expect(describePartition(logs.getLog('bad', 0)).offline).toBeUndefined();
    } finally {
      await logs.close();
    }
    // Nothing was changed: with the file readable again, the partition serves.
    const again = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    expect((await again.getLog('bad', 1).read(0)).records[0]?.value?.toString()).toBe('bad-1');
    await again.close();
  });

  it('fails reads of a damaged range of one partition only', async () => {
    const dataDir = await dirs.make();
    const setup = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0, defaults: { segmentBytes: 8192 } });
    await setup.createTopic('orders', { partitions: 2 });
    for (let i = 0; i < 40; i++) {
      for (const partition of [0, 1]) {
        await setup
          .getLog('orders', partition)
          .append(Array.from({ length: 10 }, (_, j) => ({ value: `v${i}-${j}`.padEnd(40) })));
      }
    }
    const directory = `${dataDir}/orders/0`;
    const [, second] = (setup.getLog('orders', 0) as Log).segmentBaseOffsets;
    await setup.close();
    const batches = await batchesOf(segmentPath(directory, second!));
    await cutFile(segmentPath(directory, second!), batches[2]!.position + 20);

    const logs = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    try {
      const damaged = await readOffsets(logs.getLog('orders', 0), 0);
      expect(isMiniKafkaError(damaged.error, 'CORRUPT_MESSAGE')).toBe(true);
      expect(damaged.offsets.at(-1)).toBe(batches[2]!.baseOffset - 1);
      const healthy = await readOffsets(logs.getLog('orders', 1), 0);
      expect(healthy.error).toBeUndefined();
      expect(healthy.offsets).toHaveLength(400);
    } finally {
      await logs.close();
    }
  });

  it('offline for want of space: answers with the cause, and opens again by itself once space is back', async () => {
    const dataDir = await dirs.make();
    const setup = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    await setup.createTopic('t', { partitions: 2 });
    await setup.getLog('t', 1).append([{ value: 'kept' }]);
    await setup.close();

    const full = { now: true, refused: 0 };
    const clock = new ManualClock(1_000_000);
    const logs = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0, clock, fs: filling('/t/1/', full) });
    try {
      const offline = logs.getLog('t', 1);
      const error = await errorOf(offline.read(0));
      expect(isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR')).toBe(true);
      expect((error as Error).message).toMatch(/t-1 is offline.*ENOSPC.*it opens again once that is freed/);
      expect((error as { details: unknown }).details).toMatchObject({ topic: 't', partition: 1, ioError: 'ENOSPC' });
      // Still full: the attempt the request started fails, and the partition stays offline.
      const refusedAtStart = full.refused;
      await vi.waitFor(() => expect(full.refused).toBeGreaterThan(refusedAtStart));
      expect(logs.getLog('t', 1)).toBe(offline);
      full.now = false;
      // Attempts are a second apart at least.
      expect(logs.getLog('t', 1)).toBe(offline);
      clock.advance(1000);
      logs.getLog('t', 1);
      await vi.waitFor(() => expect(logs.getLog('t', 1)).not.toBe(offline));
      const back = logs.getLog('t', 1);
      expect((await back.read(0)).records.map((r) => r.value?.toString())).toEqual(['kept']);
      expect(await back.append([{ value: 'more' }])).toMatchObject({ baseOffset: 1 });
      expect(describePartition(back).offline).toBeUndefined();
    } finally {
      await logs.close();
    }
    const again = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    expect((await again.getLog('t', 1).read(0)).records.map((r) => r.value?.toString())).toEqual(['kept', 'more']);
    await again.close();
  });
});
