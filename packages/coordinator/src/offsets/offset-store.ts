/**
 * The OffsetStore seam: where a group's committed offsets live. `MemoryOffsetStore`
 * keeps them in memory; `LogOffsetStore` also writes them to a log on disk and replays
 * it on open. Both answer reads from memory, synchronously; writes are asynchronous,
 * atomic per call and applied in call order. `offset-store-conformance.case.ts` holds
 * every implementation to the same behaviour.
 *
 * A committed offset is Kafka's: the offset of the NEXT record the group will read.
 * The store trusts its input; the coordinator validates before it writes.
 */
import type { CommittedOffset, TopicPartition } from '@mini-kafka/protocol/core';
import type { OffsetStoreOpenReport } from './offset-store-report.js';

/** A committed offset (the next offset to read), defined once in @mini-kafka/protocol. */
export type { CommittedOffset } from '@mini-kafka/protocol/core';

export interface OffsetStore {
  /** The committed offset of one partition, or `undefined` when there is none. */
  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined;
  /** A group's committed offsets (of one topic, if given), sorted by topic, then partition. */
  list(groupId: string, topic?: string): CommittedOffset[];
  /** The groups holding at least one committed offset, sorted. */
  groupIds(): string[];
  /** Stores every offset, as one atomic write; resolves once they are durable. */
  commit(groupId: string, offsets: readonly CommittedOffset[]): Promise<void>;
  /** Removes the group's offsets of these partitions, as one atomic write. */
  remove(groupId: string, partitions: readonly TopicPartition[]): Promise<void>;
  /** What opening found, for a store kept on disk: damage skipped, files kept aside, repairs. */
  readonly openReport?: OffsetStoreOpenReport;
  /** Waits for pending writes and releases resources; further writes fail. */
  close(): Promise<void>;
}
