/**
 * What the coordinator reports to `onRebalance` after a rebalance of either kind of group.
 */
import type { TopicPartition } from '@mini-kafka/protocol/core';

/**
 * Why a rebalance happened. HTTP groups: all but `rebalance-timeout`. Kafka groups: `join`,
 * `leave`, `session-timeout`, or `rebalance-timeout` (members were dropped for not
 * rejoining, or not syncing, in time).
 */
export type RebalanceReason =
  | 'join'
  | 'leave'
  | 'session-timeout'
  | 'partitions-changed'
  | 'subscription-changed'
  | 'rebalance-timeout';

export interface RebalanceEvent {
  groupId: string;
  /** The new generation. */
  generationId: number;
  reason: RebalanceReason;
  /** Members removed by this rebalance (for `leave` and `session-timeout`). */
  removed: string[];
  /** Every remaining member's partitions, in join order. */
  assignments: { memberId: string; partitions: TopicPartition[] }[];
}
