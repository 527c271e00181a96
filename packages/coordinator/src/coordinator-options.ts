/** What GroupCoordinator.open takes: the window on the broker's topics, the offset store, the seams and the settings. */
import type { Clock, Scheduler, TopicPartition } from '@mini-kafka/protocol/core';
import type { RebalanceEvent } from './groups/rebalance-event.js';
import type { OffsetStore } from './offsets/offset-store.js';

/** A partition's log bounds, as the broker's storage knows them. */
export interface LogOffsets {
  logStartOffset: number;
  logEndOffset: number;
}

export interface GroupCoordinatorOptions {
  /** Partitions of a topic, or `undefined` when the topic does not exist. */
  partitionCount: (topic: string) => number | undefined;
  /** Log bounds of a partition, or `undefined` when it does not exist. */
  logOffsets: (topic: string, partition: number) => LogOffsets | undefined;
  /** Where committed offsets live. Default: a MemoryOffsetStore. The coordinator closes it. */
  offsetStore?: OffsetStore;
  /** Default: the system clock. */
  clock?: Clock;
  /** For members that do not ask for one. Default 10,000 ms. */
  defaultSessionTimeoutMs?: number;
  /** Default 1,000 ms. */
  minSessionTimeoutMs?: number;
  /** Default 1,800,000 ms (30 minutes, Kafka's group.max.session.timeout.ms). */
  maxSessionTimeoutMs?: number;
  /** Called after every rebalance; exceptions it throws are ignored. */
  onRebalance?: (event: RebalanceEvent) => void;
  /** Runs the Kafka groups' deadlines. Default: real (unref'd) timers. Give a ManualScheduler with a ManualClock. */
  scheduler?: Scheduler;
  /** Kafka's group.initial.rebalance.delay.ms: how long the first rebalance of an Empty Kafka group waits for more members. Default 3,000 ms. */
  initialRebalanceDelayMs?: number;
  /**
   * Decodes a Kafka group member's assignment bytes (ConsumerProtocolAssignment) into
   * topic-partitions for describe(), lag() and rebalance events; `undefined` (or throwing)
   * when they do not decode. Without it, Kafka members' assignments show as empty.
   */
  decodeAssignment?: (bytes: Buffer) => readonly TopicPartition[] | undefined;
}
