/**
 * ProducerAppendInfo: checks the idempotent batches of one append against what the
 * partition remembers of their producer, with Kafka's rules (ProducerAppendInfo,
 * UnifiedLog.analyzeAndValidateProducerState in Kafka 3.9). Pure: reads batch headers and
 * entries, changes nothing; the ProducerStateManager applies the outcome once offsets are known.
 *
 * Per append (batches from the log validator, already framed and CRC-checked):
 *   - every batch carries the same producer id (or none: -1, and nothing here applies);
 *     an idempotent batch has epoch >= 0 and base sequence >= 0; a transactional batch
 *     needs a producer id                                                   INVALID_RECORD
 *   - a non-transactional batch from a producer with an ongoing transaction   INVALID_TXN_STATE
 * A control batch (a COMMIT/ABORT marker, only ever written by the log itself: appendControl)
 * is an append of its own: an epoch older than the producer's is INVALID_PRODUCER_EPOCH, any
 * other is accepted (a newer one is the coordinator's bump) and becomes the producer's epoch.
 * Per idempotent batch, in order:
 *   1. a batch whose epoch and sequence range equal one of the producer's last 5
 *      batches is a duplicate: nothing is written and the append is answered with the
 *      original offsets (DUPLICATE_SEQUENCE_NUMBER is never sent for those). Duplicates
 *      may only lead an append: a multi-batch append cut short by a crash is retried
 *      whole, its written prefix is skipped and the rest written.
 *   2. epoch older than the producer's                               INVALID_PRODUCER_EPOCH
 *   3. a newer epoch must start at sequence 0 (unless the producer is
 *      unknown)                                                  OUT_OF_ORDER_SEQUENCE_NUMBER
 *   4. the same epoch must continue the last sequence (2^31 - 1 is followed
 *      by 0); at an epoch a marker raised (no batches yet) that is 0  OUT_OF_ORDER_SEQUENCE_NUMBER
 * An unknown producer (never seen here, or expired) is accepted at any sequence, as Kafka
 * has done since 2.5 (KIP-360): so UNKNOWN_PRODUCER_ID is never answered to Produce either.
 */
import {
  BASE_SEQUENCE_OFFSET,
  batchAttributes,
  batchLastOffsetDelta,
  batchRecordsCount,
  batchSize,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  TRANSACTIONAL_MASK,
} from '../record-batch/batch-header.js';
import { readInt64 } from '../record-batch/varint.js';
import { isControl, parseControlBatch } from './control-batches.js';
import type { LogName, TransactionMarker } from './partition-log.js';
import { invalidProducerBatch, invalidProducerEpoch, invalidTxnState, outOfOrderSequence } from './producer-errors.js';
import {
  type BatchMetadata,
  findDuplicate,
  incrementSequence,
  inSequence,
  lastSequenceOf,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  type ProducerStateEntry,
} from './producer-state-entry.js';

/** One idempotent batch of an append, as its header describes it. */
export interface ProducerBatch {
  /** Where the batch starts in the append's bytes. */
  position: number;
  epoch: number;
  firstSeq: number;
  lastSeq: number;
  lastOffsetDelta: number;
  recordCount: number;
  /** Part of a transaction (attributes bit 4). */
  transactional: boolean;
}

/** What an append amounts to for its producer. */
export interface ProducerAppendInfo {
  producerId: number;
  /** Batches already written: a leading run of duplicates, oldest first. */
  duplicates: BatchMetadata[];
  /** Records in the duplicates. */
  duplicateRecords: number;
  /** Bytes of the append the duplicates take (written nothing of them). */
  skipBytes: number;
  /** The batches to write, in order. */
  batches: ProducerBatch[];
  /** Set when the append is a control batch: the marker it writes (its one batch). */
  marker?: TransactionMarker;
}

