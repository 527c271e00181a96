/**
 * Checks that the records of uncompressed batches carry offset deltas 0, 1, 2, ... and that
 * their number matches the batch header, as Kafka validates what producers send. Compressed
 * batches are not inflated here (their framing and CRC are still checked by the log). Walks
 * varints only, allocating nothing; never throws. Batches with broken framing are left to
 * `checkBatch`, which reports them precisely.
 */
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  batchRecordsCount,
  batchSize,
  COMPRESSION_CODEC_MASK,
} from './batch-header.js';
import { VarintReader } from './varint.js';

/** The index of the first batch whose record offset deltas are wrong, or -1 when all are right. */
export function findBadRecordOffsets(batches: Buffer): number {
  let position = 0;
  for (let index = 0; position + BATCH_HEADER_SIZE <= batches.length; index++) {
    const size = batchSize(batches, position);
    const end = position + size;
    if (size < BATCH_HEADER_SIZE || end > batches.length) return -1;
    if ((batches.readInt16BE(position + ATTRIBUTES_OFFSET) & COMPRESSION_CODEC_MASK) === 0) {
      const count = batchRecordsCount(batches, position);
      const reader = new VarintReader(batches, position + BATCH_HEADER_SIZE, end);
      try {
        for (let i = 0; i < count; i++) {
          const length = reader.readVarint();
          const recordEnd = reader.position + length;
          if (length < 0 || recordEnd > end) return index;
          reader.position++; // attributes
          reader.readVarlong(); // timestamp delta
          if (reader.readVarint() !== i) return index;
          reader.position = recordEnd;
        }
      } catch {
        return index;
      }
      if (reader.position !== end) return index;
    }
    position = end;
  }
  return -1;
}
