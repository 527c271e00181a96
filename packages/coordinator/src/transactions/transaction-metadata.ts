/**
 * One transactional id's state, as the coordinator keeps it in memory and in its state log
 * (Kafka's TransactionMetadata), and the state machine over it: pure functions that take the
 * current metadata and a request and answer either an error or the next metadata. No I/O here:
 * the coordinator writes the next metadata durably, then installs it.
 *
 * States: Empty (producer initialized, no transaction) -> Ongoing (partitions or groups added)
 * -> PrepareCommit/PrepareAbort (decision durable, markers being written) ->
 * CompleteCommit/CompleteAbort (markers written) -> Ongoing again on the next add. Dead is an
 * expired id being removed. PrepareEpochFence is Kafka's transient state of an Ongoing
 * transaction being aborted to fence its producer: here the fence goes straight to a durable
 * PrepareAbort with the bumped epoch, so the state is in the type but never stored.
 *
 * Epochs: every InitProducerId bumps the epoch; one that would pass 32766 (Kafka's
 * "exhausted", Short.MaxValue - 1) rotates to a fresh producer id at epoch 0, remembering the
 * previous id and epoch so that a retried call (KIP-360) is recognized.
 */
import type { ErrorType, TopicPartition } from '@mini-kafka/protocol/core';
import { compareStrings, compareTopicPartitions } from '@mini-kafka/protocol/core';
import type { TransactionState } from './transaction-types.js';

/** Kafka's RecordBatch.NO_PRODUCER_EPOCH / NO_PRODUCER_ID. */
export const NO_PRODUCER_EPOCH = -1;
export const NO_PRODUCER_ID = -1;
/** Short.MaxValue: the largest epoch a marker may carry. */
export const MAX_PRODUCER_EPOCH = 32767;

export interface TransactionMetadata {
  transactionalId: string;
  producerId: number;
  /** The producer id before the last rotation, -1 when none. */
  previousProducerId: number;
  producerEpoch: number;
  /** The epoch before the last bump by a client that named its epoch (KIP-360 retries), -1 when none. */
  lastProducerEpoch: number;
  transactionTimeoutMs: number;
  state: TransactionState;
  /** Sorted by topic, then partition. */
  partitions: TopicPartition[];
  /** Sorted. */
  groups: string[];
  /** When the open transaction started, -1 when none. */
  startTimeMs: number;
  /** The last change, for transactional id expiration. */
  updateTimeMs: number;
}

export type Transition = { error: ErrorType } | { next: TransactionMetadata };

/** An epoch at which no further bump is allowed on this producer id. */
export function isEpochExhausted(epoch: number): boolean {
  return epoch >= MAX_PRODUCER_EPOCH - 1;
}

export function isPrepare(state: TransactionState): boolean {
  return state === 'PrepareCommit' || state === 'PrepareAbort';
}

/** A state in which a new transaction may start (or a new InitProducerId bump the epoch). */
export function isIdle(state: TransactionState): boolean {
  return state === 'Empty' || state === 'CompleteCommit' || state === 'CompleteAbort';
}

export function cloneMetadata(meta: TransactionMetadata): TransactionMetadata {
  return { ...meta, partitions: meta.partitions.map((tp) => ({ ...tp })), groups: [...meta.groups] };
}

/** A new transactional id: Empty, before its first epoch bump (epoch -1). */
export function newMetadata(transactionalId: string, producerId: number, timeoutMs: number, now: number) {
  return {
    transactionalId,
    producerId,
    previousProducerId: NO_PRODUCER_ID,
    producerEpoch: NO_PRODUCER_EPOCH,
    lastProducerEpoch: NO_PRODUCER_EPOCH,
    transactionTimeoutMs: timeoutMs,
    state: 'Empty',
    partitions: [],
    groups: [],
    startTimeMs: -1,
    updateTimeMs: now,
  } satisfies TransactionMetadata;
}

