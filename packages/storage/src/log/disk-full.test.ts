/**
 * A real full disk: a LogManager on an 8 MiB tmpfs filled until appends fail with ENOSPC.
 * Nothing acknowledged may be lost, every refusal must name the cause, and deleting data
 * (a topic, DeleteRecords) must give its space back at once, so appends and topic creation
 * work again without a restart. Skipped, saying why, where a tmpfs cannot be mounted.
 */
import { mountSmallDisk, type SmallDisk } from '@mini-kafka/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogManager } from './log-manager.js';

const MIB = 1024 * 1024;
let disk: SmallDisk | string = 'not mounted';
beforeAll(async () => {
  disk = await mountSmallDisk(8 * MIB);
});
afterAll(async () => {
  if (typeof disk !== 'string') await disk.unmount();
});

/** Appends `size`-byte records to `topic` until the disk refuses; resolves to the values acknowledged. */
async function fill(logs: LogManager, topic: string, size: number): Promise<{ acked: string[]; error: Error }> {
  const acked: string[] = [];
  for (let i = 0; ; i++) {
    const value = `${topic}-${i}-`.padEnd(size, 'x');
    try {
      await logs.getLog(topic, 0).append([{ value }]);
      acked.push(value);
    } catch (error) {
      return { acked, error: error as Error };
    }
  }
}

async function values(logs: LogManager, topic: string): Promise<string[]> {
  const log = logs.getLog(topic, 0);
  const read: string[] = [];
  for (let offset = log.logStartOffset; offset < log.highWatermark; ) {
    const result = await log.read(offset, { maxBytes: 4 * MIB });
    read.push(...result.records.map((r) => r.value!.toString()));
    offset = result.nextOffset;
  }
  return read;
}

describe('LogManager on a full disk (8 MiB tmpfs)', () => {
  it('refuses clearly when full, loses nothing acknowledged, and works again once a topic is deleted', async (ctx) => {
    if (typeof disk === 'string') return ctx.skip(disk);
    const dataDir = disk.path;
    const logs = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0, defaults: { segmentBytes: MIB } });
    try {
      await logs.createTopic('big');
      await logs.createTopic('small');
      const big = await fill(logs, 'big', 64 * 1024);
      expect(big.error.message).toBe(
        `Append to big-0 failed: no space left on the data directory's device (ENOSPC); nothing was written`,
      );
      // Down to the last bytes: every size refused, the small topic too.
      let small: string[] = [];
      for (let size = 32 * 1024; size >= 16; size = Math.floor(size / 4))
        small.push(...(await fill(logs, 'small', size)).acked);
      expect(await disk.freeBytes()).toBeLessThan(64 * 1024);
      expect(await values(logs, 'big')).toEqual(big.acked);
      expect(await values(logs, 'small')).toEqual(small);
      const refused = await logs.createTopic('later', { partitions: 2 }).catch((error: unknown) => error as Error);
      expect((refused as Error).message).toMatch(
        /^Cannot create topic "later": no space left on the data directory's device \(ENOSPC\)$/,
      );
      expect(logs.hasTopic('later')).toBe(false);

      const free = await disk.freeBytes();
      await logs.deleteTopic('big');
      expect(await disk.freeBytes()).toBeGreaterThan(free + 6 * MIB);

      // No restart: the partition that failed takes appends, topics can be created.
      const next = await logs.getLog('small', 0).append([{ value: 'after' }]);
      small = [...small, 'after'];
      expect(next.baseOffset).toBe(small.length - 1);
      await logs.createTopic('later', { partitions: 2 });
      await logs.getLog('later', 1).append([{ value: 'new' }]);
      expect(await values(logs, 'small')).toEqual(small);
    } finally {
      await logs.close();
    }
    const reopened = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    expect(reopened.listTopics().map((t) => t.name)).toEqual(['later', 'small']);
    await reopened.close();
  });

  it('gives the space of segments DeleteRecords removes back at once', async (ctx) => {
    if (typeof disk === 'string') return ctx.skip(disk);
    const logs = await LogManager.open({
      dataDir: disk.path,
      retentionCheckIntervalMs: 0,
      defaults: { segmentBytes: MIB },
    });
    try {
      await logs.createTopic('records');
      const { acked } = await fill(logs, 'records', 64 * 1024);
      const log = logs.getLog('records', 0);
      const free = await disk.freeBytes();
      await log.deleteRecords(log.highWatermark);
      expect(await disk.freeBytes()).toBeGreaterThan(free + 5 * MIB);
      expect((await log.append([{ value: 'after' }])).baseOffset).toBe(acked.length);
      await logs.deleteTopic('records');
    } finally {
      await logs.close();
    }
  });

  it('deletes records on a disk full to the last block, and the new log start survives a restart', async (ctx) => {
    if (typeof disk === 'string') return ctx.skip(disk);
    const dataDir = disk.path;
    const logs = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0, defaults: { segmentBytes: MIB } });
    let start: number;
    try {
      await logs.createTopic('full');
      let acked = 0;
      for (let size = 64 * 1024; size >= 16; size = Math.floor(size / 4))
        acked += (await fill(logs, 'full', size)).acked.length;
      expect(await disk.freeBytes()).toBeLessThan(64 * 1024);
      const log = logs.getLog('full', 0);
      expect(log.highWatermark).toBe(acked);
      const free = await disk.freeBytes();
      start = await log.deleteRecords(acked);
      expect(start).toBe(acked);
      expect(log.logStartOffset).toBe(acked);
      expect(await disk.freeBytes()).toBeGreaterThan(free + 6 * MIB);
      expect((await log.append([{ value: 'after' }])).baseOffset).toBe(acked);
    } finally {
      await logs.close();
    }
    const reopened = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    try {
      const log = reopened.getLog('full', 0);
      expect(log.logStartOffset).toBe(start);
      expect((await log.read(start, { maxBytes: MIB })).records.map((r) => r.value?.toString())).toEqual(['after']);
      await reopened.deleteTopic('full');
    } finally {
      await reopened.close();
    }
  });
});
