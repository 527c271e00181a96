/**
 * /v1/transactions and a partition's producers: what the broker's HTTP API tells about Kafka
 * transactions (the answers of Kafka's ListTransactions, DescribeTransactions and
 * DescribeProducers), and the isolation level of the HTTP reads.
 *
 *   GET /v1/transactions[?state=Ongoing,PrepareCommit&producerId=7&durationMs=60000]
 *                                        -> { transactions: [{ transactionalId, producerId, state }] }
 *   GET /v1/transactions/{transactionalId} -> TransactionDescription (404 TRANSACTIONAL_ID_NOT_FOUND)
 *   GET /v1/topics/{topic}/partitions/{p}/producers -> { topic, partition, producers: [...] }
 *
 * The fetch routes (fetch.ts) take `isolation`: `read_committed` (the default) or
 * `read_uncommitted`.
 */
import * as z from 'zod';
import type { TopicPartition } from '../topic-partition.js';
import { queryInt } from './common.js';

/**
 * Kafka's transaction state names, as its tools print them: `Empty` (a producer id, no open
 * transaction), `Ongoing`, `PrepareCommit` and `PrepareAbort` (the markers are being written),
 * `CompleteCommit` and `CompleteAbort`, `Dead` (expired), `PrepareEpochFence` (an older
 * instance is being fenced).
 */
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

/** One of `TRANSACTION_STATES`. */
export type TransactionState = (typeof TRANSACTION_STATES)[number];

/** The isolation levels of a read, Kafka's names (its `isolation.level`). */
export const ISOLATION_LEVELS = ['read_committed', 'read_uncommitted'] as const;

/** One of `ISOLATION_LEVELS`. */
export type IsolationLevel = (typeof ISOLATION_LEVELS)[number];

/**
 * The `isolation` field of the fetch routes (a query parameter; absent: `read_committed`).
 * `read_committed` reads stop at the last stable offset, before the first record of a
 * transaction still open; `read_uncommitted` reads go on to the high watermark. Either way the
 * broker leaves out the commit and abort markers and the records of aborted transactions: a
 * Kafka client drops those itself from the aborted-transactions list its Fetch answer carries,
 * an HTTP reader gets records and has nothing to filter them with, so the broker does. Committed
 * data only is the default because it is the safe one: nothing a reader sees can still be
 * aborted.
 */
export const isolation = z.enum(ISOLATION_LEVELS).default('read_committed');

/** A transaction state name, any case (`ongoing`, `Ongoing`), as Kafka's tools accept them. */
const transactionStateName = z
  .string()
  .transform((name) => TRANSACTION_STATES.find((state) => state.toLowerCase() === name.trim().toLowerCase()))
  .pipe(z.enum(TRANSACTION_STATES, { error: `a state is one of ${TRANSACTION_STATES.join(', ')}` }));

/**
 * `GET /v1/transactions`: Kafka's ListTransactions filters, each optional (absent: all).
 * `state`: comma-separated state names; `producerId`: comma-separated producer ids;
 * `durationMs`: only transactions open longer than this (Kafka's DurationFilter).
 */
export const listTransactionsQuery = z.object({
  state: z
    .string()
    .max(200)
    .transform((list) => list.split(','))
    .pipe(z.array(transactionStateName).min(1))
    .optional(),
  producerId: z
    .string()
    .max(2000)
    .transform((list) => list.split(',').map((id) => (id.trim() === '' ? Number.NaN : Number(id))))
    .pipe(z.array(z.int().min(0).max(Number.MAX_SAFE_INTEGER)).min(1))
    .optional(),
  durationMs: queryInt(z.int().min(0).max(Number.MAX_SAFE_INTEGER)).optional(),
});
export type ListTransactionsQuery = z.input<typeof listTransactionsQuery>;

/** A transactional id the broker's transaction coordinator knows, as the list names it. */
export interface TransactionSummary {
  transactionalId: string;
  producerId: number;
  state: TransactionState;
}

export interface ListTransactionsResponse {
  transactions: TransactionSummary[];
}

/** A transactional id's transaction, as the coordinator holds it. */
export interface TransactionDescription {
  transactionalId: string;
  state: TransactionState;
  producerId: number;
  producerEpoch: number;
  transactionTimeoutMs: number;
  /** When the open transaction started (ms since the epoch); null when none is open. */
  transactionStartTimeMs: number | null;
  /** The partitions in the transaction (while it commits or aborts: those still without a marker). */
  partitions: TopicPartition[];
  /** The consumer groups whose offsets the transaction commits. */
  groups: string[];
}

/** A producer a partition keeps state for (Kafka's DescribeProducers answer). */
export interface PartitionProducer {
  producerId: number;
  producerEpoch: number;
  /** The sequence number of its last record here; -1 when none. */
  lastSequence: number;
  /** The timestamp of its last batch here; -1 when none. */
  lastTimestamp: number;
  /** The coordinator epoch of the last transaction marker written for it here (-1 when none). */
  coordinatorEpoch: number;
  /** The first offset of its open transaction here, which holds the last stable offset back; -1 when none. */
  currentTxnStartOffset: number;
}

export interface DescribeProducersResponse {
  topic: string;
  partition: number;
  producers: PartitionProducer[];
}