/** The producer id and epoch a request names (KIP-360), or undefined for a fresh InitProducerId (-1/-1). */
export type ExpectedProducer = { producerId: number; producerEpoch: number } | undefined;

/**
 * What InitProducerId does to an id that exists: an error, `fence` (Ongoing: abort it first
 * with a bumped epoch), `rotate` (epoch exhausted: a new producer id is needed, see
 * `rotateProducerId`), or the next metadata (epoch bumped, or unchanged for a retry).
 */
export function planInitProducerId(
  meta: TransactionMetadata,
  expected: ExpectedProducer,
  timeoutMs: number,
  now: number,
): Transition | { fence: true } | { rotate: true } {
  if (expected !== undefined && !isValidExpectedProducer(meta, expected)) return { error: 'PRODUCER_FENCED' };
  switch (meta.state) {
    case 'PrepareCommit':
    case 'PrepareAbort':
    case 'PrepareEpochFence':
    case 'Dead':
      return { error: 'CONCURRENT_TRANSACTIONS' };
    case 'Ongoing':
      return { fence: true };
    default:
      break;
  }
  if (
    isEpochExhausted(meta.producerEpoch) &&
    (expected === undefined || expected.producerEpoch === meta.producerEpoch)
  ) {
    return { rotate: true };
  }
  const bumped = meta.producerEpoch + 1;
  const base = { ...cloneMetadata(meta), transactionTimeoutMs: timeoutMs, state: 'Empty' as const, updateTimeMs: now };
  base.partitions = [];
  base.groups = [];
  base.startTimeMs = -1;
  if (expected === undefined) return { next: { ...base, producerEpoch: bumped, lastProducerEpoch: NO_PRODUCER_EPOCH } };
  if (meta.producerEpoch === NO_PRODUCER_EPOCH || expected.producerEpoch === meta.producerEpoch) {
    // The producer continues after an error and nobody else took the id: bump, remember the epoch it had.
    return { next: { ...base, producerEpoch: bumped, lastProducerEpoch: meta.producerEpoch } };
  }
  // A retry of a bump whose answer was lost: the current epoch again, no bump.
  if (expected.producerEpoch === meta.lastProducerEpoch) return { next: base };
  return { error: 'PRODUCER_FENCED' };
}

/**
 * KIP-360: a request naming a producer passes only for the current producer id (its epoch is
 * checked by the bump), the previous one when its epoch was exhausted (a retry across a
 * rotation), or an id whose epoch was never bumped.
 */
function isValidExpectedProducer(meta: TransactionMetadata, expected: { producerId: number; producerEpoch: number }) {
  return (
    meta.producerEpoch === NO_PRODUCER_EPOCH ||
    expected.producerId === meta.producerId ||
    (expected.producerId === meta.previousProducerId && isEpochExhausted(expected.producerEpoch))
  );
}

/** The epoch is exhausted: `producerId` replaces the current id, at epoch 0. */
export function rotateProducerId(
  meta: TransactionMetadata,
  producerId: number,
  expected: ExpectedProducer,
  timeoutMs: number,
  now: number,
): TransactionMetadata {
  return {
    ...cloneMetadata(meta),
    previousProducerId: meta.producerId,
    producerId,
    producerEpoch: 0,
    lastProducerEpoch: expected === undefined ? NO_PRODUCER_EPOCH : meta.producerEpoch,
    transactionTimeoutMs: timeoutMs,
    state: 'Empty',
    partitions: [],
    groups: [],
    startTimeMs: -1,
    updateTimeMs: now,
  };
}

/**
 * Checks the producer a request names against the id's current one: another producer id is
 * INVALID_PRODUCER_ID_MAPPING, another epoch PRODUCER_FENCED (Kafka: any other epoch).
 */
