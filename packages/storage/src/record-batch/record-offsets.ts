/**
 * Whether the records of an uncompressed batch are what its header says: exactly
 * `recordsCount` records, with offset deltas 0, 1, 2, ..., filling the batch to its last
 * byte. Kafka's LogValidator refuses anything else from producers (INVALID_RECORD).
 *
 * Record layout walked here (see encode.ts): varint length, int8 attributes, varlong
 * timestampDelta, varint offsetDelta, then the rest of the record, skipped by its length.
 * Keys, values and headers are not looked at. Walks varints only, allocating nothing
 * but one cursor; never throws. Compressed batches are not inflated here.
 */
import { BATCH_HEADER_SIZE, batchRecordsCount, batchSize } from './batch-header.js';
import { VarintReader } from './varint.js';

/** For the uncompressed batch at `position`, whole and already passed by `checkBatch`. */
export function hasSequentialRecordOffsets(buffer: Buffer, position: number): boolean {
  const end = position + batchSize(buffer, position);
  const count = batchRecordsCount(buffer, position);
  const reader = new VarintReader(buffer, position + BATCH_HEADER_SIZE, end);
  try {
    for (let i = 0; i < count; i++) {
      const length = reader.readVarint();
      const recordEnd = reader.position + length;
      if (length < 0 || recordEnd > end) return false;
      reader.position++; // attributes
      reader.readVarlong(); // timestamp delta
      if (reader.readVarint() !== i) return false;
      reader.position = recordEnd;
    }
  } catch {
    return false; // a varint ran past the batch or was overlong
  }
  return reader.position === end;
}
