export * from './batch-header.js';
export { checkBatch, isControlBatch, rewriteCrc, type BatchProblem } from './batch-check.js';
export { crc32c } from './crc32c.js';
export { decodeBatchRecords, decodeRecordBatches } from './decode.js';
export { encodeRecordBatch, type EncodeBatchOptions } from './encode.js';
export type { BytesInput, RecordHeader, RecordHeaderInput, RecordInput, StoredRecord } from './record.js';
export { VarintReader, readInt64, varintSize, varlongSize, writeInt64, writeVarint, writeVarlong } from './varint.js';
