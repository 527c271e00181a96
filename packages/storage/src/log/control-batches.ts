/**
 * Control batches: the COMMIT and ABORT markers the transaction coordinator writes into each
 * partition of a transaction (Kafka's EndTransactionMarker). One batch with the transactional
 * and control attribute bits, the producer's id and epoch, base sequence -1, and one record:
 *   key   = version int16 (0) + type int16 (0 ABORT, 1 COMMIT)
 *   value = version int16 (0) + coordinatorEpoch int32
 * Only the log writes them (PartitionLog.appendControl); clients may not (log-validator.ts).
 */

import { rewriteCrc } from '../record-batch/batch-check.js';
import {
  ATTRIBUTES_OFFSET,
  batchAttributes,
  CONTROL_MASK,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  TRANSACTIONAL_MASK,
} from '../record-batch/batch-header.js';
import { decodeBatchRecords } from '../record-batch/decode.js';
import { encodeRecordBatch } from '../record-batch/encode.js';
import { readInt64 } from '../record-batch/varint.js';
import type { TransactionMarker } from './partition-log.js';

const ABORT_TYPE = 0;
const COMMIT_TYPE = 1;

/** The control batch of `marker`, base offset 0 (the log assigns the real one). */
export function encodeControlBatch(marker: TransactionMarker, timestamp: number): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(marker.commit ? COMMIT_TYPE : ABORT_TYPE, 2);
  const value = Buffer.alloc(6);
  value.writeInt16BE(0, 0);
  value.writeInt32BE(marker.coordinatorEpoch, 2);
  const batch = encodeRecordBatch([{ key, value, timestamp }], {
    timestamp,
    producerId: marker.producerId,
    producerEpoch: marker.producerEpoch,
    baseSequence: -1,
  });
  batch.writeInt16BE(batchAttributes(batch, 0) | TRANSACTIONAL_MASK | CONTROL_MASK, ATTRIBUTES_OFFSET);
  rewriteCrc(batch, 0);
  return batch;
}

export function isControl(bytes: Buffer, at: number): boolean {
  return (batchAttributes(bytes, at) & CONTROL_MASK) !== 0;
}

export function isTransactional(bytes: Buffer, at: number): boolean {
  return (batchAttributes(bytes, at) & TRANSACTIONAL_MASK) !== 0;
}

/**
 * The marker a stored control batch holds, or undefined when its record is not a
 * COMMIT/ABORT marker Kafka's way (an unknown control type is passed over, as Kafka does).
 */
export function parseControlBatch(bytes: Buffer, at: number): TransactionMarker | undefined {
  let key: Buffer | null | undefined;
  let value: Buffer | null | undefined;
  try {
    const record = decodeBatchRecords(bytes, at, [])[0];
    key = record?.key;
    value = record?.value;
  } catch {
    return undefined;
  }
  if (key == null || key.length < 4) return undefined;
  const type = key.readInt16BE(2);
  if (type !== ABORT_TYPE && type !== COMMIT_TYPE) return undefined;
  return {
    producerId: readInt64(bytes, at + PRODUCER_ID_OFFSET),
    producerEpoch: bytes.readInt16BE(at + PRODUCER_EPOCH_OFFSET),
    commit: type === COMMIT_TYPE,
    coordinatorEpoch: value != null && value.length >= 6 ? value.readInt32BE(2) : -1,
  };
}
