/**
 * Helpers of the damage tests (log/damage*.test.ts, verify/*.test.ts): a partition
 * directory filled with numbered records, the batches of a segment file by position, and
 * the ways to damage one (cut inside a batch, flip a byte). Test-only; not built.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { offsetFileName } from '../log/file-names.js';
import { Log } from '../log/log.js';
import type { LogConfig } from '../log/log-config.js';
import { batchBaseOffset, batchLastOffset, batchSize } from '../record-batch/batch-header.js';

export interface FilledLog {
  log: Log;
  /** Base offsets of the segments, oldest first. */
  segments: number[];
}

/** Opens a log in `directory` and appends `count` records, `perBatch` to an append (one batch each). */
export async function fillLog(
  directory: string,
  count: number,
  config: Partial<LogConfig> = {},
  perBatch = 20,
  name = { topic: 'orders', partition: 0 },
): Promise<FilledLog> {
  const log = await Log.open({ directory, config: { flush: 'never', segmentBytes: 16 * 1024, ...config }, ...name });
  for (let offset = 0; offset < count; offset += perBatch) {
    const records = Array.from({ length: Math.min(perBatch, count - offset) }, (_, i) => ({
      key: `k-${offset + i}`,
      value: `value of record ${offset + i}`.padEnd(48, '.'),
    }));
    await log.append(records);
  }
  return { log, segments: log.segmentBaseOffsets };
}

export function segmentPath(directory: string, baseOffset: number, suffix = '.log'): string {
  return join(directory, offsetFileName(baseOffset, suffix));
}

export interface BatchAt {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
}

/** The batches of a segment file, by their length fields (the file must be intact). */
export async function batchesOf(file: string): Promise<BatchAt[]> {
  const bytes = await readFile(file);
  const batches: BatchAt[] = [];
  for (let at = 0; at < bytes.length; at += batchSize(bytes, at)) {
    batches.push({
      position: at,
      size: batchSize(bytes, at),
      baseOffset: batchBaseOffset(bytes, at),
      lastOffset: batchLastOffset(bytes, at),
    });
  }
  return batches;
}

/** The batch of `file` holding `offset`. */
export async function batchHolding(file: string, offset: number): Promise<BatchAt> {
  const found = (await batchesOf(file)).find((batch) => batch.baseOffset <= offset && offset <= batch.lastOffset);
  if (found === undefined) throw new Error(`no batch holds offset ${offset} in ${file}`);
  return found;
}

/** Cuts `file` to `length` bytes. */
export async function cutFile(file: string, length: number): Promise<void> {
  const bytes = await readFile(file);
  await writeFile(file, bytes.subarray(0, length));
}

/** Flips the bits of `mask` in the byte at `position` of `file`. */
export async function flipByte(file: string, position: number, mask = 0x10): Promise<void> {
  const bytes = await readFile(file);
  bytes[position] = bytes[position]! ^ mask;
  await writeFile(file, bytes);
}

/** Every record offset a reader gets from `from` on, until the high watermark or an error, with the error. */
export async function readOffsets(
  log: {
    read(
      offset: number,
      options?: { maxBytes?: number },
    ): Promise<{ records: { offset: number }[]; nextOffset: number }>;
    highWatermark: number;
  },
  from: number,
): Promise<{ offsets: number[]; error: unknown }> {
  const offsets: number[] = [];
  let next = from;
  try {
    while (next < log.highWatermark) {
      const read = await log.read(next, { maxBytes: 4096 });
      if (read.nextOffset <= next) throw new Error(`read at ${next} made no progress`);
      offsets.push(...read.records.map((record) => record.offset).filter((offset) => offset >= from));
      next = read.nextOffset;
    }
  } catch (error) {
    return { offsets, error };
  }
  return { offsets, error: undefined };
}
