// The partition log.

// Seams: the file system, and the clock (defined in @mini-kafka/protocol, re-exported for standalone users).
export { type Clock, ManualClock, systemClock } from '@mini-kafka/protocol';
export { type FileHandle, type FileSystem, hasErrorCode } from './fs/file-system.js';
export { nodeFileSystem } from './fs/node-file-system.js';
export { DEFAULT_MAX_READ_BYTES, Log, type LogOptions } from './log/log.js';
export {
  DEFAULT_LOG_CONFIG,
  type FlushPolicy,
  type LogConfig,
  MAX_SEGMENT_BYTES,
  resolveLogConfig,
} from './log/log-config.js';
export type { LoadReport } from './log/log-loader.js';
export {
  type CreateTopicOptions,
  LogManager,
  type LogManagerOptions,
  type TopicDescription,
} from './log/log-manager.js';
export { MemoryLog, type MemoryLogOptions } from './log/memory-log.js';
export type {
  AppendResult,
  LogName,
  PartitionLog,
  RawReadResult,
  ReadOptions,
  ReadPosition,
  ReadResult,
  TimestampOffset,
} from './log/partition-log.js';
export { MAX_PARTITIONS, type TopicMetadata } from './log/topic-metadata.js';
export { type BatchProblem, checkBatch } from './record-batch/batch-check.js';
// The RecordBatch v2 codec.
export {
  BATCH_HEADER_SIZE,
  batchBaseOffset,
  batchLastOffset,
  batchMaxTimestamp,
  batchRecordsCount,
  batchSize,
  CompressionCodec,
  setBatchBaseOffset,
} from './record-batch/batch-header.js';
export { type Inflate, registerCompressionCodec } from './record-batch/compression.js';
export { crc32c } from './record-batch/crc32c.js';
export { decodeRecordBatches } from './record-batch/decode.js';
export { type EncodeBatchOptions, encodeRecordBatch } from './record-batch/encode.js';
export type { BytesInput, RecordHeader, RecordHeaderInput, RecordInput, StoredRecord } from './record-batch/record.js';
export { findBadRecordOffsets } from './record-batch/record-offsets.js';
