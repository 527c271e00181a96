export { ERROR_CODES, errorTypeForCode, type ErrorType } from './error-codes.js';
export {
  MiniKafkaError,
  isMiniKafkaError,
  toMiniKafkaError,
  type ErrorDetails,
  type MiniKafkaErrorOptions,
} from './errors.js';
export {
  MAX_TOPIC_NAME_LENGTH,
  assertValidTopicName,
  isValidTopicName,
  topicNameProblem,
} from './topic-name.js';
export { Partitioner, partitionForKey, type PartitionRequest } from './partitioner/partitioner.js';
export { murmur2, toPositive } from './partitioner/murmur2.js';
export * from './http/index.js';
