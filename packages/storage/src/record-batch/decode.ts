// Decoding RecordBatch v2 records: defined in @mini-kafka/protocol/record-batch (shared with the SDK).
export { decodeBatchRecords, decodeRecordBatches } from '@mini-kafka/protocol/record-batch';
