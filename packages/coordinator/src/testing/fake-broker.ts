/**
 * A stand-in for the broker in coordinator tests: topics with partition counts and log
 * bounds (offsets 0 to DEFAULT_LOG_END_OFFSET unless set), a ManualClock with the ManualScheduler that drives Kafka groups' deadlines, the
 * test assignment decoder, and a coordinator wired to them that records rebalance events.
 * Test-only; not built or published.
 */

import type { TopicPartition } from '@mini-kafka/protocol/core';
import { ManualClock, ManualScheduler, topicPartitionKey } from '@mini-kafka/protocol/core';
import type { GroupCoordinatorOptions, LogOffsets } from '../coordinator-options.js';
import { GroupCoordinator } from '../group-coordinator.js';
import type { RebalanceEvent } from '../groups/rebalance-event.js';
import { decodeTestAssignment } from './kafka-test-client.js';

/** Where a partition's log ends unless a test sets its bounds: commits up to it pass the commit rule. */
export const DEFAULT_LOG_END_OFFSET = 1_000;

export class FakeBroker {
  readonly clock = new ManualClock();
  /** Advancing it moves `clock` too, running Kafka groups' deadlines on the way. */
  readonly scheduler = new ManualScheduler(this.clock);
  readonly topics = new Map<string, number>();
  readonly bounds = new Map<string, LogOffsets>();
  readonly events: RebalanceEvent[] = [];

  constructor(topics: Record<string, number> = { orders: 6 }) {
    for (const [name, count] of Object.entries(topics)) this.topics.set(name, count);
  }

  setBounds(topic: string, partition: number, logStartOffset: number, logEndOffset: number): void {
    this.bounds.set(topicPartitionKey(topic, partition), { logStartOffset, logEndOffset });
  }

  coordinatorOptions(): GroupCoordinatorOptions {
    return {
      clock: this.clock,
      partitionCount: (topic) => this.topics.get(topic),
      logOffsets: (topic, partition) =>
        partition < (this.topics.get(topic) ?? 0)
          ? (this.bounds.get(topicPartitionKey(topic, partition)) ?? {
              logStartOffset: 0,
              logEndOffset: DEFAULT_LOG_END_OFFSET,
            })
          : undefined,
      onRebalance: (event) => this.events.push(event),
      scheduler: this.scheduler,
      decodeAssignment: decodeTestAssignment,
    };
  }

  open(options: Partial<GroupCoordinatorOptions> = {}): Promise<GroupCoordinator> {
    return GroupCoordinator.open({ ...this.coordinatorOptions(), ...options });
  }
}

/** `orders-0`-style names, for compact assertions. */
export function names(partitions: readonly TopicPartition[]): string[] {
  return partitions.map((tp) => `${tp.topic}-${tp.partition}`);
}

/** The partition numbers, for single-topic assertions. */
export function numbers(partitions: readonly TopicPartition[]): number[] {
  return partitions.map((tp) => tp.partition);
}
