/**
 * Issue 9, "damaged segments are skipped or cut silently": a closed segment cut inside a
 * batch, and a tail segment damaged before an unclean stop. Reads never jump over missing
 * offsets, every cut is reported with its offsets and bytes, the bytes are kept aside, new
 * records never take the offsets of lost ones, and records lost under flush `always` are
 * reported as data loss.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileSystem } from '../fs/file-system.js';
import { nodeFileSystem } from '../fs/node-file-system.js';
import {
  batchesOf,
  batchHolding,
  cutFile,
  fillLog,
  flipByte,
  readOffsets,
  segmentPath,
} from '../testing/damage-fixtures.js';
import { describeDamage } from './damage-report.js';
import { Log } from './log.js';
import { describePartition } from './partition-health.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const NAME = { topic: 'orders', partition: 0 };

async function reopen(directory: string, flush: 'always' | 'never' = 'never'): Promise<Log> {
  return Log.open({ directory, config: { flush, segmentBytes: 16 * 1024 }, ...NAME });
}

describe('a closed segment cut inside a batch', () => {
  async function cutClosedSegment(): Promise<{
    directory: string;
    from: number;
    to: number;
    cutAt: number;
    size: number;
  }> {
    const directory = await dirs.make();
    const { log, segments } = await fillLog(directory, 2000);
    await log.close();
    expect(segments.length).toBeGreaterThan(3);
    // The second segment: cut inside its middle batch, as a damaged disk or a bad copy leaves it.
    const file = segmentPath(directory, segments[1]!);
    const batches = await batchesOf(file);
    const victim = batches[Math.floor(batches.length / 2)]!;
    const size = (await stat(file)).size;
    await cutFile(file, victim.position + 30);
    return { directory, from: victim.baseOffset, to: segments[2]! - 1, cutAt: victim.position, size };
  }

  it('fails a read that reaches the missing offsets instead of jumping to the next segment', async () => {
    const { directory, from, to } = await cutClosedSegment();
    const log = await reopen(directory);
    try {
      expect(log.logEndOffset).toBe(2000);
      const { offsets, error } = await readOffsets(log, from - 1);
      expect(offsets).toEqual([from - 1]);
      expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE')).toBe(true);
      expect((error as Error).message).toContain(`${from} to ${to}`);
      expect((error as { details: object }).details).toMatchObject({ topic: 'orders', partition: 0, offset: from });
      // Inside the missing range: the same error; past it, the log serves again.
      await expect(log.read(from + 5)).rejects.toThrow(/missing/);
      expect((await log.read(to + 1)).records[0]?.offset).toBe(to + 1);
      expect((await readOffsets(log, 0)).offsets).toEqual(Array.from({ length: from }, (_, i) => i));
    } finally {
      await log.close();
    }
  });

  it('reports the damage, keeps the segment file whole and a copy of the bytes aside', async () => {
    const { directory, from, to, cutAt, size } = await cutClosedSegment();
    const log = await reopen(directory, 'always');
    try {
      const [damage] = log.loadReport.damage;
      expect(log.loadReport.damage).toHaveLength(1);
      expect(damage).toMatchObject({
        ...NAME,
        fromOffset: from,
        lastOffset: to,
        droppedRecords: to - from + 1,
        fromByte: cutAt,
        droppedBytes: 30,
        reason: 'truncated',
        closedSegment: true,
        dataLoss: true,
      });
      expect(damage!.segment).toMatch(/^\d{20}\.log$/);
      expect(log.loadReport.truncatedBytes).toBe(0);
      expect((await stat(join(directory, damage!.segment))).size).toBe(cutAt + 30);
      expect(size).toBeGreaterThan(cutAt + 30);
      const kept = await readFile(damage!.keptAs!);
      expect(kept.equals((await readFile(join(directory, damage!.segment))).subarray(cutAt))).toBe(true);
      expect(describePartition(log).damage).toEqual({
        droppedRecords: to - from + 1,
        droppedBytes: 30,
        at: from,
        ranges: [{ from, to }],
        dataLoss: true,
      });
    } finally {
      await log.close();
    }
    // Reported again at the next open (the damage is still there), without a second copy.
    const again = await reopen(directory);
    expect(again.loadReport.damage).toMatchObject([{ fromOffset: from, lastOffset: to, dataLoss: false }]);
    expect(await readdir(join(directory, 'damaged'))).toHaveLength(1);
    await again.close();
  });
});

describe('a tail segment damaged before an unclean stop', () => {
  async function damageTail(flush: 'always' | 'never'): Promise<{ directory: string; from: number; tail: number }> {
    const directory = await dirs.make();
    const { log, segments } = await fillLog(directory, 2000, { flush, segmentBytes: 64 * 1024 });
    // No close: the process dies. Then a byte of a batch well inside the tail goes bad.
    const tail = segments.at(-1)!;
    expect(tail).toBeLessThan(1700);
    const victim = await batchHolding(segmentPath(directory, tail), 1760);
    await flipByte(segmentPath(directory, tail), victim.position + 100);
    void log;
    return { directory, from: victim.baseOffset, tail };
  }

  it('reports the cut with its offsets and bytes, keeps the bytes aside and never reuses the lost offsets', async () => {
    const { directory, from, tail } = await damageTail('never');
    const sizeBefore = (await stat(segmentPath(directory, tail))).size;
    const log = await reopen(directory);
    try {
      expect(log.loadReport.cleanShutdown).toBe(false);
      expect(log.loadReport.damage).toHaveLength(1);
      const damage = log.loadReport.damage[0]!;
      expect(damage).toMatchObject({
        ...NAME,
        fromOffset: from,
        lastOffset: 1999,
        droppedRecords: 2000 - from,
        reason: 'crc-mismatch',
        closedSegment: false,
        tornWrite: false,
        dataLoss: false,
      });
      expect(damage.droppedBytes).toBe(sizeBefore - damage.fromByte);
      expect(log.loadReport.truncatedBytes).toBe(damage.droppedBytes);
      expect((await readFile(damage.keptAs!)).length).toBe(damage.droppedBytes);

      // The next record gets 2000, not a lost offset; the lost ones read as missing.
      expect(log.logEndOffset).toBe(2000);
      expect(await log.append([{ value: 'after recovery' }])).toMatchObject({ baseOffset: 2000 });
      const { offsets, error } = await readOffsets(log, from - 3);
      expect(offsets).toEqual([from - 3, from - 2, from - 1]);
      expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE')).toBe(true);
      expect((await log.read(2000)).records[0]?.value?.toString()).toBe('after recovery');
      expect(describePartition(log).damage).toMatchObject({ droppedRecords: 2000 - from, dataLoss: false });
    } finally {
      await log.close();
    }
    const again = await reopen(directory);
    expect(again.logEndOffset).toBe(2001);
    expect(again.loadReport.damage).toMatchObject([{ fromOffset: from, lastOffset: 1999, droppedBytes: 0 }]);
    await again.close();
  });

  it('reports records lost under flush always as data loss', async () => {
    const { directory, from } = await damageTail('always');
    const log = await reopen(directory, 'always');
    try {
      expect(log.loadReport.damage).toMatchObject([{ fromOffset: from, lastOffset: 1999, dataLoss: true }]);
      expect(describePartition(log).damage).toMatchObject({
        droppedRecords: 2000 - from,
        at: from,
        ranges: [{ from, to: 1999 }],
        dataLoss: true,
      });
    } finally {
      await log.close();
    }
  });

  it('cuts a torn final write as before: reported, kept aside, its offsets reused, no data loss', async () => {
    const directory = await dirs.make();
    const { log, segments } = await fillLog(directory, 200, { flush: 'always' });
    const tail = segmentPath(directory, segments.at(-1)!);
    const last = (await batchesOf(tail)).at(-1)!;
    // The last write was cut short by the crash: only its first 70 bytes reached the file.
    await cutFile(tail, last.position + 70);
    void log;
    const reopened = await reopen(directory, 'always');
    try {
      expect(reopened.loadReport.damage).toMatchObject([
        {
          fromOffset: last.baseOffset,
          lastOffset: last.lastOffset,
          droppedBytes: 70,
          tornWrite: true,
          dataLoss: false,
        },
      ]);
      expect(reopened.logEndOffset).toBe(last.baseOffset);
      expect(describePartition(reopened).damage).toBeUndefined();
      expect(await reopened.append([{ value: 'next' }])).toMatchObject({ baseOffset: last.baseOffset });
    } finally {
      await reopened.close();
    }
  });
});

describe('damaged bytes that cannot be kept aside', () => {
  it('stop the open with nothing cut, so the partition goes offline instead of losing them', async () => {
    const directory = await dirs.make();
    const { segments } = await fillLog(directory, 500, { segmentBytes: 64 * 1024 });
    const tail = segmentPath(directory, segments.at(-1)!);
    await flipByte(tail, (await batchHolding(tail, 260)).position + 100);
    const size = (await stat(tail)).size;
    const full: FileSystem = {
      ...nodeFileSystem,
      createExclusive: () =>
        Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
    };
    await expect(Log.open({ directory, fs: full, ...NAME })).rejects.toThrow(/ENOSPC/);
    expect((await stat(tail)).size).toBe(size);
    const reopened = await reopen(directory);
    expect(reopened.loadReport.damage).toMatchObject([{ fromOffset: 260, lastOffset: 499 }]);
    await reopened.close();
  });

  it('but an interrupted write is cut without a copy on a full disk, so the partition serves', async () => {
    const directory = await dirs.make();
    const { log, segments } = await fillLog(directory, 200, { flush: 'always' });
    void log;
    const tail = segmentPath(directory, segments.at(-1)!);
    const last = (await batchesOf(tail)).at(-1)!;
    await cutFile(tail, last.position + 70);
    const full: FileSystem = {
      ...nodeFileSystem,
      createExclusive: () =>
        Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
    };
    const reopened = await Log.open({
      directory,
      fs: full,
      config: { flush: 'always', segmentBytes: 16 * 1024 },
      ...NAME,
    });
    try {
      const [damage] = reopened.loadReport.damage;
      expect(damage).toMatchObject({
        fromOffset: last.baseOffset,
        tornWrite: true,
        dataLoss: false,
        keptAs: undefined,
      });
      expect(describeDamage(damage!)).toMatch(/cut an interrupted write of 70 bytes .* not kept: no space for a copy$/);
      expect(reopened.logEndOffset).toBe(last.baseOffset);
      expect(await reopened.append([{ value: 'next' }])).toMatchObject({ baseOffset: last.baseOffset });
    } finally {
      await reopened.close();
    }
    expect(await readdir(join(directory, 'damaged')).catch(() => [])).toEqual([]);
  });
});
