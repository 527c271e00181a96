/**
 * Input checks for everything a client can send the coordinator. Each throws a
 * MiniKafkaError naming the field and the limit; client strings are echoed only when
 * they are already known to be short and printable.
 */
import {
  ASSIGNOR_NAMES,
  type AssignorName,
  assertValidTopicName,
  type ErrorType,
  MAX_CLIENT_ID_LENGTH,
  MAX_COMMIT_METADATA_LENGTH,
  MAX_GROUP_ID_LENGTH,
  MAX_MEMBER_ID_LENGTH,
  MiniKafkaError,
  topicPartitionKey,
} from '@mini-kafka/protocol/core';
import { isAssignorName } from '../assignors/assignors.js';
import { checkCommitRange, type PartitionBounds } from './commit-rule.js';
import { commitTooLarge, duplicatePartition, unknownPartition } from './errors.js';

// The limits are @mini-kafka/protocol's, the same the HTTP API's schemas check: MAX_GROUP_ID_LENGTH,
// MAX_MEMBER_ID_LENGTH, MAX_CLIENT_ID_LENGTH, MAX_COMMIT_METADATA_LENGTH.

// C0 controls and DEL: they would let a client forge lines in the broker's log.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** True when `value` holds a C0 control character or DEL. */
export function hasControlCharacters(value: string): boolean {
  CONTROL_CHARACTERS.lastIndex = 0;
  return CONTROL_CHARACTERS.test(value);
}

function checkId(value: unknown, what: string, type: ErrorType, limit: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > limit || hasControlCharacters(value)) {
    throw new MiniKafkaError(type, `${what} must be a non-empty string of at most ${limit} printable characters`, {
      details: { limit },
    });
  }
  return value;
}

export function validateGroupId(groupId: unknown): string {
  return checkId(groupId, 'Group id', 'INVALID_GROUP_ID', MAX_GROUP_ID_LENGTH);
}

export function validateMemberId(memberId: unknown): string {
  return checkId(memberId, 'Member id', 'INVALID_REQUEST', MAX_MEMBER_ID_LENGTH);
}

export function validateClientId(clientId: unknown): string | undefined {
  return clientId === undefined ? undefined : checkId(clientId, 'Client id', 'INVALID_REQUEST', MAX_CLIENT_ID_LENGTH);
}

/** A non-empty list of legal topic names; returns them deduplicated and sorted. */
export function validateTopics(topics: unknown): string[] {
  if (!Array.isArray(topics) || topics.length === 0) {
    throw new MiniKafkaError('INVALID_REQUEST', 'A member must subscribe to at least one topic');
  }
  for (const topic of topics) assertValidTopicName(topic);
  return [...new Set(topics as string[])].sort();
}

export function validateSessionTimeout(value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new MiniKafkaError(
      'INVALID_SESSION_TIMEOUT',
      `Session timeout must be an integer between ${min} and ${max} ms`,
      {
        details: { min, max },
      },
    );
  }
  return value;
}

export function validateAssignor(value: unknown): AssignorName {
  if (!isAssignorName(value)) {
    throw new MiniKafkaError('INVALID_REQUEST', `Assignor must be one of ${ASSIGNOR_NAMES.join(', ')}`);
  }
  return value;
}

export function validateGenerationId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new MiniKafkaError('INVALID_REQUEST', 'Generation id must be an integer');
  }
  return value;
}

/** An offset to commit, as given by a client. */
export interface OffsetInput {
  topic: string;
  partition: number;
  offset: number;
  metadata?: string | null;
}

/** An offset entry once checked: what is written to the offset store. */
export interface OffsetEntry {
  topic: string;
  partition: number;
  offset: number;
  metadata: string;
}

/**
 * Kafka's offset markers, -1 (latest) and -2 (earliest). Kafka stores them when a client
 * commits one (kafkajs's admin `resetOffsets` does), and every consumer then reads the
 * partition as having no usable committed offset and applies its reset policy.
 */
export const EARLIEST_OFFSET_MARKER = -2;

/**
 * The shape and limits of one offset entry; whether its partition exists is checked by the
 * caller. `minOffset` is 0 for the HTTP API; the Kafka path passes EARLIEST_OFFSET_MARKER.
 */
export function validateOffsetInput(entry: unknown, minOffset = 0): OffsetEntry {
  if (typeof entry !== 'object' || entry === null) {
    throw new MiniKafkaError('INVALID_REQUEST', 'Each offset must be an object with topic, partition and offset');
  }
  const { topic, partition, offset, metadata } = entry as Record<string, unknown>;
  assertValidTopicName(topic);
  if (typeof partition !== 'number' || !Number.isSafeInteger(partition)) {
    throw new MiniKafkaError('INVALID_REQUEST', `Partition of topic "${topic}" must be an integer`, {
      details: { topic },
    });
  }
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < minOffset) {
    const rule = minOffset === 0 ? 'a non-negative integer' : `an integer of at least ${minOffset}`;
    throw new MiniKafkaError('INVALID_REQUEST', `Offset for ${topic}-${partition} must be ${rule}`, {
      details: { topic, partition },
    });
  }
  if (metadata !== undefined && metadata !== null && typeof metadata !== 'string') {
    throw new MiniKafkaError('INVALID_REQUEST', `Metadata for ${topic}-${partition} must be a string`, {
      details: { topic, partition },
    });
  }
  const text = metadata ?? '';
  if (text.length > MAX_COMMIT_METADATA_LENGTH) {
    throw new MiniKafkaError(
      'INVALID_COMMIT_OFFSET_SIZE',
      `Metadata for ${topic}-${partition} is ${text.length} characters long; the limit is ${MAX_COMMIT_METADATA_LENGTH}`,
      { details: { topic, partition, size: text.length, limit: MAX_COMMIT_METADATA_LENGTH } },
    );
  }
  return { topic, partition, offset, metadata: text };
}

/** The most a single commit may write, roughly, in bytes (the offsets log takes batches up to 64 MiB). */
export const MAX_COMMIT_BYTES = 32 * 1024 * 1024;

/**
 * A whole list of offsets: each entry's shape, no partition twice, every partition
 * existing, the commit rule (commit-rule.ts), and a bounded total size.
 */
export function validateOffsetList(offsets: unknown, groupId: string, broker: PartitionBounds): OffsetEntry[] {
  if (!Array.isArray(offsets)) throw new MiniKafkaError('INVALID_REQUEST', 'Offsets must be a list');
  const seen = new Set<string>();
  let bytes = 0;
  const entries = offsets.map((raw: unknown) => {
    const entry = validateOffsetInput(raw);
    const key = topicPartitionKey(entry.topic, entry.partition);
    if (seen.has(key)) throw duplicatePartition(entry.topic, entry.partition);
    seen.add(key);
    const count = broker.partitionCount(entry.topic);
    if (count === undefined || entry.partition < 0 || entry.partition >= count)
      throw unknownPartition(entry.topic, entry.partition);
    const outOfRange = checkCommitRange(entry, broker);
    if (outOfRange !== undefined) throw outOfRange;
    bytes += 128 + 3 * (groupId.length + entry.topic.length + entry.metadata.length);
    return entry;
  });
  if (bytes > MAX_COMMIT_BYTES) throw commitTooLarge(bytes, MAX_COMMIT_BYTES);
  return entries;
}
