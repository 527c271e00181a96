// Public surface of the CreatePartitions codec.
export {
  CreatePartitions,
  type CreatePartitionsRequest,
  type CreatePartitionsResponse,
  type CreatePartitionsTopicResult,
} from './create-partitions.js';
