/**
 * Checks a RecordBatch's framing and checksum without decoding its records: what
 * recovery runs over every batch of an unclean segment, what an append of client
 * bytes runs before anything is written, and what a reader runs before returning
 * bytes. It never throws on any input.
 */
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LENGTH_OFFSET,
  batchAttributes,
  batchCrc,
  batchLastOffsetDelta,
  batchMagic,
  batchRecordsCount,
  batchSize,
  CONTROL_MASK,
  CRC_OFFSET,
  LOG_OVERHEAD,
  MAGIC_V2,
} from './batch-header.js';
import { crc32c } from './crc32c.js';

export type BatchProblem =
  /** Fewer bytes are available than the batch header or the batch claims. */
  | 'truncated'
  /** batchLength is smaller than a header or larger than the allowed maximum. */
  | 'invalid-size'
  | 'unsupported-magic'
  | 'crc-mismatch'
  /** lastOffsetDelta is negative or does not match the record count. */
  | 'invalid-offset-delta';

/**
 * Why the batch at `position` is not a whole, intact v2 batch, or `undefined` when
 * it is. `end` bounds the bytes that may be read; `maxBatchSize` bounds batchLength.
 */
export function checkBatch(
  buffer: Buffer,
  position: number,
  end: number = buffer.length,
  maxBatchSize: number = 0x7fffffff,
): BatchProblem | undefined {
  if (end - position < LOG_OVERHEAD) return 'truncated';
  const length = buffer.readInt32BE(position + BATCH_LENGTH_OFFSET);
  if (length < BATCH_HEADER_SIZE - LOG_OVERHEAD || length + LOG_OVERHEAD > maxBatchSize) return 'invalid-size';
  if (end - position < BATCH_HEADER_SIZE) return 'truncated';
  if (batchMagic(buffer, position) !== MAGIC_V2) return 'unsupported-magic';
  const size = batchSize(buffer, position);
  if (end - position < size) return 'truncated';
  const crc = crc32c(buffer.subarray(position + ATTRIBUTES_OFFSET, position + size));
  if (crc !== batchCrc(buffer, position)) return 'crc-mismatch';
  const lastOffsetDelta = batchLastOffsetDelta(buffer, position);
  const count = batchRecordsCount(buffer, position);
  if (lastOffsetDelta < 0) return 'invalid-offset-delta';
  // Compacted batches may hold fewer records than their offset span; never more.
  if (count < 0 || count > lastOffsetDelta + 1) return 'invalid-offset-delta';
  return undefined;
}

/** Whether the (already checked) batch is a control batch, which clients may not produce. */
export function isControlBatch(buffer: Buffer, position: number): boolean {
  return (batchAttributes(buffer, position) & CONTROL_MASK) !== 0;
}

/** Recomputes and stores the CRC, after a change to a field it covers. */
export function rewriteCrc(buffer: Buffer, position: number): void {
  const size = batchSize(buffer, position);
  buffer.writeUInt32BE(crc32c(buffer.subarray(position + ATTRIBUTES_OFFSET, position + size)), position + CRC_OFFSET);
}
