/**
 * The public shapes of the transaction coordinator: its options, the target its markers go to,
 * and what it answers. Kafka's nouns (TransactionCoordinator.scala, TransactionMetadata.scala).
 */
import type { Clock, ErrorType, Scheduler, TopicPartition } from '@mini-kafka/protocol/core';
import type { FileSystem, TransactionMarker } from '@mini-kafka/storage';

/** Where the coordinator's markers go (the broker wires it to the logs and the group coordinator). */
export interface TransactionMarkerTarget {
  /**
   * Appends the marker to one partition (PartitionLog.appendControl). A partition that no longer
   * exists resolves (nothing to mark). Rejects on a storage failure: the coordinator retries later.
   */
  writeMarker(topic: string, partition: number, marker: TransactionMarker): Promise<void>;
  /** Makes the group's offsets committed in this producer's transaction visible (commit) or drops them (abort). */
  completeGroupOffsets(groupId: string, producerId: number, commit: boolean): Promise<void>;
}

/** Every state a transactional id can be in, by Kafka's names (ListTransactions filters by them). */
export const TRANSACTION_STATES = [
  'Empty',
  'Ongoing',
  'PrepareCommit',
  'PrepareAbort',
  'CompleteCommit',
  'CompleteAbort',
  'Dead',
  'PrepareEpochFence',
] as const;

export type TransactionState = (typeof TRANSACTION_STATES)[number];

export interface TransactionCoordinatorOptions {
  /** `<dataDir>/~coordinator/transactions/` holds the state log, or `directory` as is; `inMemory` keeps nothing on disk. */
  dataDir?: string;
  directory?: string;
  inMemory?: boolean;
  clock?: Clock;
  /** Runs the timeout/retry timer; default real timers, unref'd. */
  scheduler?: Scheduler;
  fs?: FileSystem;
  /** A new, never reused producer id (the broker's ProducerIdManager). */
  allocateProducerId(): Promise<number>;
  markers: TransactionMarkerTarget;
  /** transaction.max.timeout.ms, default 900000. */
  maxTransactionTimeoutMs?: number;
  /**
   * How often timed-out transactions are looked for (Kafka: 10000). The coordinator runs its own
   * timer (unref'd, on `scheduler`); `tick()` runs one check. 0 or less: no timer, `tick()` only.
   */
  abortTimedOutTransactionsIntervalMs?: number;
  /** transactional.id.expiration.ms, default 7 days: an Empty/Complete* id untouched this long is forgotten. */
  transactionalIdExpirationMs?: number;
  /** First delay before a failed marker write is retried; doubles up to 30 s. Default 100 ms (Kafka's retry backoff). */
  markerRetryBackoffMs?: number;
  /** The coordinator epoch written in markers. Default 0 (a single broker). */
  coordinatorEpoch?: number;
  /** Compaction of the state log: more records than this... Default 10,000. */
  compactMinRecords?: number;
  /** ...and more than this many times the live ids. Default 2. */
  compactRatio?: number;
}

export interface ProducerIdAndEpoch {
  producerId: number;
  producerEpoch: number;
}

export type TxnResult = { error: ErrorType | null };

export interface TransactionListing {
  transactionalId: string;
  producerId: number;
  state: TransactionState;
}

export interface TransactionDescription {
  transactionalId: string;
  /** TRANSACTIONAL_ID_NOT_FOUND when the id is unknown (the other fields are then empty). */
  error: ErrorType | null;
  state: TransactionState;
  producerId: number;
  producerEpoch: number;
  transactionTimeoutMs: number;
  /** -1 when no transaction is open. */
  transactionStartTimeMs: number;
  partitions: TopicPartition[];
  groups: string[];
}

export interface ListTransactionsFilter {
  /** State names; empty or absent: all. */
  states?: readonly string[];
  /** Producer ids; empty or absent: all. */
  producerIds?: readonly number[];
  /** Only transactions open for longer than this (ms); absent or negative: all. */
  durationFilterMs?: number;
}
