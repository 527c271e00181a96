export type {
  AlterConfigsRequest,
  ClusterBroker,
  CommittedOffset,
  ConfigEntry,
  ConfigSource,
  ConfigSynonym,
  ConfigType,
  DeleteRecordsResponse,
  DescribeClusterResponse,
  DescribeConfigsResponse,
  DescribeLogDirsResponse,
  GroupDescription,
  GroupState,
  GroupSummary,
  ListGroupsResponse,
  LogDir,
  LogDirPartition,
  PartitionLag,
  TopicConfig,
  TopicDescription,
  TopicPartition,
  TopicPartitionRef,
} from '@mini-kafka/protocol';
export { type ErrorType, isMiniKafkaError, MiniKafkaError } from '@mini-kafka/protocol';
export { Admin } from './admin.js';
export type {
  AclBinding,
  AclFilter,
  AclOperation,
  AclPatternType,
  AclPermission,
  AclResourceType,
  AdminAcls,
  WhoAmI,
} from './admin-acls.js';
export type {
  ClusterDescription,
  CreateTopicOptions,
  DeleteGroupOffsetsOptions,
  DeleteTopicRecordsOptions,
  ListGroupsOptions,
  NewTopic,
  PartitionOffsets,
  ResetOffsetsOptions,
  SetOffsetsOptions,
  TimestampOffset,
  TopicCommittedOffsets,
} from './admin-options.js';
export {
  AdminTransactions,
  type IsolationLevel,
  type ListTransactionsFilter,
  type PartitionProducer,
  type TransactionDescription,
  type TransactionState,
  type TransactionSummary,
} from './admin-transactions.js';
export { isAuthenticationError, isAuthorizationError } from './auth-errors.js';
export { type ClientOptions, DEFAULT_CLIENT_ID, type Transport } from './client-options.js';
export { Consumer } from './consumer/consumer.js';
export {
  type Batch,
  CONSUMER_DEFAULTS,
  type ConsumerConfig,
  type ConsumerOptions,
  type EachBatchPayload,
  type EachMessagePayload,
  type PollOptions,
  type RunOptions,
  type SubscribeOptions,
  type SubscribeRequest,
} from './consumer/consumer-options.js';
export type {
  ConsumerMessage,
  MessageData,
  MessageHeaders,
  ProducerMessage,
  TopicMessages,
} from './deprecated-names.js';
export type { Bytes, ConsumerRecord, HeadersInput, RecordData, RecordHeaders } from './encoding.js';
export type { FetchFunction, TlsOptions } from './http-transport.js';
export { MiniKafka } from './mini-kafka.js';
export { type PartitionRead, PartitionReader, type PartitionReadOptions } from './partition-reader.js';
export {
  PRODUCER_DEFAULTS,
  Producer,
  type ProducerConfig,
  type ProducerOptions,
  type TopicRecords,
} from './producer/producer.js';
export type { ProducerRecord, RecordMetadata, SendOptions } from './producer/producer-record.js';
export { DEFAULT_RETRY, type RetryOptions } from './retry.js';
