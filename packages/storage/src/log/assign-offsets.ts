/**
 * Assigns offsets to the batches of an append, the same way for every log implementation:
 * base offsets are patched into bytes 0..7 of each batch in place (the CRC does not cover
 * them) and the partition leader epoch (bytes 12..15, also outside the CRC) is zeroed.
 * The batches must already be valid (log-validator.ts) or encoded by this package. Runs
 * only in the log's single writer.
 */
import {
  batchLastOffsetDelta,
  batchMaxTimestamp,
  batchRecordsCount,
  batchSize,
  PARTITION_LEADER_EPOCH_OFFSET,
  setBatchBaseOffset,
} from '../record-batch/batch-header.js';

export interface PreparedAppend {
  baseOffset: number;
  lastOffset: number;
  recordCount: number;
  maxTimestamp: number;
  batchCount: number;
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
