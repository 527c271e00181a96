/**
 * The OffsetStore seam: where a group's committed offsets live. `MemoryOffsetStore`
 * keeps them in memory; `LogOffsetStore` also writes them to a log on disk and replays
 * it on open. Both answer reads from memory, synchronously; writes are asynchronous,
 * atomic per call and applied in call order. `offset-store-conformance.case.ts` holds
 * every implementation to the same behaviour.
 *
 * A committed offset is Kafka's: the offset of the NEXT record the group will read.
 * The store trusts its input; the coordinator validates before it writes.
 *
 * Offsets committed inside a transaction (TxnOffsetCommit) are PENDING per (group, producer
 * id) until the transaction ends: invisible to `get`/`list`/`groupIds`, durable like commits,
 * and made committed or dropped by `completePending`. Removing a partition's offsets also drops
 * what is pending for it (Kafka's removeOffsets does the same).
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
  /** Removes the group's offsets of these partitions (committed and pending), as one atomic write. */
  remove(groupId: string, partitions: readonly TopicPartition[]): Promise<void>;
  /** Stores offsets as pending in the producer's open transaction (latest per partition wins), as one atomic write. */
  commitPending(groupId: string, producerId: number, offsets: readonly CommittedOffset[]): Promise<void>;
  /**
   * Ends the producer's transaction in the group, as one atomic write: commit makes its pending
   * offsets committed (replacing what was committed), abort drops them. A no-op when none are pending.
   */
  completePending(groupId: string, producerId: number, commit: boolean): Promise<void>;
  /** The producer's pending offsets in the group, sorted by topic, then partition. */
  pending(groupId: string, producerId: number): CommittedOffset[];
  /** The producers with pending offsets in the group, sorted. */
  pendingProducers(groupId: string): number[];
  /** Whether any producer has an offset pending for this partition of the group. */
  hasPending(groupId: string, topic: string, partition: number): boolean;
  /** The groups with pending offsets, sorted. */
  pendingGroupIds(): string[];
  /** What opening found, for a store kept on disk: damage skipped, files kept aside, repairs. */
  readonly openReport?: OffsetStoreOpenReport;
  /** Waits for pending writes and releases resources; further writes fail. */
  close(): Promise<void>;
}
