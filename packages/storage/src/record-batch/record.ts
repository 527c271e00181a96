// The records a log stores and returns: defined in @mini-kafka/protocol/record-batch (shared with the SDK).
export type {
  BytesInput,
  RecordHeader,
  RecordHeaderInput,
  RecordInput,
  StoredRecord,
} from '@mini-kafka/protocol/record-batch';