/** The producer id of an append's batches, or NO_PRODUCER_ID; throws when they disagree or break a rule. */
function readProducerBatches(tp: LogName, bytes: Buffer): { producerId: number; batches: ProducerBatch[] } {
  let producerId: number | undefined;
  const batches: ProducerBatch[] = [];
  for (let position = 0, index = 0; position < bytes.length; position += batchSize(bytes, position), index++) {
    const id = readInt64(bytes, position + PRODUCER_ID_OFFSET);
    if (producerId === undefined) producerId = id;
    else if (id !== producerId) throw invalidProducerBatch(tp, index, 'has a different producer id than batch 0');
    const transactional = (batchAttributes(bytes, position) & TRANSACTIONAL_MASK) !== 0;
    if (id === NO_PRODUCER_ID) {
      if (transactional) throw invalidProducerBatch(tp, index, 'is transactional but has no producer id');
      continue;
    }
    if (id < 0) throw invalidProducerBatch(tp, index, 'has a negative producer id');
    const epoch = bytes.readInt16BE(position + PRODUCER_EPOCH_OFFSET);
    const firstSeq = bytes.readInt32BE(position + BASE_SEQUENCE_OFFSET);
    if (epoch < 0) throw invalidProducerBatch(tp, index, 'has a producer id but a negative producer epoch');
    if (firstSeq < 0) throw invalidProducerBatch(tp, index, 'has a producer id but a negative base sequence');
    const lastOffsetDelta = batchLastOffsetDelta(bytes, position);
    batches.push({
      position,
      epoch,
      firstSeq,
      lastSeq: incrementSequence(firstSeq, lastOffsetDelta),
      lastOffsetDelta,
      recordCount: batchRecordsCount(bytes, position),
      transactional,
    });
  }
  return { producerId: producerId ?? NO_PRODUCER_ID, batches };
}

/**
 * Checks an append's batches against `current`, the producer's entry (undefined when
 * unknown). Resolves to undefined for an append without a producer id.
 */
export function analyzeProducerAppend(
  tp: LogName,
  bytes: Buffer,
  lookup: (producerId: number) => ProducerStateEntry | undefined,
): ProducerAppendInfo | undefined {
  if (bytes.length > 0 && isControl(bytes, 0)) return analyzeMarker(tp, bytes, lookup);
  const { producerId, batches } = readProducerBatches(tp, bytes);
  if (producerId === NO_PRODUCER_ID) return undefined;
  const current = lookup(producerId);
  let ongoing = (current?.currentTxnFirstOffset ?? -1) >= 0;
  const info: ProducerAppendInfo = { producerId, duplicates: [], duplicateRecords: 0, skipBytes: 0, batches: [] };
  const currentEpoch = current?.producerEpoch ?? NO_PRODUCER_EPOCH;
  // The state as the batches before this one in the append leave it (Kafka's updatedEntry).
  let epoch = currentEpoch;
  let lastSeq: number | undefined;
  for (const batch of batches) {
    if (info.batches.length === 0 && current !== undefined) {
      const duplicate = findDuplicate(current, batch.epoch, batch.firstSeq, batch.lastSeq);
      if (duplicate !== undefined) {
        info.duplicates.push(duplicate);
        info.duplicateRecords += batch.recordCount;
        info.skipBytes = batch.position + batchSize(bytes, batch.position);
        continue;
      }
    }
    if (batch.epoch < epoch) throw invalidProducerEpoch(tp, producerId, batch.epoch, epoch);
    if (ongoing && !batch.transactional) throw invalidTxnState(tp, producerId);
    ongoing ||= batch.transactional;
    if (batch.epoch !== epoch) {
      if (batch.firstSeq !== 0 && epoch !== NO_PRODUCER_EPOCH) {
        throw outOfOrderSequence(tp, producerId, batch.firstSeq, undefined);
      }
    } else {
      const previous = lastSeq ?? (current !== undefined ? lastSequenceOf(current) : undefined);
      if (currentEpoch !== NO_PRODUCER_EPOCH && previous !== undefined && !inSequence(previous, batch.firstSeq)) {
        throw outOfOrderSequence(tp, producerId, batch.firstSeq, incrementSequence(previous, 1));
      }
    }
    epoch = batch.epoch;
    lastSeq = batch.lastSeq;
    info.batches.push(batch);
  }
  return info;
}

/** A control batch written by appendControl: the producer's epoch may not go back. */
function analyzeMarker(
  tp: LogName,
  bytes: Buffer,
  lookup: (producerId: number) => ProducerStateEntry | undefined,
): ProducerAppendInfo {
  const marker = parseControlBatch(bytes, 0);
  if (marker === undefined) throw invalidProducerBatch(tp, 0, 'is a control batch without a transaction marker');
  const current = lookup(marker.producerId);
  if (current !== undefined && marker.producerEpoch < current.producerEpoch) {
    throw invalidProducerEpoch(tp, marker.producerId, marker.producerEpoch, current.producerEpoch);
  }
  const batch: ProducerBatch = {
    position: 0,
    epoch: marker.producerEpoch,
    firstSeq: -1,
    lastSeq: -1,
    lastOffsetDelta: batchLastOffsetDelta(bytes, 0),
    recordCount: batchRecordsCount(bytes, 0),
    transactional: true,
  };
  return { producerId: marker.producerId, duplicates: [], duplicateRecords: 0, skipBytes: 0, batches: [batch], marker };
}
