/**
 * The background scrub (log-scrub.ts): damage at rest that the open trusts without reading
 * (a closed segment, the tail after a clean stop) is found, reported, kept aside and made
 * unreadable by range only; index entries that disagree with the batches are rebuilt.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type BatchAt, batchesOf, flipByte, readOffsets, segmentPath } from '../testing/damage-fixtures.js';
import { DAMAGED_DIRECTORY } from './damaged-bytes.js';
import { Log } from './log.js';
import type { ScrubReport } from './log-scrub.js';
import { describePartition } from './partition-health.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const BASE_TIME = Date.now() - 60_000;
const COUNT = 1200;
const CONFIG = { segmentBytes: 16 * 1024, indexIntervalBytes: 2048 } as const;

/** A log, closed cleanly, whose record n has timestamp BASE_TIME + n, 20 to a batch; its segments' base offsets. */
async function timedLog(directory: string): Promise<number[]> {
  const log = await Log.open({ directory, config: { flush: 'never', ...CONFIG }, topic: 'orders', partition: 0 });
  for (let offset = 0; offset < COUNT; offset += 20) {
    await log.append(
      Array.from({ length: 20 }, (_, i) => ({
        value: `value of record ${offset + i}`.padEnd(48, '.'),
        timestamp: BASE_TIME + offset + i,
      })),
    );
  }
  const segments = log.segmentBaseOffsets;
  await log.close();
  expect(segments.length).toBeGreaterThan(3);
  return segments;
}

function open(directory: string, flush: 'always' | 'never' = 'always'): Promise<Log> {
  return Log.open({ directory, config: { flush, ...CONFIG }, topic: 'orders', partition: 0 });
}

/** The middle batch of segment `base` of `directory`. */
async function middleBatch(directory: string, base: number) {
  const batches = await batchesOf(segmentPath(directory, base));
  return batches[Math.floor(batches.length / 2)]!;
}

/** A log whose middle batch of segment `base` (picked from the segments) has a bit flipped `at` bytes in, opened. */
async function openDamaged(pick: (segments: number[]) => number, at: (victim: BatchAt) => number, mask: number) {
  const directory = await dirs.make();
  const segments = await timedLog(directory);
  const base = pick(segments);
  const victim = await middleBatch(directory, base);
  await flipByte(segmentPath(directory, base), at(victim), mask);
  return { directory, base, victim, log: await open(directory) };
}

/** A bit of a record's value in the batch: the CRC fails, the framing holds. */
const inValue = (victim: BatchAt): number => victim.position + victim.size - 10;

