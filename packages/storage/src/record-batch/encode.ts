/**
 * Encoding records into RecordBatch v2 batches: the codec of @mini-kafka/protocol/record-batch
 * (shared with the SDK), given the native CRC-32C (@node-rs/crc32, several times faster than
 * the codec's plain JavaScript one) for the broker's appends.
 */
import {
  type EncodeBatchesOptions,
  type EncodeBatchOptions,
  encodeRecordBatch as encodeBatch,
  encodeRecordBatches as encodeBatches,
  type RecordInput,
} from '@mini-kafka/protocol/record-batch';
import { crc32c } from './crc32c.js';

export type { EncodeBatchesOptions, EncodeBatchOptions };

/** Encodes `records` (at least one) as one RecordBatch v2. */
export function encodeRecordBatch(records: readonly RecordInput[], options: EncodeBatchOptions = {}): Buffer {
  return encodeBatch(records, { crc32c, ...options });
}

/** Encodes `records` as as few RecordBatch v2 batches as fit `maxBatchBytes` each, back to back. */
export function encodeRecordBatches(records: readonly RecordInput[], options: EncodeBatchesOptions): Buffer {
  return encodeBatches(records, { crc32c, ...options });
}
