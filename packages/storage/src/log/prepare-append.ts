/**
 * Prepares bytes for an append, the same way for every log implementation: each batch
 * is checked (size limit, magic, CRC, offset delta, not a control batch) before any
 * offset is assigned, so an append is all or nothing; then base offsets are assigned
 * by patching bytes 0..7 of each batch in place (the CRC does not cover them).
 */
import { checkBatch, isControlBatch } from '../record-batch/batch-check.js';
import {
  batchLastOffsetDelta,
  batchMaxTimestamp,
  batchRecordsCount,
  batchSize,
  LOG_OVERHEAD,
  PARTITION_LEADER_EPOCH_OFFSET,
  setBatchBaseOffset,
} from '../record-batch/batch-header.js';
import { invalidBatch } from './log-errors.js';
import type { LogName } from './partition-log.js';

export interface PreparedAppend {
  baseOffset: number;
  lastOffset: number;
  recordCount: number;
  maxTimestamp: number;
  batchCount: number;
}

/** Checks every batch in `batches`; throws a typed error naming the first bad one. */
export function checkBatches(tp: LogName, batches: Buffer, maxBatchBytes: number): void {
  if (batches.length === 0) throw invalidBatch(tp, 'empty', 0);
  let position = 0;
  let index = 0;
  while (position < batches.length) {
    const problem = checkBatch(batches, position, batches.length, maxBatchBytes);
    if (problem !== undefined) {
      const size = batches.length - position >= LOG_OVERHEAD ? batchSize(batches, position) : undefined;
      throw invalidBatch(tp, problem, index, size, maxBatchBytes);
    }
    if (isControlBatch(batches, position)) throw invalidBatch(tp, 'control-batch', index);
    position += batchSize(batches, position);
    index++;
  }
}

/** Assigns offsets from `nextOffset` to already checked batches, in place. */
export function assignOffsets(batches: Buffer, nextOffset: number): PreparedAppend {
  let position = 0;
  let offset = nextOffset;
  let recordCount = 0;
  let maxTimestamp = -1;
  let batchCount = 0;
  while (position < batches.length) {
    setBatchBaseOffset(batches, position, offset);
    batches.writeInt32BE(0, position + PARTITION_LEADER_EPOCH_OFFSET);
    offset += batchLastOffsetDelta(batches, position) + 1;
    recordCount += batchRecordsCount(batches, position);
    maxTimestamp = Math.max(maxTimestamp, batchMaxTimestamp(batches, position));
    position += batchSize(batches, position);
    batchCount++;
  }
  return { baseOffset: nextOffset, lastOffset: offset - 1, recordCount, maxTimestamp, batchCount };
}
