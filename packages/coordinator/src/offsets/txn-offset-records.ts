/**
 * The records of the offsets log for transactional offset commits (Kafka's TxnOffsetCommit),
 * beside the committed-offset records of offset-records.ts. Their keys carry `"v":2`, so a
 * reader that knows only version 1 skips them instead of taking a pending offset for a
 * committed one.
 *
 *   pending     key    {"v":2,"group":"<groupId>","producer":<id>,"topic":"<topic>","partition":<int>}
 *               value  {"offset":<int>,"metadata":"<text>","commitTimestamp":<ms>}
 *               an offset committed in the producer's open transaction, not yet visible
 *   completion  key    {"v":2,"group":"<groupId>","producer":<id>}
 *               value  {"commit":true|false}
 *               the transaction ended: every offset pending for the producer in the group
 *               becomes committed (true) or is dropped (false), as of this point of the log
 *
 * A tombstone of a committed offset (offset-records.ts) also drops the partition's pending
 * offsets, so deletions and completions replay in log order. Compaction rewrites pending
 * entries (they stay pending across it) and never needs a completion record.
 */
import type { RecordInput, StoredRecord } from '@mini-kafka/storage';
import { EARLIEST_OFFSET_MARKER } from '../groups/validation.js';
import type { CommittedOffset } from './offset-store.js';

export const TXN_OFFSET_RECORD_VERSION = 2;

export type TxnOffsetRecord =
  | { kind: 'pending'; groupId: string; producerId: number; entry: CommittedOffset }
  | { kind: 'completion'; groupId: string; producerId: number; commit: boolean };

export function pendingRecord(groupId: string, producerId: number, entry: CommittedOffset): RecordInput {
  const key = {
    v: TXN_OFFSET_RECORD_VERSION,
    group: groupId,
    producer: producerId,
    topic: entry.topic,
    partition: entry.partition,
  };
  const value = { offset: entry.offset, metadata: entry.metadata, commitTimestamp: entry.commitTimestamp };
  return { key: JSON.stringify(key), value: JSON.stringify(value) };
}

export function completionRecord(groupId: string, producerId: number, commit: boolean): RecordInput {
  const key = { v: TXN_OFFSET_RECORD_VERSION, group: groupId, producer: producerId };
  return { key: JSON.stringify(key), value: JSON.stringify({ commit }) };
}

function isInteger(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function parse(bytes: Buffer | null): Record<string, unknown> | undefined {
  if (bytes === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a transactional record of the offsets log; `undefined` when it is not one. */
export function decodeTxnOffsetRecord(record: Pick<StoredRecord, 'key' | 'value'>): TxnOffsetRecord | undefined {
  const k = parse(record.key);
  if (k === undefined || k.v !== TXN_OFFSET_RECORD_VERSION) return undefined;
  const { group, producer, topic, partition } = k;
  if (typeof group !== 'string' || !isInteger(producer, 0)) return undefined;
  const v = parse(record.value);
  if (v === undefined) return undefined;
  if (topic === undefined && partition === undefined) {
    return typeof v.commit === 'boolean'
      ? { kind: 'completion', groupId: group, producerId: producer, commit: v.commit }
      : undefined;
  }
  if (typeof topic !== 'string' || !isInteger(partition, 0)) return undefined;
  const { offset, metadata, commitTimestamp } = v;
  if (
    !isInteger(offset, EARLIEST_OFFSET_MARKER) ||
    typeof metadata !== 'string' ||
    !isInteger(commitTimestamp, Number.MIN_SAFE_INTEGER)
  ) {
    return undefined;
  }
  return {
    kind: 'pending',
    groupId: group,
    producerId: producer,
    entry: { topic, partition, offset, metadata, commitTimestamp },
  };
}
