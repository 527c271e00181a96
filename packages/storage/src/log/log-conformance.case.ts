/**
 * The PartitionLog conformance suite: every log implementation must pass it unchanged.
 * `runLogConformance` is called by each implementation's own test file; the cases about
 * appending live in log-conformance-appends.case.ts, those about compressed batches in
 * log-conformance-codecs.case.ts, those about DeleteRecords and live reconfiguration in
 * log-conformance-admin.case.ts, those about transactions in log-conformance-transactions.case.ts.
 */
import { type Clock, ManualClock } from '@mini-kafka/protocol/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Inflaters } from '../record-batch/compression.js';
import { batchBases, expectError, type MakeLog, records } from '../testing/log-cases.js';
import type { LogConfig } from './log-config.js';
import { adminCases } from './log-conformance-admin.case.js';
import { appendCases } from './log-conformance-appends.case.js';
import { codecCases } from './log-conformance-codecs.case.js';
import { producerCases } from './log-conformance-producers.case.js';
import { transactionCases } from './log-conformance-transactions.case.js';
import type { PartitionLog } from './partition-log.js';

export type LogFactory = (options: {
  config?: Partial<LogConfig>;
  clock: Clock;
  inflaters?: Inflaters;
}) => Promise<PartitionLog>;

const HOUR = 60 * 60 * 1000;

