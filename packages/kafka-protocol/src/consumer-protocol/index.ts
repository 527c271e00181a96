// Public surface of the consumer protocol schemas.

export { type ConsumerProtocolAssignment, decodeAssignment, encodeAssignment } from './assignment.js';
export {
  type ConsumerProtocolSubscription,
  decodeSubscription,
  encodeSubscription,
} from './subscription.js';
export type { TopicPartitions } from './topic-partitions.js';
