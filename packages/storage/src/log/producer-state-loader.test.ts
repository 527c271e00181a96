import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ManualClock } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { expectError } from '../testing/log-cases.js';
import { Log } from './log.js';
import type { LogConfig } from './log-config.js';
import { producerBatch } from './log-conformance-producers.case.js';
import { parseSnapshotFileName } from './producer-snapshot.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

function open(directory: string, config: Partial<LogConfig> = {}, clock = new ManualClock()): Promise<Log> {
  return Log.open({ directory, config: { flush: 'always', ...config }, clock, topic: 't', partition: 0 });
}

async function snapshots(directory: string): Promise<number[]> {
  return (await readdir(directory))
    .map(parseSnapshotFileName)
    .filter((offset): offset is number => offset !== undefined)
    .sort((a, b) => a - b);
}

/** Writes `batches` batches of 3 records for each of producers 1 and 2, rolling every few. */
async function fill(log: Log, batches: number): Promise<void> {
  for (let i = 0; i < batches; i++) {
    await log.appendBatch(producerBatch(1, 0, i * 3));
    await log.appendBatch(producerBatch(2, 4, i * 3));
  }
}

describe('Log producer state across reopen', () => {
  it('snapshots on clean close and reopens from it without scanning; retries still dedupe', async () => {
    const dir = await dirs.make();
    const log = await open(dir);
    await fill(log, 4);
    const last = await log.appendBatch(producerBatch(1, 0, 12));
    await log.close();
    expect(await snapshots(dir)).toEqual([27]);

    const reopened = await open(dir);
    try {
      expect(reopened.producerLoadReport).toMatchObject({ snapshotOffset: 27, batchesScanned: 0 });
      expect(await reopened.appendBatch(producerBatch(1, 0, 12))).toMatchObject({ baseOffset: last.baseOffset });
      await expectError(reopened.appendBatch(producerBatch(2, 3, 12)), 'INVALID_PRODUCER_EPOCH');
      await expectError(reopened.appendBatch(producerBatch(2, 4, 15)), 'OUT_OF_ORDER_SEQUENCE_NUMBER');
      expect(reopened.logEndOffset).toBe(27);
    } finally {
      await reopened.close();
    }
  });

  it('rebuilds from the log alone when there is no snapshot', async () => {
    const dir = await dirs.make();
    const log = await open(dir, { segmentBytes: 1024 });
    await fill(log, 10);
    await log.close();
    for (const offset of await snapshots(dir)) await unlink(join(dir, `${String(offset).padStart(20, '0')}.snapshot`));

    const reopened = await open(dir);
    try {
      expect(reopened.producerLoadReport.snapshotOffset).toBe(-1);
      expect(reopened.producerLoadReport.batchesScanned).toBe(20);
      expect(reopened.producerState.entries().map((entry) => [entry.producerId, entry.batches.length])).toEqual([
        [1, 5],
        [2, 5],
      ]);
      expect(await reopened.appendBatch(producerBatch(2, 4, 27))).toMatchObject({ baseOffset: 57 });
      expect(reopened.logEndOffset).toBe(60);
    } finally {
      await reopened.close();
    }
  });

  it('after a crash, starts from the snapshot of the last roll and scans only the batches after it', async () => {
    const dir = await dirs.make();
    const log = await open(dir, { segmentBytes: 1024 });
    await fill(log, 10);
    const rolls = await snapshots(dir);
    expect(rolls.length).toBeGreaterThan(1);
    const lastRoll = rolls[rolls.length - 1]!;
    // Not closed: as after a SIGKILL, only what each append made durable is there.
    const reopened = await open(dir, { segmentBytes: 1024 });
    try {
      expect(reopened.loadReport.cleanShutdown).toBe(false);
      expect(reopened.producerLoadReport.snapshotOffset).toBe(lastRoll);
      expect(reopened.producerLoadReport.batchesScanned).toBe((60 - lastRoll) / 3);
      expect(await reopened.appendBatch(producerBatch(1, 0, 27))).toMatchObject({ baseOffset: 54 });
    } finally {
      await reopened.close();
      await log.close().catch(() => undefined);
    }
  });

  it('ignores and removes a corrupt snapshot, falling back to an earlier one', async () => {
    const dir = await dirs.make();
    const log = await open(dir, { segmentBytes: 1024 });
    await fill(log, 10);
    await log.close();
    const offsets = await snapshots(dir);
    const newest = join(dir, `${String(offsets[offsets.length - 1]).padStart(20, '0')}.snapshot`);
    const bytes = await readFile(newest);
    bytes[bytes.length - 1]! ^= 0xff;
    await writeFile(newest, bytes);

    const reopened = await open(dir);
    try {
      expect(reopened.producerLoadReport.snapshotOffset).toBe(offsets[offsets.length - 2]);
      expect(reopened.producerLoadReport.snapshotsRemoved).toBe(1);
      expect(await reopened.appendBatch(producerBatch(1, 0, 27))).toMatchObject({ baseOffset: 54 });
      expect(await reopened.appendBatch(producerBatch(2, 4, 15))).toMatchObject({ baseOffset: 33 });
    } finally {
      await reopened.close();
    }
  });

  it('removes a snapshot past the log end, and snapshots below the log start after retention', async () => {
    const dir = await dirs.make();
    const clock = new ManualClock();
    const log = await open(dir, { segmentBytes: 1024, retentionBytes: 600 }, clock);
    await fill(log, 10);
    await log.close();
    await writeFile(join(dir, `${String(1000).padStart(20, '0')}.snapshot`), Buffer.from('stale'));

    const reopened = await open(dir, { segmentBytes: 1024, retentionBytes: 600 }, clock);
    try {
      expect(await snapshots(dir)).not.toContain(1000);
      expect(await reopened.deleteOldSegments()).toBeGreaterThan(0);
      expect(Math.min(...(await snapshots(dir)))).toBeGreaterThanOrEqual(reopened.logStartOffset);
    } finally {
      await reopened.close();
    }
  });

  it('does not bring back producers that expired while the log was closed', async () => {
    const dir = await dirs.make();
    const clock = new ManualClock();
    const log = await open(dir, {}, clock);
    await log.appendBatch(producerBatch(1, 0, 0));
    await log.close();
    clock.advance(24 * 60 * 60 * 1000);
    const reopened = await open(dir, {}, clock);
    try {
      expect(reopened.producerState.entries()).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});
