// `@mini-kafka/protocol/record-batch`: Kafka's RecordBatch v2 (magic 2) as pure functions over
// buffers, no I/O: the header layout, records to batches and back, CRC-32C, the varints of
// records, and the injected inflaters of compressed batches. The broker's storage and the SDK
// share it.
export * from './batch-header.js';
export { CODEC_NAMES, DEFAULT_INFLATERS, type Inflate, type Inflaters, inflaterFor } from './compression.js';
export { type Crc32c, crc32c } from './crc32c.js';
export {
  decodeBatchRecords,
  decodeBatchWith,
  decodeRecordBatches,
  decodeRecordBatchesWith,
  type RecordFactory,
} from './decode.js';
export {
  type EncodeBatchesOptions,
  type EncodeBatchOptions,
  encodeRecordBatch,
  encodeRecordBatches,
} from './encode.js';
export type { BytesInput, RecordHeader, RecordHeaderInput, RecordInput, StoredRecord } from './record.js';
export { readInt64, VarintReader, varintSize, varlongSize, writeInt64, writeVarint, writeVarlong } from './varint.js';
