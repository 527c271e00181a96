/**
 * Conformance cases about what admins change under a running log, part of
 * `runLogConformance`: DeleteRecords (the log start offset moves up; reads, seeks by time and
 * retention respect it) and live reconfiguration (retention, rolling and the batch limit
 * follow the new settings at once).
 */
import type { ManualClock } from '@mini-kafka/protocol/core';
import { expect, it } from 'vitest';
import { encodeRecordBatch } from '../record-batch/encode.js';
import { expectError, type MakeLog, records } from '../testing/log-cases.js';

/** Registers the admin cases; `make` opens a fresh log of the implementation under test on `clock`. */
export function adminCases(make: MakeLog, clock: ManualClock): void {
  it('deletes records: reads below the new start are out of range, reads from it start there', async () => {
    const log = await make({ segmentBytes: 1024 });
    for (let i = 0; i < 10; i++) await log.append(records(5, `b${i}`, 60));
    const segments = log.segmentCount;
    expect(segments).toBeGreaterThan(3);

    expect(await log.deleteRecords(23)).toBe(23);
    expect(log.logStartOffset).toBe(23);
    expect(log.logEndOffset).toBe(50);
    await expectError(log.read(22), 'OFFSET_OUT_OF_RANGE');
    await expectError(log.readRaw(0), 'OFFSET_OUT_OF_RANGE');
    const read = await log.read(23);
    expect(read.records[0]).toMatchObject({ offset: 23 });
    expect(read.records[0]!.key?.toString()).toBe('b4-3');
    expect(read.logStartOffset).toBe(23);
    expect((await log.readRaw(30)).logStartOffset).toBe(23);
    // Whole segments below the start are gone; the one holding it stays.
    expect(log.segmentCount).toBeLessThan(segments);

    // Below or at the start: nothing changes. Past the high watermark: refused.
    expect(await log.deleteRecords(10)).toBe(23);
    await expectError(log.deleteRecords(51), 'OFFSET_OUT_OF_RANGE');
    await expectError(log.deleteRecords(-1), 'OFFSET_OUT_OF_RANGE');
    expect(log.logStartOffset).toBe(23);
  });

  it('deletes every record up to the high watermark, and appends go on from there', async () => {
    const log = await make({ segmentBytes: 1024 });
    for (let i = 0; i < 6; i++) await log.append(records(5, `b${i}`, 60));
    expect(await log.deleteRecords(log.highWatermark)).toBe(30);
    expect(log.segmentCount).toBe(1);
    expect(log.size).toBe(0);
    expect((await log.read(30)).records).toEqual([]);
    await expectError(log.read(29), 'OFFSET_OUT_OF_RANGE');
    const appended = await log.append(records(2, 'after'));
    expect(appended.baseOffset).toBe(30);
    expect((await log.read(30)).records.map((r) => r.key?.toString())).toEqual(['after-0', 'after-1']);
  });

  it('seeks by time only among records at or above the log start offset', async () => {
    const log = await make({ segmentBytes: 1024 });
    for (let i = 0; i < 20; i++) await log.append([{ value: 'v'.repeat(100), timestamp: 1000 + i }]);
    await log.deleteRecords(7);
    expect(await log.offsetForTimestamp(0)).toEqual({ offset: 7, timestamp: 1007 });
    expect(await log.offsetForTimestamp(1012)).toEqual({ offset: 12, timestamp: 1012 });
  });

  it('applies new retention, segment and batch settings live', async () => {
    const log = await make({ segmentBytes: 1024 * 1024, retentionMs: -1 });
    const start = clock.now();
    for (let i = 0; i < 5; i++) await log.append([{ value: 'v'.repeat(300), timestamp: start }]);
    expect(log.segmentCount).toBe(1);

    log.reconfigure({ ...log.config, segmentBytes: 1024 });
    for (let i = 0; i < 5; i++) await log.append([{ value: 'w'.repeat(300), timestamp: start }]);
    expect(log.segmentCount).toBeGreaterThan(2);
    expect(log.config.segmentBytes).toBe(1024);

    clock.advance(60_000);
    expect(await log.deleteOldSegments()).toBe(0);
    log.reconfigure({ ...log.config, retentionMs: 1000 });
    expect(await log.deleteOldSegments()).toBeGreaterThan(0);
    expect(log.logStartOffset).toBeGreaterThan(0);

    const big = encodeRecordBatch([{ value: 'x'.repeat(2000) }]);
    log.reconfigure({ ...log.config, maxBatchBytes: 1000 });
    await expectError(log.appendBatch(big), 'MESSAGE_TOO_LARGE');
    log.reconfigure({ ...log.config, maxBatchBytes: 4096 });
    expect((await log.appendBatch(big)).baseOffset).toBe(10);
  });

  it('lets retention delete segments the log start offset has passed', async () => {
    const log = await make({ segmentBytes: 1024, retentionMs: -1 });
    for (let i = 0; i < 10; i++) await log.append(records(5, `b${i}`, 60));
    const before = log.segmentCount;
    await log.deleteRecords(48);
    expect(log.segmentCount).toBeLessThan(before);
    expect(await log.deleteOldSegments()).toBe(0);
    expect(log.logStartOffset).toBe(48);
  });
}
