// The partition log.
export { Log, DEFAULT_MAX_READ_BYTES, type LogOptions } from './log/log.js';
export { MemoryLog, type MemoryLogOptions } from './log/memory-log.js';
export type {
  AppendResult,
  PartitionLog,
  RawReadResult,
  ReadOptions,
  ReadPosition,
  ReadResult,
  TimestampOffset,
  TopicPartition,
} from './log/partition-log.js';
export { DEFAULT_LOG_CONFIG, MAX_SEGMENT_BYTES, resolveLogConfig, type FlushPolicy, type LogConfig } from './log/log-config.js';
export type { LoadReport } from './log/log-loader.js';
export {
  LogManager,
  type CreateTopicOptions,
  type LogManagerOptions,
  type TopicDescription,
} from './log/log-manager.js';
export { MAX_PARTITIONS, type TopicMetadata } from './log/topic-metadata.js';

// Seams: the file system and the clock.
export { hasErrorCode, type FileHandle, type FileSystem } from './fs/file-system.js';
export { nodeFileSystem } from './fs/node-file-system.js';
export { ManualClock, systemClock, type Clock } from './clock.js';

// The RecordBatch v2 codec.
export {
  BATCH_HEADER_SIZE,
  CompressionCodec,
  batchBaseOffset,
  batchLastOffset,
  batchMaxTimestamp,
  batchRecordsCount,
  batchSize,
  setBatchBaseOffset,
} from './record-batch/batch-header.js';
export { checkBatch, type BatchProblem } from './record-batch/batch-check.js';
export { findBadRecordOffsets } from './record-batch/record-offsets.js';
export { crc32c } from './record-batch/crc32c.js';
export { registerCompressionCodec, type Inflate } from './record-batch/compression.js';
export { decodeRecordBatches } from './record-batch/decode.js';
export { encodeRecordBatch, type EncodeBatchOptions } from './record-batch/encode.js';
export type { BytesInput, RecordHeader, RecordHeaderInput, RecordInput, StoredRecord } from './record-batch/record.js';
