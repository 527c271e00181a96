/**
 * The records of the transaction state log, one per change of a transactional id (Kafka's
 * `__transaction_state`, as JSON):
 *
 *   key    UTF-8 JSON  {"v":1,"txn":"<transactionalId>"}
 *   value  UTF-8 JSON  {"producerId":<int>,"previousProducerId":<int>,"producerEpoch":<int>,
 *                       "lastProducerEpoch":<int>,"timeoutMs":<int>,"state":"<TransactionState>",
 *                       "partitions":[["<topic>",<partition>],...],"groups":["<groupId>",...],
 *                       "startTimeMs":<ms>,"updateTimeMs":<ms>}
 *          or null: a tombstone, the id expired and is forgotten
 *
 * The latest record for a key wins. No record payload is ever written here: only ids, epochs,
 * partitions and group ids.
 */
import type { RecordInput, StoredRecord } from '@mini-kafka/storage';
import type { TransactionMetadata } from './transaction-metadata.js';
import { TRANSACTION_STATES, type TransactionState } from './transaction-types.js';

export const TRANSACTION_RECORD_VERSION = 1;

const STATES: ReadonlySet<string> = new Set(TRANSACTION_STATES);

export interface TransactionRecord {
  transactionalId: string;
  /** `null` for a tombstone. */
  value: TransactionMetadata | null;
}

function key(transactionalId: string): string {
  return JSON.stringify({ v: TRANSACTION_RECORD_VERSION, txn: transactionalId });
}

export function transactionRecord(meta: TransactionMetadata): RecordInput {
  const value = {
    producerId: meta.producerId,
    previousProducerId: meta.previousProducerId,
    producerEpoch: meta.producerEpoch,
    lastProducerEpoch: meta.lastProducerEpoch,
    timeoutMs: meta.transactionTimeoutMs,
    state: meta.state,
    partitions: meta.partitions.map(({ topic, partition }) => [topic, partition]),
    groups: meta.groups,
    startTimeMs: meta.startTimeMs,
    updateTimeMs: meta.updateTimeMs,
  };
  return { key: key(meta.transactionalId), value: JSON.stringify(value) };
}

export function transactionTombstone(transactionalId: string): RecordInput {
  return { key: key(transactionalId), value: null };
}

function isInteger(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function parse(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

function decodePartitions(value: unknown): { topic: string; partition: number }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const partitions: { topic: string; partition: number }[] = [];
  for (const entry of value) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !isInteger(entry[1], 0)) return undefined;
    partitions.push({ topic: entry[0], partition: entry[1] });
  }
  return partitions;
}

/** Decodes a record of the state log; `undefined` when it is not one this version understands. */
export function decodeTransactionRecord(record: Pick<StoredRecord, 'key' | 'value'>): TransactionRecord | undefined {
  if (record.key === null) return undefined;
  const k = parse(record.key) as Record<string, unknown> | undefined;
  if (typeof k !== 'object' || k === null || k.v !== TRANSACTION_RECORD_VERSION || typeof k.txn !== 'string') {
    return undefined;
  }
  const transactionalId = k.txn;
  if (record.value === null) return { transactionalId, value: null };
  const v = parse(record.value) as Record<string, unknown> | undefined;
  if (typeof v !== 'object' || v === null) return undefined;
  const partitions = decodePartitions(v.partitions);
  const groups = v.groups;
  if (
    !isInteger(v.producerId, 0) ||
    !isInteger(v.previousProducerId, -1) ||
    !isInteger(v.producerEpoch, -1) ||
    !isInteger(v.lastProducerEpoch, -1) ||
    !isInteger(v.timeoutMs, 0) ||
    typeof v.state !== 'string' ||
    !STATES.has(v.state) ||
    partitions === undefined ||
    !Array.isArray(groups) ||
    !groups.every((group) => typeof group === 'string') ||
    !isInteger(v.startTimeMs, -1) ||
    !isInteger(v.updateTimeMs, Number.MIN_SAFE_INTEGER)
  ) {
    return undefined;
  }
  return {
    transactionalId,
    value: {
      transactionalId,
      producerId: v.producerId,
      previousProducerId: v.previousProducerId,
      producerEpoch: v.producerEpoch,
      lastProducerEpoch: v.lastProducerEpoch,
      transactionTimeoutMs: v.timeoutMs,
      state: v.state as TransactionState,
      partitions,
      groups: groups as string[],
      startTimeMs: v.startTimeMs,
      updateTimeMs: v.updateTimeMs,
    },
  };
}