export function runLogConformance(name: string, create: LogFactory): void {
  describe(`${name} conforms to PartitionLog`, () => {
    const open: PartitionLog[] = [];
    const clock = new ManualClock();
    const make: MakeLog = async (config) => {
      const log = await create({ config: { flush: 'never', ...config }, clock });
      open.push(log);
      return log;
    };
    afterEach(async () => {
      for (const log of open.splice(0)) await log.close().catch(() => undefined);
    });

    it('starts empty at offset 0', async () => {
      const log = await make();
      expect(log.logStartOffset).toBe(0);
      expect(log.logEndOffset).toBe(0);
      expect((await log.read(0)).records).toEqual([]);
      await expectError(log.read(1), 'OFFSET_OUT_OF_RANGE');
      await expectError(log.read(-1), 'OFFSET_OUT_OF_RANGE');
    });

    it('assigns contiguous offsets and reads records back exactly', async () => {
      const log = await make();
      const first = await log.append([
        { key: 'k', value: 'v', timestamp: 1000, headers: [{ key: 'h', value: Buffer.from([0, 255]) }] },
        { key: null, value: null, timestamp: 999 },
        { value: Buffer.from([1, 2, 3]), headers: [{ key: 'n', value: null }] },
      ]);
      expect(first).toMatchObject({ baseOffset: 0, lastOffset: 2, recordCount: 3 });
      const second = await log.append(records(2));
      expect(second).toMatchObject({ baseOffset: 3, lastOffset: 4 });
      expect(log.logEndOffset).toBe(5);

      const { records: read, nextOffset } = await log.read(0);
      expect(nextOffset).toBe(5);
      expect(read.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
      expect(read[0]).toEqual({
        offset: 0,
        timestamp: 1000,
        key: Buffer.from('k'),
        value: Buffer.from('v'),
        headers: [{ key: 'h', value: Buffer.from([0, 255]) }],
      });
      expect(read[1]).toMatchObject({ key: null, value: null, timestamp: 999 });
      expect(read[2]!.value).toEqual(Buffer.from([1, 2, 3]));
      expect(read[2]!.headers).toEqual([{ key: 'n', value: null }]);
      expect(read[2]!.timestamp).toBe(clock.now());
      expect(read[4]!.key?.toString()).toBe('r-1');
    });

    it('reads from inside a batch: raw returns the whole batch, decoded starts at the offset', async () => {
      const log = await make();
      await log.append(records(5, 'a'));
      await log.append(records(5, 'b'));
      const raw = await log.readRaw(7);
      expect(batchBases(Buffer.concat(raw.chunks))).toEqual([5]);
      expect(raw.nextOffset).toBe(10);
      const decoded = await log.read(7);
      expect(decoded.records.map((r) => r.offset)).toEqual([7, 8, 9]);
      expect(decoded.records[0]!.key?.toString()).toBe('b-2');
    });

    it('returns the first batch whole even past maxBytes, then only whole batches that fit', async () => {
      const log = await make();
      for (let i = 0; i < 4; i++) await log.append(records(10, `b${i}`, 100));
      const one = await log.readRaw(0, { maxBytes: 1 });
      expect(batchBases(Buffer.concat(one.chunks))).toEqual([0]);
      expect(one.nextOffset).toBe(10);
      const size = one.size;
      const two = await log.readRaw(10, { maxBytes: size * 2 + size - 1 });
      expect(batchBases(Buffer.concat(two.chunks))).toEqual([10, 20]);
      const all = await log.readRaw(0, { maxBytes: 1 << 20 });
      expect(batchBases(Buffer.concat(all.chunks))).toEqual([0, 10, 20, 30]);
      const capped = await log.read(0, { maxRecords: 3 });
      expect(capped.records.map((r) => r.offset)).toEqual([0, 1, 2]);
      expect(capped.nextOffset).toBe(3);
    });

    it('reads only up to the batch holding the last record asked for, however large maxBytes is', async () => {
      const log = await make();
      for (let i = 0; i < 6; i++) await log.append(records(10, `b${i}`, 100));
      const raw = await log.readRaw(12, { maxBytes: 1 << 24, maxRecords: 15 });
      expect(batchBases(Buffer.concat(raw.chunks))).toEqual([10, 20]);
      expect(raw.nextOffset).toBe(30);
      const decoded = await log.read(12, { maxBytes: 1 << 24, maxRecords: 15 });
      expect(decoded.records.map((r) => r.offset)).toEqual(Array.from({ length: 15 }, (_, i) => 12 + i));
      expect(decoded.nextOffset).toBe(27);
      const exact = await log.read(10, { maxRecords: 10 });
      expect(exact.records.map((r) => r.offset)).toEqual(Array.from({ length: 10 }, (_, i) => 10 + i));
      expect(exact.nextOffset).toBe(20);
    });

    it('counts records across many batches and segments without a gap or a repeat', async () => {
      // ~1 MiB of batches of 20 records across 4 segments: a read limited by a record count
      // goes through the file a window at a time and must still return every record once.
      const log = await make({ segmentBytes: 300 * 1024 });
      for (let i = 0; i < 400; i++) await log.append(records(20, `w${i}`, 120));
      for (const [from, count] of [
        [0, 8000],
        [3, 2500],
        [4099, 3000],
        [7990, 100],
      ] as const) {
        const read = await log.read(from, { maxBytes: 1 << 24, maxRecords: count });
        const expected = Math.min(count, 8000 - from);
        expect(read.records.map((r) => r.offset)).toEqual(Array.from({ length: expected }, (_, i) => from + i));
        expect(read.nextOffset).toBe(from + expected);
      }
    });

    appendCases(make);
    adminCases(make, clock);
    producerCases(make, clock);
    transactionCases(make);
    codecCases(async (inflaters) => {
      const log = await create({ config: { flush: 'never' }, clock, inflaters });
      open.push(log);
      return log;
    });

    it('finds the first offset whose timestamp is at or after a time', async () => {
      const log = await make({ segmentBytes: 1024 });
      for (let i = 0; i < 30; i++) {
        await log.append([
          { value: 'x'.repeat(50), timestamp: 10_000 + i * 100 },
          { value: 'y'.repeat(50), timestamp: 10_000 + i * 100 + 50 },
        ]);
      }
      expect(log.segmentCount).toBeGreaterThan(2);
      expect(await log.offsetForTimestamp(0)).toEqual({ offset: 0, timestamp: 10_000 });
      expect(await log.offsetForTimestamp(10_000)).toEqual({ offset: 0, timestamp: 10_000 });
      expect(await log.offsetForTimestamp(10_001)).toEqual({ offset: 1, timestamp: 10_050 });
      expect(await log.offsetForTimestamp(12_060)).toEqual({ offset: 42, timestamp: 12_100 });
      expect(await log.offsetForTimestamp(12_950)).toEqual({ offset: 59, timestamp: 12_950 });
      expect(await log.offsetForTimestamp(12_951)).toBeUndefined();
    });

    it('knows its largest timestamp across segments, even when it is not the last record', async () => {
      const log = await make({ segmentBytes: 1024 });
      expect(log.maxTimestamp).toBe(-1);
      for (let i = 0; i < 20; i++)
        await log.append([{ value: 'x'.repeat(50), timestamp: i === 7 ? 90_000 : 1_000 + i }]);
      expect(log.segmentCount).toBeGreaterThan(2);
      expect(log.maxTimestamp).toBe(90_000);
      expect(await log.offsetForTimestamp(log.maxTimestamp)).toEqual({ offset: 7, timestamp: 90_000 });
    });

    it('rolls segments by size and reads across them', async () => {
      const log = await make({ segmentBytes: 2048 });
      for (let i = 0; i < 20; i++) await log.append(records(5, `s${i}`, 60));
      expect(log.segmentCount).toBeGreaterThan(3);
      const all = await log.read(0, { maxBytes: 1 << 20 });
      expect(all.records.map((r) => r.offset)).toEqual(Array.from({ length: 100 }, (_, i) => i));
      const segments = log.segmentCount;
      await log.roll();
      expect(log.segmentCount).toBe(segments + 1);
      await log.roll();
      expect(log.segmentCount).toBe(segments + 1);
    });

    it('rolls a segment older than segmentMs on the next append', async () => {
      const log = await make({ segmentMs: HOUR });
      await log.append(records(1));
      clock.advance(HOUR / 2);
      await log.append(records(1));
      expect(log.segmentCount).toBe(1);
      clock.advance(HOUR);
      await log.append(records(1));
      expect(log.segmentCount).toBe(2);
    });

    it('deletes whole segments past retention.ms, never the active one', async () => {
      const log = await make({ segmentBytes: 1024, retentionMs: HOUR, segmentMs: 100 * HOUR });
      for (let i = 0; i < 12; i++) await log.append(records(4, `old${i}`, 60));
      const segmentsBefore = log.segmentCount;
      expect(segmentsBefore).toBeGreaterThan(2);
      clock.advance(HOUR / 2);
      expect(await log.deleteOldSegments()).toBe(0);
      clock.advance(HOUR);
      expect(await log.deleteOldSegments()).toBe(segmentsBefore - 1);
      expect(log.segmentCount).toBe(1);
      expect(log.logStartOffset).toBeGreaterThan(0);
      expect(log.logStartOffset).toBeLessThan(48);
      expect(log.logEndOffset).toBe(48);
      await expectError(log.read(0), 'OFFSET_OUT_OF_RANGE');
      const rest = await log.read(log.logStartOffset);
      expect(rest.records[rest.records.length - 1]!.offset).toBe(47);
      clock.advance(10 * HOUR);
      expect(await log.deleteOldSegments()).toBe(0);
      expect(log.logEndOffset).toBe(48);
    });

    it('deletes the oldest segments while the log exceeds retention.bytes', async () => {
      const log = await make({ segmentBytes: 1024, retentionBytes: 2048, retentionMs: -1 });
      for (let i = 0; i < 20; i++) await log.append(records(4, `s${i}`, 60));
      const deleted = await log.deleteOldSegments();
      expect(deleted).toBeGreaterThan(0);
      expect(log.size).toBeGreaterThanOrEqual(2048);
      expect(log.size).toBeLessThan(2048 + 1024 + 1024);
      const read = await log.read(log.logStartOffset, { maxBytes: 1 << 20 });
      expect(read.records[0]!.offset).toBe(log.logStartOffset);
      expect(read.records[read.records.length - 1]!.offset).toBe(79);
    });

    it('serializes concurrent appends into contiguous, distinct offsets', async () => {
      const log = await make({ segmentBytes: 4096 });
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => log.append(records(1 + (i % 3), `c${i}`, 40))),
      );
      const ranges = results.map((r) => [r.baseOffset, r.lastOffset] as const).sort((a, b) => a[0] - b[0]);
      let expected = 0;
      for (const [base, last] of ranges) {
        expect(base).toBe(expected);
        expected = last + 1;
      }
      expect(log.logEndOffset).toBe(expected);
      const read = await log.read(0, { maxBytes: 1 << 20 });
      results.forEach((result, i) => {
        expect(read.records[result.baseOffset]!.key?.toString()).toBe(`c${i}-0`);
      });
    });

    it('wakes a waiting reader when data arrives, and times out otherwise', async () => {
      const log = await make();
      expect(await log.waitForData(0, 10)).toBe(false);
      const waiting = log.waitForData(0, 10_000);
      await log.append(records(1));
      expect(await waiting).toBe(true);
      expect(await log.waitForData(0, 10_000)).toBe(true);
      const aborted = new AbortController();
      const pending = log.waitForData(5, 10_000, aborted.signal);
      aborted.abort();
      expect(await pending).toBe(false);
    });

    it('refuses appends and reads once closed', async () => {
      const log = await make();
      await log.append(records(1));
      await log.close();
      await expectError(log.append(records(1)), 'KAFKA_STORAGE_ERROR');
      await expectError(log.read(0), 'KAFKA_STORAGE_ERROR');
    });
  });
}
