// The partition log.

// Seams: the file system, and the clock (defined in @mini-kafka/protocol, re-exported for standalone users).
export { type Clock, ManualClock, systemClock } from '@mini-kafka/protocol/core';
export { type FileHandle, type FileSystem, hasErrorCode } from './fs/file-system.js';
export { describeIoError, ioErrorCode, OUT_OF_FILES_CODES, OUT_OF_SPACE_CODES } from './fs/io-errors.js';
export { nodeFileSystem } from './fs/node-file-system.js';
export { READ_WINDOW_BYTES } from './log/batch-reads.js';
export { encodeControlBatch, parseControlBatch } from './log/control-batches.js';
export {
  type DamageReason,
  type DamageSummary,
  describeDamage,
  type SegmentDamage,
  summarizeDamage,
} from './log/damage-report.js';
export { DAMAGED_DIRECTORY, MAX_KEPT_BYTES } from './log/damaged-bytes.js';
export { DEFAULT_MAX_READ_BYTES, Log, type LogOptions, type SegmentRolled } from './log/log.js';
export {
  DEFAULT_LOG_CONFIG,
  type FlushPolicy,
  LOG_CONFIG_BOUNDS,
  type LogConfig,
  MAX_SEGMENT_BYTES,
  resolveLogConfig,
} from './log/log-config.js';
export type { LoadReport } from './log/log-loader.js';
export {
  type CreateTopicOptions,
  LogManager,
  type LogManagerOptions,
  type TopicConfigChange,
  type TopicDescription,
} from './log/log-manager.js';
export type { ScrubReport } from './log/log-scrub.js';
export { MemoryLog, type MemoryLogOptions } from './log/memory-log.js';
export { OfflineLog } from './log/offline-log.js';
export { damageFound, describePartition, type PartitionStatus } from './log/partition-health.js';
export type {
  AbortedTransaction,
  AppendResult,
  IsolationLevel,
  LogName,
  PartitionLog,
  ProducerAppendOptions,
  ProducerDescription,
  RawReadResult,
  ReadOptions,
  ReadPosition,
  ReadResult,
  TimestampOffset,
  TransactionMarker,
} from './log/partition-log.js';
export {
  DEFAULT_PRODUCER_ID_BLOCK_SIZE,
  PRODUCER_IDS_FILE,
  ProducerIdManager,
  type ProducerIdManagerOptions,
} from './log/producer-id-manager.js';
export type { BatchMetadata, ProducerStateEntry } from './log/producer-state-entry.js';
export type { ProducerStateLoadReport } from './log/producer-state-loader.js';
export { DEFAULT_PRODUCER_ID_EXPIRATION_MS, ProducerStateManager } from './log/producer-state-manager.js';
export {
  SCRUB_CONCURRENCY,
  type ScrubLogsOptions,
  type ScrubRun,
  type ScrubSummary,
  scrubLogs,
} from './log/scrub-logs.js';
export { TOPIC_CONFIG_DEFS, type TopicConfigDef } from './log/topic-config-defs.js';
export type { ConfigOp, TopicConfigOverrides } from './log/topic-configs.js';
export { DEFAULT_MAX_PARTITIONS, DEFAULT_MAX_TOPICS, type TopicLimits } from './log/topic-limits.js';
export { isValidTopicId, MAX_PARTITIONS, type TopicMetadata } from './log/topic-metadata.js';
export { type AbortedTxn, TXN_INDEX_SUFFIX, txnIndexFileName } from './log/txn-index.js';
export { type BatchProblem, checkBatch, rewriteCrc } from './record-batch/batch-check.js';
// The RecordBatch v2 codec, and the batch header's layout (field offsets and attribute bits, as in Kafka).
export {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LENGTH_OFFSET,
  batchAttributes,
  batchBaseOffset,
  batchLastOffset,
  batchMaxTimestamp,
  batchRecordsCount,
  batchSize,
  COMPRESSION_CODEC_MASK,
  CONTROL_MASK,
  CompressionCodec,
  CRC_OFFSET,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAGIC_V2,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  RECORDS_COUNT_OFFSET,
  RECORDS_OFFSET,
  setBatchBaseOffset,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_MASK,
} from './record-batch/batch-header.js';
export type { Inflate, Inflaters } from './record-batch/compression.js';
export { crc32c } from './record-batch/crc32c.js';
export { decodeRecordBatches } from './record-batch/decode.js';
export {
  type EncodeBatchesOptions,
  type EncodeBatchOptions,
  encodeRecordBatch,
  encodeRecordBatches,
} from './record-batch/encode.js';
// Magic 0/1 message sets (Kafka before 0.11): decoded and up-converted on produce, encoded for old fetchers.
export {
  crc32,
  DEFAULT_MAX_INFLATED_BYTES,
  type DecodeLegacyOptions,
  decodeLegacyMessageSet,
  type EncodeLegacyResult,
  encodeLegacyMessageSet,
  LEGACY_MAGIC_OFFSET,
  type LegacyMagic,
  type LegacyRecord,
  type LegacyRecordInput,
  legacyMessageSize,
  NO_TIMESTAMP,
  upConvertLegacyRecords,
} from './record-batch/legacy/index.js';
export type { BytesInput, RecordHeader, RecordHeaderInput, RecordInput, StoredRecord } from './record-batch/record.js';
// Offline checks of a data directory (`mini-kafka verify`).
export {
  type DataDirVerification,
  nodeReadOnlyFileSystem,
  type PartitionVerification,
  type ReadOnlyFile,
  type ReadOnlyFileSystem,
  type SegmentSummary,
  type Severity,
  type TopicVerification,
  type VerifyProblem,
  verifyDataDir,
} from './verify/index.js';