export function checkProducer(meta: TransactionMetadata, producerId: number, producerEpoch: number): ErrorType | null {
  if (meta.state === 'Dead' || meta.producerId !== producerId) return 'INVALID_PRODUCER_ID_MAPPING';
  if (meta.producerEpoch !== producerEpoch) return 'PRODUCER_FENCED';
  return null;
}

/**
 * AddPartitionsToTxn / AddOffsetsToTxn: starts a transaction from Empty/Complete*, adds to an
 * Ongoing one. `null` when everything is already there (nothing to write).
 */
export function planAdd(
  meta: TransactionMetadata,
  add: { partitions?: readonly TopicPartition[]; groups?: readonly string[] },
  now: number,
): Transition | null {
  if (isPrepare(meta.state) || meta.state === 'PrepareEpochFence') return { error: 'CONCURRENT_TRANSACTIONS' };
  if (meta.state === 'Dead') return { error: 'INVALID_PRODUCER_ID_MAPPING' };
  const ongoing = meta.state === 'Ongoing';
  const partitions = ongoing ? meta.partitions.map((tp) => ({ ...tp })) : [];
  const groups = ongoing ? [...meta.groups] : [];
  let added = !ongoing;
  for (const { topic, partition } of add.partitions ?? []) {
    if (partitions.some((tp) => tp.topic === topic && tp.partition === partition)) continue;
    partitions.push({ topic, partition });
    added = true;
  }
  for (const group of add.groups ?? []) {
    if (groups.includes(group)) continue;
    groups.push(group);
    added = true;
  }
  if (!added) return null;
  partitions.sort(compareTopicPartitions);
  groups.sort(compareStrings);
  return {
    next: {
      ...cloneMetadata(meta),
      state: 'Ongoing',
      partitions,
      groups,
      startTimeMs: ongoing ? meta.startTimeMs : now,
      updateTimeMs: now,
    },
  };
}

/**
 * EndTxn from the client: Ongoing -> Prepare*. `{ done: true }` answers NONE with nothing to do
 * (a retry of the decision already taken, whether its markers are written or still being
 * written); the opposite decision, or an end with no transaction, is INVALID_TXN_STATE.
 */
export function planEnd(meta: TransactionMetadata, commit: boolean, now: number): Transition | { done: true } {
  switch (meta.state) {
    case 'Ongoing':
      return {
        next: { ...cloneMetadata(meta), state: commit ? 'PrepareCommit' : 'PrepareAbort', updateTimeMs: now },
      };
    case 'PrepareCommit':
    case 'CompleteCommit':
      return commit ? { done: true } : { error: 'INVALID_TXN_STATE' };
    case 'PrepareAbort':
    case 'CompleteAbort':
      return commit ? { error: 'INVALID_TXN_STATE' } : { done: true };
    case 'PrepareEpochFence':
      return { error: 'CONCURRENT_TRANSACTIONS' };
    default:
      return { error: 'INVALID_TXN_STATE' };
  }
}

/**
 * The coordinator aborts an Ongoing transaction itself (its producer is being fenced by a new
 * instance, or it timed out): PrepareAbort with the epoch bumped, so that the markers carry an
 * epoch the old instance cannot match and its next request is PRODUCER_FENCED.
 */
export function fenceAndAbort(meta: TransactionMetadata, now: number): TransactionMetadata {
  return {
    ...cloneMetadata(meta),
    producerEpoch: Math.min(meta.producerEpoch + 1, MAX_PRODUCER_EPOCH),
    lastProducerEpoch: NO_PRODUCER_EPOCH,
    state: 'PrepareAbort',
    updateTimeMs: now,
  };
}

/** The markers are written: Complete*, partitions and groups cleared. */
export function complete(meta: TransactionMetadata, now: number): TransactionMetadata {
  return {
    ...cloneMetadata(meta),
    state: meta.state === 'PrepareCommit' ? 'CompleteCommit' : 'CompleteAbort',
    partitions: [],
    groups: [],
    startTimeMs: -1,
    updateTimeMs: now,
  };
}
