/**
 * The records of the offsets log, one per committed partition:
 *
 *   key    UTF-8 JSON  {"v":1,"group":"<groupId>","topic":"<topic>","partition":<int>}
 *   value  UTF-8 JSON  {"offset":<int>,"metadata":"<text>","commitTimestamp":<ms>}
 *          or null: a tombstone, the partition's offset was deleted (group or topic deleted)
 *
 * The latest record for a key wins. JSON keeps the log readable with any Kafka tool
 * (kcat -C on the segment's directory shows the commits as text).
 */
import type { RecordInput, StoredRecord } from '@mini-kafka/storage';
import { EARLIEST_OFFSET_MARKER } from '../groups/validation.js';
import type { CommittedOffset } from './offset-store.js';

export const OFFSET_RECORD_VERSION = 1;

export interface OffsetRecord {
  groupId: string;
  topic: string;
  partition: number;
  /** `null` for a tombstone. */
  value: { offset: number; metadata: string; commitTimestamp: number } | null;
}

function key(groupId: string, topic: string, partition: number): string {
  return JSON.stringify({ v: OFFSET_RECORD_VERSION, group: groupId, topic, partition });
}

export function commitRecord(groupId: string, entry: CommittedOffset): RecordInput {
  const value = { offset: entry.offset, metadata: entry.metadata, commitTimestamp: entry.commitTimestamp };
  return { key: key(groupId, entry.topic, entry.partition), value: JSON.stringify(value) };
}

export function tombstoneRecord(groupId: string, topic: string, partition: number): RecordInput {
  return { key: key(groupId, topic, partition), value: null };
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

/** The partition a record's key names: `{ groupId, topic, partition }`. */
export type OffsetRecordKey = Omit<OffsetRecord, 'value'>;

/** Decodes the key of a record of the offsets log; `undefined` when it is not one this version understands. */
export function decodeOffsetKey(key: Buffer | null): OffsetRecordKey | undefined {
  if (key === null) return undefined;
  const k = parse(key) as Record<string, unknown> | undefined;
  if (typeof k !== 'object' || k === null || k.v !== OFFSET_RECORD_VERSION) return undefined;
  const { group, topic, partition } = k;
  if (typeof group !== 'string' || typeof topic !== 'string' || !isInteger(partition, 0)) return undefined;
  return { groupId: group, topic, partition };
}

/** Decodes a record of the offsets log; `undefined` when it is not one this version understands. */
export function decodeOffsetRecord(record: Pick<StoredRecord, 'key' | 'value'>): OffsetRecord | undefined {
  const key = decodeOffsetKey(record.key);
  if (key === undefined) return undefined;
  const { groupId: group, topic, partition } = key;
  if (record.value === null) return { groupId: group, topic, partition, value: null };
  const v = parse(record.value) as Record<string, unknown> | undefined;
  if (typeof v !== 'object' || v === null) return undefined;
  const { offset, metadata, commitTimestamp } = v;
  if (
    !isInteger(offset, EARLIEST_OFFSET_MARKER) ||
    typeof metadata !== 'string' ||
    !isInteger(commitTimestamp, Number.MIN_SAFE_INTEGER)
  ) {
    return undefined;
  }
  return { groupId: group, topic, partition, value: { offset, metadata, commitTimestamp } };
}
