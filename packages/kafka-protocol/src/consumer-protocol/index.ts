// Public surface of the consumer protocol schemas.
export {
  decodeSubscription,
  encodeSubscription,
  type ConsumerProtocolSubscription,
} from './subscription.js';
export type { TopicPartitions } from './topic-partitions.js';
export { decodeAssignment, encodeAssignment, type ConsumerProtocolAssignment } from './assignment.js';
