export { ASSIGNOR_NAMES, type AssignorName, GROUP_STATES, type GroupState } from './consumer-group.js';
export { ERROR_CODES, type ErrorType, errorTypeForCode } from './error-codes.js';
export {
  type ErrorDetails,
  isMiniKafkaError,
  MiniKafkaError,
  type MiniKafkaErrorOptions,
  toMiniKafkaError,
} from './errors.js';
export * from './http/index.js';
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
