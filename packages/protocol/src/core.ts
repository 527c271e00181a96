/**
 * `@mini-kafka/protocol/core`: everything in the package but the HTTP API's zod schemas (their
 * types are here; the schemas are in the main entry). The storage, coordinator and Kafka code
 * import this, so starting a broker does not build a schema it will only need once the HTTP
 * routes load.
 */
export { ASSIGNOR_NAMES, type AssignorName, GROUP_STATES, type GroupState } from './consumer-group.js';
export { ERROR_CODES, type ErrorType, errorTypeForCode } from './error-codes.js';
export {
  type ErrorDetails,
  isMiniKafkaError,
  MiniKafkaError,
  type MiniKafkaErrorOptions,
  toMiniKafkaError,
} from './errors.js';
export type * from './http/cluster.js';
export type * from './http/common.js';
export type * from './http/configs.js';
export * from './http/error-body.js';
export type * from './http/fetch.js';
export type * from './http/groups.js';
export * from './http/limits.js';
export type * from './http/produce.js';
export type * from './http/producers.js';
export * from './http/record-batch-transport.js';
export type * from './http/topics.js';
export type * from './http/transactions.js';
export type * from './http/tutorial.js';
export { murmur2, toPositive } from './partitioner/murmur2.js';
export { Partitioner, type PartitionRequest, partitionForKey } from './partitioner/partitioner.js';
export * from './time/index.js';
export {
  assertValidTopicName,
  isValidTopicName,
  MAX_TOPIC_NAME_LENGTH,
  topicNameProblem,
} from './topic-name.js';
export {
  compareStrings,
  compareTopicPartitions,
  sortedTopicPartitions,
  type TopicPartition,
  topicPartitionKey,
} from './topic-partition.js';
