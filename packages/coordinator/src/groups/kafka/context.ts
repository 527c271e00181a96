/**
 * KafkaContext: what the Kafka group state machine needs from its surroundings: the clock
 * (for "last seen"), the scheduler (for every deadline), settings, the broker's assignment
 * decoder, the rebalance listener, and a way to let an idle group be forgotten.
 */
import type { Clock, Scheduler, TopicPartition } from '@mini-kafka/protocol/core';
import type { RebalanceEvent } from '../rebalance-event.js';
import type { KafkaGroup } from './group.js';

export interface KafkaContext {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Kafka's group.initial.rebalance.delay.ms. */
  readonly initialRebalanceDelayMs: number;
  /** The broker's decoder, made safe: sorted topic-partitions, or `undefined` when the bytes do not decode. */
  decode(assignment: Buffer): TopicPartition[] | undefined;
  /** Reports a completed rebalance; listener exceptions are swallowed. */
  emit(event: RebalanceEvent): void;
  /** Called when a group may have become idle: it is forgotten if it also has no committed offsets. */
  settle(group: KafkaGroup): void;
}
