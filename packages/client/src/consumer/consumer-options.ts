/** The options of a Consumer and of its `subscribe`, `poll` and `run`, with their defaults. */
import { type AssignorName, type IsolationLevel, MiniKafkaError } from '@mini-kafka/protocol';
import type { ClientOptions } from '../client-options.js';
import type { ConsumerRecord } from '../encoding.js';

export interface ConsumerOptions {
  /** The consumer group; required here or in `subscribe`. */
  groupId?: string;
  /** Topics to subscribe to (more can be added with `subscribe`). */
  topics?: string[];
  /** Where to start in a partition the group has no committed offset for: true = earliest. Default false (latest), as in kafkajs. */
  fromBeginning?: boolean;
  /** Same as fromBeginning, Kafka's way; wins over fromBeginning when both are set. */
  autoOffsetReset?: 'earliest' | 'latest';
  /** How long the broker keeps this member without a heartbeat, in ms. Default: the broker's. */
  sessionTimeoutMs?: number;
  /** How often to heartbeat, in ms. Default: a third of the session timeout. */
  heartbeatIntervalMs?: number;
  /** How partitions are shared out among the members. Default: the broker's. */
  assignor?: AssignorName;
  /** Commit processed offsets automatically. Default true. */
  autoCommit?: boolean;
  /** In poll / for-await use, commit processed offsets at most this often, in ms. Default 5000. (`run` commits after every batch.) */
  autoCommitIntervalMs?: number;
  /**
   * Most records a fetch asks for, and a poll hands out. Default 500. A binary fetch brings
   * whole stored batches (as Kafka's fetches do), which may hold more: a poll leaves those for
   * the next one; `run` hands them all to its handlers.
   */
  maxRecords?: number;
  /** Most bytes one fetch returns. Default 1048576 (1 MiB). */
  maxBytes?: number;
  /** How long a fetch waits for records when there are none, in ms. Default 5000. */
  maxWaitMs?: number;
  /**
   * Kafka's `isolation.level`: `read_committed` (default) hands out only committed transactions'
   * records and waits at a transaction still open; `read_uncommitted` reads on past it. Either
   * way transaction markers and aborted transactions' records never come.
   */
  isolation?: IsolationLevel;
}

export type ConsumerConfig = ClientOptions & ConsumerOptions;

export interface SubscribeOptions {
  groupId?: string;
  fromBeginning?: boolean;
  autoOffsetReset?: 'earliest' | 'latest';
}

/** kafkajs's `subscribe({ topics, fromBeginning })`. */
export interface SubscribeRequest extends SubscribeOptions {
  topics?: string[];
  topic?: string;
}

export interface PollOptions {
  /** Default: the consumer's maxRecords. */
  maxRecords?: number;
  maxBytes?: number;
  /** How long to wait for records when there are none, in ms. Default: the consumer's maxWaitMs. */
  waitMs?: number;
}

/** What an `eachMessage` handler gets, named as in kafkajs: the record is `message`. */
export interface EachMessagePayload {
  topic: string;
  partition: number;
  message: ConsumerRecord;
  /** Sends a heartbeat now (heartbeats also run in the background). */
  heartbeat: () => Promise<void>;
}

/** The records of one partition for `eachBatch`, named as in kafkajs: the records are `messages`. */
export interface Batch {
  topic: string;
  partition: number;
  messages: ConsumerRecord[];
  firstOffset: () => number | null;
  lastOffset: () => number | null;
}

export interface EachBatchPayload {
  batch: Batch;
  /** Marks `offset` (and everything before it in the batch) processed. */
  resolveOffset: (offset: number) => void;
  heartbeat: () => Promise<void>;
  /** Commits what is processed so far (when autoCommit is on). */
  commitOffsetsIfNecessary: () => Promise<void>;
  /** False once the consumer is closing. */
  isRunning: () => boolean;
  /** True when a rebalance is pending: the rest of the batch may belong to another member by now. */
  isStale: () => boolean;
}

export interface RunOptions {
  eachMessage?: (payload: EachMessagePayload) => Promise<void> | void;
  eachBatch?: (payload: EachBatchPayload) => Promise<void> | void;
  /** With eachBatch: a batch whose handler returns counts as processed entirely. Default true. */
  eachBatchAutoResolve?: boolean;
  /**
   * Called with every error the run loop survives: a handler that threw (its record is
   * delivered again after a backoff) or a broker failure (retried after a backoff).
   * Default: a process warning (`process.emitWarning`).
   */
  onError?: (error: unknown) => void;
}

export const CONSUMER_DEFAULTS = {
  fromBeginning: false,
  autoCommit: true,
  autoCommitIntervalMs: 5_000,
  maxRecords: 500,
  maxBytes: 1024 * 1024,
  maxWaitMs: 5_000,
} as const;

/** Checks a numeric option: an integer >= `min`, or undefined. */
export function checkInteger(name: string, value: number | undefined, min: number): number | undefined {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < min)) {
    throw new MiniKafkaError('INVALID_CONFIG', `Consumer option ${name} must be an integer >= ${min}`);
  }
  return value;
}
