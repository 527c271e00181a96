import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../record-batch/encode.js';
import { FaultyFileSystem } from '../testing/faulty-file-system.js';
import { assignOffsets } from './assign-offsets.js';
import { CLEAN_SHUTDOWN_FILE } from './file-names.js';
import { LocalLog } from './local-log.js';
import { LogSegment } from './log-segment.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const SEGMENT = { indexIntervalBytes: 4096, maxBatchSize: 1024 * 1024 };

/** A LocalLog over a fresh directory with one empty segment; `durable` collects what onDurable is told. */
async function openLocal() {
  const fs = new FaultyFileSystem();
  const dir = await dirs.make();
  const durable: number[] = [];
  const first = await LogSegment.create(fs, dir, 0, SEGMENT);
  const local = new LocalLog(fs, dir, { topic: 't', partition: 0 }, [first], (offset) => durable.push(offset));
  return { dir, fs, local, durable };
}

/** One batch of `count` records with offsets from the log end, as the writer would append it. */
function batchAt(local: LocalLog, count: number): Buffer {
  const batch = encodeRecordBatch(Array.from({ length: count }, (_, i) => ({ value: `v${i}` })));
  assignOffsets(batch, local.logEndOffset);
  return batch;
}

describe('LocalLog', () => {
  it('flushes on its timer, and never by time for an interval beyond what a timer can wait', async () => {
    const { local, durable } = await openLocal();
    local.flushEvery(10);
    await local.append([batchAt(local, 2)]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(durable).toEqual([2]);
    local.flushEvery(Number.MAX_SAFE_INTEGER); // flush.ms = Long.MAX_VALUE: never
    await local.append([batchAt(local, 1)]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(durable).toEqual([2]);
    await local.close(true);
  });

  it('rolls only a non-empty active segment, and what it rolled is durable', async () => {
    const { local, durable } = await openLocal();
    expect(await local.roll(SEGMENT.indexIntervalBytes)).toBeUndefined();
    expect(local.segments).toHaveLength(1);
    await local.append([batchAt(local, 3)]);
    const before = local.segments;
    expect(await local.roll(SEGMENT.indexIntervalBytes)).toBe(3);
    expect(durable).toEqual([3]);
    expect(local.segments.map((segment) => segment.baseOffset)).toEqual([0, 3]);
    expect(before.map((segment) => segment.baseOffset)).toEqual([0]);
    expect(local.logEndOffset).toBe(3);
    await local.close(true);
  });

  it('deletes the oldest segments from a new list, leaving readers of the old one their view', async () => {
    const { dir, local } = await openLocal();
    for (let i = 0; i < 3; i++) {
      await local.append([batchAt(local, 2)]);
      await local.roll(SEGMENT.indexIntervalBytes);
    }
    const before = local.segments;
    await local.deleteOldest(2);
    expect(local.segments.map((segment) => segment.baseOffset)).toEqual([4, 6]);
    expect(before.map((segment) => segment.baseOffset)).toEqual([0, 2, 4, 6]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.log'))).toEqual([
      '00000000000000000004.log',
      '00000000000000000006.log',
    ]);
    await local.close(true);
  });

  it('makes appends durable with one fsync for every waiter, and tells onDurable', async () => {
    const { fs, local, durable } = await openLocal();
    await local.append([batchAt(local, 1)]);
    await local.append([batchAt(local, 1)]);
    const syncs = fs.datasyncs;
    await Promise.all([local.waitDurable(1), local.waitDurable(2), local.flush()]);
    expect(fs.datasyncs - syncs).toBe(1);
    expect(durable).toEqual([2]);
    await local.close(true);
  });

  it('stays healthy after a write it could undo; refuses writes while it cannot cut one off, until repaired', async () => {
    const { dir, fs, local } = await openLocal();
    fs.failWritesAfterBytes = 10;
    const undone = await local.append([batchAt(local, 1)]).catch((error: unknown) => error);
    expect(isMiniKafkaError(undone, 'KAFKA_STORAGE_ERROR')).toBe(true);
    expect(local.healthy).toBe(true);
    fs.failTruncates = true;
    const torn = await local.append([batchAt(local, 1)]).catch((error: unknown) => error);
    expect((torn as Error).message).toContain('accepts no appends until that is repaired');
    expect(local.healthy).toBe(false);
    expect(() => local.assertHealthy()).toThrow('no space left');
    const repair = { indexIntervalBytes: SEGMENT.indexIntervalBytes, keepWritten: false };
    await expect(local.repair(repair, async () => undefined)).rejects.toThrow('EIO');
    expect(local.healthy).toBe(false);
    fs.failTruncates = false;
    fs.failWritesAfterBytes = undefined;
    await local.repair(repair, async () => undefined);
    expect(local.healthy).toBe(true);
    expect((await stat(join(dir, '00000000000000000000.log'))).size).toBe(local.size);
    await local.close(true);
    expect(await readdir(dir)).toContain(CLEAN_SHUTDOWN_FILE);
  });

  it('closes every segment even when deleting one fails, and leaves no marker when not closed clean', async () => {
    const { dir, fs, local } = await openLocal();
    for (let i = 0; i < 3; i++) {
      await local.append([batchAt(local, 2)]);
      await local.roll(SEGMENT.indexIntervalBytes);
    }
    fs.failOperation('unlink', 'EACCES');
    await expect(local.deleteOldest(2)).rejects.toThrow('EACCES');
    fs.heal();
    expect(fs.openHandles).toBe(2);
    await local.close(false);
    expect(fs.openHandles).toBe(0);
    expect(await readdir(dir)).not.toContain(CLEAN_SHUTDOWN_FILE);
  });

  it('leaves the clean-shutdown marker when closed healthy', async () => {
    const { dir, local } = await openLocal();
    await local.append([batchAt(local, 1)]);
    await local.checkpointActive();
    await local.close(true);
    expect(await readdir(dir)).toContain(CLEAN_SHUTDOWN_FILE);
  });
});
