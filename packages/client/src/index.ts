export { MiniKafka } from './mini-kafka.js';
export { DEFAULT_CLIENT_ID, type ClientOptions } from './client-options.js';
export { Producer, PRODUCER_DEFAULTS, type ProducerConfig, type ProducerOptions, type TopicMessages } from './producer/producer.js';
export type { ProducerMessage, RecordMetadata, SendOptions } from './producer/producer-record.js';
export { Consumer } from './consumer/consumer.js';
export {
  CONSUMER_DEFAULTS,
  type Batch,
  type ConsumerConfig,
  type ConsumerOptions,
  type EachBatchPayload,
  type EachMessagePayload,
  type PollOptions,
  type RunOptions,
  type SubscribeOptions,
  type SubscribeRequest,
} from './consumer/consumer-options.js';
export {
  Admin,
  type CreateTopicOptions,
  type NewTopic,
  type PartitionOffsets,
  type ResetOffsetsOptions,
  type SetOffsetsOptions,
  type TimestampOffset,
  type TopicCommittedOffsets,
} from './admin.js';
export type { Bytes, ConsumerMessage, HeadersInput, MessageData, MessageHeaders } from './encoding.js';
export { DEFAULT_RETRY, type RetryOptions } from './retry.js';
export type { FetchFunction } from './http-transport.js';
export { MiniKafkaError, isMiniKafkaError, type ErrorType } from '@mini-kafka/protocol';
export type {
  CommittedOffset,
  GroupDescription,
  ListGroupsResponse,
  PartitionLag,
  TopicConfig,
  TopicDescription,
  TopicPartitionRef,
} from '@mini-kafka/protocol';
