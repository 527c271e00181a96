/**
 * ProducerStateEntry: what a partition remembers about one idempotent producer, Kafka's
 * way: its current epoch, the time of its last append and the metadata of its last
 * `BATCHES_TO_RETAIN` (5) batches, oldest first. A retried batch whose epoch and sequence
 * range equal one of them is a duplicate and is answered with that batch's offsets.
 *
 * Sequence numbers count records and wrap from 2^31 - 1 to 0 (Kafka's rule), so a batch's
 * last sequence is its base sequence plus its last offset delta, modulo 2^31.
 * A transactional producer also has the first offset of its ongoing transaction here (until a
 * COMMIT or ABORT marker ends it) and the coordinator epoch of the last marker.
 * Plain data and pure functions: no I/O. Only the owning log's single writer changes an entry.
 */

export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
/** Batches remembered per producer: Kafka's NUM_BATCHES_TO_RETAIN (and max.in.flight's limit). */
export const BATCHES_TO_RETAIN = 5;
const MAX_SEQUENCE = 0x7fffffff;

/** One of a producer's recent batches. */
export interface BatchMetadata {
  firstSeq: number;
  lastSeq: number;
  /** Offset of the batch's last record. */
  lastOffset: number;
  /** lastOffset - firstOffset. */
  offsetDelta: number;
  /** When the batch was appended (the log's clock; the batch's max timestamp when rebuilt from the log). */
  timestamp: number;
}

export interface ProducerStateEntry {
  producerId: number;
  producerEpoch: number;
  /** Oldest first, at most BATCHES_TO_RETAIN. */
  batches: BatchMetadata[];
  /** Time of the last append; the producer expires producerIdExpirationMs after it. */
  lastTimestamp: number;
  /** First offset of the producer's ongoing transaction in this partition, -1 when none. */
  currentTxnFirstOffset: number;
  /** The coordinator epoch of the last marker written for it, -1 when none. */
  coordinatorEpoch: number;
}

export function incrementSequence(sequence: number, increment: number): number {
  return sequence > MAX_SEQUENCE - increment ? increment - (MAX_SEQUENCE - sequence) - 1 : sequence + increment;
}

export function decrementSequence(sequence: number, decrement: number): number {
  return sequence < decrement ? MAX_SEQUENCE - (decrement - sequence) + 1 : sequence - decrement;
}

/** Whether `next` directly follows `last` (2^31 - 1 is followed by 0). */
export function inSequence(last: number, next: number): boolean {
  return next === last + 1 || (next === 0 && last === MAX_SEQUENCE);
}

export function firstOffsetOf(batch: BatchMetadata): number {
  return batch.lastOffset - batch.offsetDelta;
}

export function lastSequenceOf(entry: ProducerStateEntry): number {
  return entry.batches[entry.batches.length - 1]?.lastSeq ?? NO_SEQUENCE;
}

export function emptyEntry(producerId: number): ProducerStateEntry {
  return {
    producerId,
    producerEpoch: NO_PRODUCER_EPOCH,
    batches: [],
    lastTimestamp: -1,
    currentTxnFirstOffset: -1,
    coordinatorEpoch: -1,
  };
}

export function copyEntry(entry: ProducerStateEntry): ProducerStateEntry {
  return { ...entry, batches: entry.batches.map((batch) => ({ ...batch })) };
}

/** Adds a batch: a new epoch forgets the old epoch's batches; only the last 5 are kept. */
export function addBatch(entry: ProducerStateEntry, epoch: number, batch: BatchMetadata): void {
  if (entry.producerEpoch !== epoch) {
    entry.producerEpoch = epoch;
    entry.batches = [];
  }
  entry.batches.push(batch);
  if (entry.batches.length > BATCHES_TO_RETAIN) entry.batches.shift();
  entry.lastTimestamp = batch.timestamp;
}

/** The remembered batch with exactly this epoch and sequence range, if any. */
export function findDuplicate(
  entry: ProducerStateEntry,
  epoch: number,
  firstSeq: number,
  lastSeq: number,
): BatchMetadata | undefined {
  if (entry.producerEpoch !== epoch) return undefined;
  return entry.batches.find((batch) => batch.firstSeq === firstSeq && batch.lastSeq === lastSeq);
}
