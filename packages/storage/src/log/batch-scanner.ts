/**
 * Walks the batches of a segment file from a byte position, reading it in large
 * chunks so that a scan costs few system calls. Used by recovery (with CRC checks),
 * by index rebuilds and by lookups. Never throws on bad bytes: it stops and says
 * where the valid prefix ends and why.
 */

import type { FileHandle } from '../fs/file-system.js';
import { type BatchProblem, checkBatch } from '../record-batch/batch-check.js';
import {
  BATCH_HEADER_SIZE,
  batchBaseOffset,
  batchLastOffset,
  batchSize,
  LOG_OVERHEAD,
} from '../record-batch/batch-header.js';

const CHUNK_BYTES = 1 << 20;

export interface ScanOptions {
  /** Check every batch's framing, magic and CRC (recovery). Without it only sizes are checked. */
  verify: boolean;
  maxBatchSize: number;
  /** When set, each batch's base offset must equal the previous batch's next offset, starting here. */
  expectedBaseOffset?: number;
}

export interface ScanResult {
  /** File position just past the last valid batch visited. */
  end: number;
  /** Why the scan stopped before `to`, if it did. `'stopped'` means the visitor asked to stop. */
  problem?: BatchProblem | 'offset-gap' | 'stopped';
}

/**
 * Calls `visit(chunk, at, position)` for each batch from `from` up to `to`, where the
 * batch's bytes are `chunk[at .. at + size)` and `position` its place in the file.
 * The visitor returns `false` to stop; any other answer goes on.
 */
export async function scanBatches(
  handle: Pick<FileHandle, 'read'>,
  from: number,
  to: number,
  options: ScanOptions,
  visit: (chunk: Buffer, at: number, position: number) => unknown,
): Promise<ScanResult> {
  let chunk = Buffer.alloc(0);
  let chunkStart = from;
  let position = from;
  let expected = options.expectedBaseOffset;

  const refill = async (length: number): Promise<void> => {
    const wanted = Math.min(length, to - position);
    const buffer = Buffer.allocUnsafe(wanted);
    const read = await handle.read(buffer, 0, wanted, position);
    chunk = buffer.subarray(0, read);
    chunkStart = position;
  };

  while (position < to) {
    let at = position - chunkStart;
    if (at + BATCH_HEADER_SIZE > chunk.length) {
      await refill(CHUNK_BYTES);
      at = 0;
      if (chunk.length < LOG_OVERHEAD) return { end: position, problem: 'truncated' };
    }
    const size = batchSize(chunk, at);
    if (size < BATCH_HEADER_SIZE || size > options.maxBatchSize) return { end: position, problem: 'invalid-size' };
    if (at + size > chunk.length) {
      if (position + size > to) return { end: position, problem: 'truncated' };
      await refill(Math.max(CHUNK_BYTES, size));
      at = 0;
      if (chunk.length < size) return { end: position, problem: 'truncated' };
    }
    if (options.verify) {
      const problem = checkBatch(chunk, at, at + size, options.maxBatchSize);
      if (problem !== undefined) return { end: position, problem };
    }
    if (expected !== undefined) {
      if (batchBaseOffset(chunk, at) !== expected) return { end: position, problem: 'offset-gap' };
    }
    if (visit(chunk, at, position) === false) return { end: position, problem: 'stopped' };
    if (expected !== undefined) {
      expected = batchLastOffset(chunk, at) + 1;
    }
    position += size;
  }
  return { end: position };
}
