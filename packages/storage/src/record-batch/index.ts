export { type BatchProblem, checkBatch, isControlBatch, rewriteCrc } from './batch-check.js';
export * from './batch-header.js';
export { crc32c } from './crc32c.js';
export { decodeBatchRecords, decodeRecordBatches } from './decode.js';
export {
  type EncodeBatchesOptions,
  type EncodeBatchOptions,
  encodeRecordBatch,
  encodeRecordBatches,
} from './encode.js';
export type { BytesInput, RecordHeader, RecordHeaderInput, RecordInput, StoredRecord } from './record.js';
export { readInt64, VarintReader, varintSize, varlongSize, writeInt64, writeVarint, writeVarlong } from './varint.js';
