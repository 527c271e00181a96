// Raw reads come as chunks of whole batches, a window of the file at a time: together they are
// exactly the batches as stored, however the windows cut them, and no chunk is a copy of another.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { batchBaseOffset, batchSize } from '../record-batch/batch-header.js';
import type { RecordInput } from '../record-batch/record.js';
import { READ_WINDOW_BYTES } from './batch-reads.js';
import { Log } from './log.js';
import type { LogConfig } from './log-config.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

function records(count: number, prefix: string, size: number): RecordInput[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}-${i}`,
    value: `${prefix}-${i}`.padEnd(size, '.'),
  }));
}

async function openLog(config: Partial<LogConfig> = {}): Promise<{ log: Log; dir: string }> {
  const dir = await dirs.make();
  const log = await Log.open({ directory: dir, config: { flush: 'never', ...config }, topic: 't', partition: 0 });
  return { log, dir };
}

/** The base offsets of the whole batches in `chunk`; fails if the chunk ends inside one. */
function basesOf(chunk: Buffer): number[] {
  const bases: number[] = [];
  let at = 0;
  while (at < chunk.length) {
    bases.push(batchBaseOffset(chunk, at));
    at += batchSize(chunk, at);
  }
  expect(at).toBe(chunk.length);
  return bases;
}

describe('raw reads as chunks', () => {
  it('returns the stored bytes as several chunks of whole batches when a read spans windows', async () => {
    const { log, dir } = await openLog();
    // ~3 KiB batches that do not divide a window: windows end inside batches.
    for (let i = 0; i < 800; i++) await log.append(records(10, `b${i}`, 300));
    await log.flush();
    const stored = await readFile(join(dir, '00000000000000000000.log'));
    const raw = await log.readRaw(0, { maxBytes: stored.length });
    expect(raw.chunks.length).toBeGreaterThan(Math.floor(stored.length / READ_WINDOW_BYTES));
    expect(raw.size).toBe(stored.length);
    expect(raw.chunks.reduce((sum, chunk) => sum + chunk.length, 0)).toBe(raw.size);
    expect(Buffer.concat(raw.chunks).equals(stored)).toBe(true);
    const bases = raw.chunks.flatMap(basesOf);
    expect(bases).toEqual(Array.from({ length: 800 }, (_, i) => i * 10));
    expect(raw.nextOffset).toBe(8000);
    await log.close();
  });

  it('reads a batch larger than a window whole, in a chunk of its own', async () => {
    const { log } = await openLog({ maxBatchBytes: 4 * READ_WINDOW_BYTES });
    await log.append(records(10, 'small', 100));
    await log.append(records(30, 'big', READ_WINDOW_BYTES / 10));
    await log.append(records(10, 'after', 100));
    const raw = await log.readRaw(10, { maxBytes: 1 });
    expect(raw.chunks).toHaveLength(1);
    expect(raw.size).toBeGreaterThan(2 * READ_WINDOW_BYTES);
    expect(basesOf(raw.chunks[0]!)).toEqual([10]);
    expect(raw.nextOffset).toBe(40);
    const all = await log.read(0, { maxBytes: 8 * READ_WINDOW_BYTES });
    expect(all.records.map((r) => r.key?.toString().split('-')[0])).toEqual([
      ...Array<string>(10).fill('small'),
      ...Array<string>(30).fill('big'),
      ...Array<string>(10).fill('after'),
    ]);
    await log.close();
  });

  it('stops at the byte budget and the record count in the middle of a window', async () => {
    const { log } = await openLog();
    for (let i = 0; i < 100; i++) await log.append(records(10, `b${i}`, 300));
    const one = await log.readRaw(0, { maxBytes: 1 });
    const batch = one.size;
    const some = await log.readRaw(25, { maxBytes: batch * 5 + batch - 1 });
    expect(some.chunks.flatMap(basesOf)).toEqual([20, 30, 40, 50, 60]);
    const counted = await log.readRaw(25, { maxBytes: 1 << 24, maxRecords: 30 });
    expect(counted.chunks.flatMap(basesOf)).toEqual([20, 30, 40, 50]);
    expect(counted.nextOffset).toBe(60);
    await log.close();
  });

  it('reads into the buffers `allocate` hands out, and returns views of them', async () => {
    const { log } = await openLog();
    for (let i = 0; i < 800; i++) await log.append(records(10, `b${i}`, 300));
    const handedOut: Buffer[] = [];
    const allocate = (size: number): Buffer => {
      expect(size).toBeLessThanOrEqual(READ_WINDOW_BYTES);
      const buffer = Buffer.alloc(size);
      handedOut.push(buffer);
      return buffer;
    };
    const raw = await log.readRaw(0, { maxBytes: 1 << 24, allocate });
    expect(handedOut.length).toBeGreaterThan(1);
    for (const chunk of raw.chunks) expect(handedOut.some((buffer) => buffer.buffer === chunk.buffer)).toBe(true);
    expect(Buffer.concat(raw.chunks).equals(Buffer.concat((await log.readRaw(0, { maxBytes: 1 << 24 })).chunks))).toBe(
      true,
    );
    await log.close();
  });

  it('reads across segments, each adding its own chunks', async () => {
    const { log } = await openLog({ segmentBytes: 64 * 1024 });
    for (let i = 0; i < 200; i++) await log.append(records(10, `b${i}`, 300));
    expect(log.segmentCount).toBeGreaterThan(3);
    const raw = await log.readRaw(0, { maxBytes: 1 << 24 });
    expect(raw.chunks.length).toBeGreaterThanOrEqual(log.segmentCount);
    expect(raw.chunks.flatMap(basesOf)).toEqual(Array.from({ length: 200 }, (_, i) => i * 10));
    await log.close();
  });
});