async function errorAt(log: Log, offset: number): Promise<unknown> {
  return log.read(offset).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('the scrub finds bad bytes the open trusted', () => {
  for (const where of ['closed', 'tail'] as const) {
    it(`in a ${where} segment after a clean stop: reported, kept aside, only its range unreadable`, async () => {
      const pick = (segments: number[]) => (where === 'closed' ? segments[1]! : segments.at(-1)!);
      const { directory, base, victim, log } = await openDamaged(pick, inValue, 0x04);
      try {
        expect(log.loadReport.damage).toEqual([]);
        const report = await log.scrub();
        expect(report.damage).toHaveLength(1);
        const [found] = log.loadReport.damage;
        expect(found).toMatchObject({
          fromOffset: victim.baseOffset,
          lastOffset: victim.lastOffset,
          fromByte: victim.position,
          droppedBytes: victim.size,
          reason: 'crc-mismatch',
          closedSegment: true,
          dataLoss: true,
        });
        const kept = await readFile(found!.keptAs!);
        const segment = await readFile(segmentPath(directory, base));
        expect(kept.equals(segment.subarray(victim.position, victim.position + victim.size))).toBe(true);
        expect(describePartition(log).damage?.ranges).toEqual([{ from: victim.baseOffset, to: victim.lastOffset }]);
        expect(isMiniKafkaError(await errorAt(log, victim.baseOffset + 3), 'CORRUPT_MESSAGE')).toBe(true);
        // Past the range the log serves, to its end; before it, up to the range.
        const after = await readOffsets(log, victim.lastOffset + 1);
        expect(after.error).toBeUndefined();
        expect(after.offsets.at(-1)).toBe(COUNT - 1);
        const before = await readOffsets(log, victim.baseOffset - 40);
        expect(before.offsets.at(-1)).toBe(victim.baseOffset - 1);
        expect(isMiniKafkaError(before.error, 'CORRUPT_MESSAGE')).toBe(true);
        // Seeks by time: into the range fails, past it answers right.
        await expect(log.offsetForTimestamp(BASE_TIME + victim.baseOffset + 1)).rejects.toThrow(/missing/);
        const later = victim.lastOffset + 5;
        expect((await log.offsetForTimestamp(BASE_TIME + later))?.offset).toBe(later);
        // New records follow the old log end; a second scrub finds nothing new and copies nothing again.
        expect((await log.append([{ value: 'after' }])).baseOffset).toBe(COUNT);
        expect((await log.scrub()).damage).toEqual([]);
        expect(await readdir(join(directory, DAMAGED_DIRECTORY))).toHaveLength(1);
      } finally {
        await log.close();
      }
    });
  }

  it("a batch's length broken in a closed segment: only that batch's offsets are lost", async () => {
    const { victim, log } = await openDamaged(
      (segments) => segments[0]!,
      (batch) => batch.position + 9,
      0x02,
    );
    try {
      await log.scrub();
      expect(log.loadReport.damage).toMatchObject([
        { fromOffset: victim.baseOffset, lastOffset: victim.lastOffset, fromByte: victim.position },
      ]);
      expect((await log.read(victim.lastOffset + 1)).records[0]?.offset).toBe(victim.lastOffset + 1);
      expect(isMiniKafkaError(await errorAt(log, victim.baseOffset), 'CORRUPT_MESSAGE')).toBe(true);
    } finally {
      await log.close();
    }
  });

  it('a read that meets bad bytes no scrub has reached scrubs their segment, once', async () => {
    const { victim, log } = await openDamaged((segments) => segments[1]!, inValue, 0x04);
    try {
      const reports: ScrubReport[] = [];
      log.onDamageFound((report) => reports.push(report));
      expect(isMiniKafkaError(await errorAt(log, victim.baseOffset), 'CORRUPT_MESSAGE')).toBe(true);
      for (let i = 0; i < 100 && reports.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(reports).toHaveLength(1);
      expect(reports[0]!.segments).toBe(1);
      expect(log.loadReport.damage).toMatchObject([{ fromOffset: victim.baseOffset, lastOffset: victim.lastOffset }]);
      // Known now: the same read fails again without another scrub, and the background scrub adds nothing.
      expect(isMiniKafkaError(await errorAt(log, victim.baseOffset + 1), 'CORRUPT_MESSAGE')).toBe(true);
      expect((await log.scrub()).damage).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(reports).toHaveLength(1);
      expect(log.loadReport.damage).toHaveLength(1);
    } finally {
      await log.close();
    }
  });

  it('walks in windows smaller than a batch, or ending inside one, and finds the same', async () => {
    for (const windowBytes of [700, 3000]) {
      const { victim, log } = await openDamaged((segments) => segments[1]!, inValue, 0x04);
      try {
        const report = await log.scrub({ windowBytes });
        expect(report.bytes).toBe(log.size);
        expect(report.damage).toMatchObject([{ fromOffset: victim.baseOffset, lastOffset: victim.lastOffset }]);
      } finally {
        await log.close();
      }
    }
  });

  it('stops within a window once told to', async () => {
    const { log } = await openDamaged((segments) => segments[1]!, inValue, 0x04);
    try {
      const report = await log.scrub({ windowBytes: 4096, stopped: () => true });
      expect(report).toMatchObject({ segments: 0, bytes: 0, damage: [] });
    } finally {
      await log.close();
    }
  });

  it('finds nothing in a whole log, having read all of it', async () => {
    const directory = await dirs.make();
    await timedLog(directory);
    const log = await open(directory);
    try {
      const report = await log.scrub();
      expect(report).toMatchObject({ damage: [], rebuiltIndexes: [] });
      expect(report.bytes).toBe(log.size);
      expect(report.segments).toBe(log.segmentCount);
    } finally {
      await log.close();
    }
  });
});

describe('the scrub rebuilds indexes that disagree with the batches', () => {
  it('an .index entry moved inside its batch, entries still in order', async () => {
    const directory = await dirs.make();
    const segments = await timedLog(directory);
    const indexFile = segmentPath(directory, segments[0]!, '.index');
    const index = await readFile(indexFile);
    expect(index.length).toBeGreaterThanOrEqual(16);
    // Entry 0's position, 5 bytes on: inside its batch, still below entry 1's.
    index.writeInt32BE(index.readInt32BE(4) + 5, 4);
    const entryOffset = index.readInt32BE(0);
    await writeFile(indexFile, index);
    const log = await open(directory);
    try {
      const reports: ScrubReport[] = [];
      log.onDamageFound((report) => reports.push(report));
      // The read fails, and has the segment scrubbed: its index is rebuilt, nothing is damaged.
      expect(isMiniKafkaError(await errorAt(log, entryOffset), 'CORRUPT_MESSAGE')).toBe(true);
      for (let i = 0; i < 100 && reports.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(reports[0]?.rebuiltIndexes.map((rebuilt) => rebuilt.baseOffset)).toEqual([segments[0]]);
      expect(reports[0]?.damage).toEqual([]);
      expect(log.loadReport.damage).toEqual([]);
      expect((await readOffsets(log, 0)).error).toBeUndefined();
      expect((await log.offsetForTimestamp(BASE_TIME + entryOffset + 2))?.offset).toBe(entryOffset + 2);
      // Written back (temporary file, then rename): the entry points at its batch again.
      const rewritten = await readFile(indexFile);
      const batches = await batchesOf(segmentPath(directory, segments[0]!));
      for (let at = 0; at < rewritten.length; at += 8) {
        const batch = batches.find((b) => b.position === rewritten.readInt32BE(at + 4));
        expect(batch?.baseOffset).toBe(rewritten.readInt32BE(at));
      }
    } finally {
      await log.close();
    }
  });

  it('a .timeindex entry made earlier, entries still in order', async () => {
    const directory = await dirs.make();
    const segments = await timedLog(directory);
    const file = segmentPath(directory, segments[1]!, '.timeindex');
    const bytes = await readFile(file);
    const first = bytes.readBigInt64BE(0);
    bytes.writeBigInt64BE(first - 1_000_000n, 0);
    await writeFile(file, bytes);
    const log = await open(directory);
    try {
      const wanted = segments[1]! + 1;
      // The wrong entry sends the seek past the record asked for.
      expect((await log.offsetForTimestamp(BASE_TIME + wanted))?.offset).not.toBe(wanted);
      const report = await log.scrub();
      expect(report.rebuiltIndexes.map((rebuilt) => rebuilt.baseOffset)).toEqual([segments[1]]);
      expect((await log.offsetForTimestamp(BASE_TIME + wanted))?.offset).toBe(wanted);
    } finally {
      await log.close();
    }
  });
});
