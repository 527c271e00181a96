/**
 * OffsetCommit for Kafka groups (Kafka's doCommitOffsets): the group-level fence, then a
 * check of each partition. The broker's assignment is opaque bytes, so unlike HTTP groups
 * there is no ownership check.
 *
 * Fence: no group at all: generation < 0 commits (a consumer outside group management),
 * anything else is ILLEGAL_GENERATION. A group: FENCED_INSTANCE_ID for a replaced static
 * member; generation < 0 commits only while the group is Empty; else UNKNOWN_MEMBER_ID,
 * ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS during CompletingRebalance (commits during
 * PreparingRebalance are allowed, as in Kafka). A fenced commit writes nothing.
 *
 * Partitions: each gets its own code (UNKNOWN_TOPIC_OR_PARTITION, OFFSET_METADATA_TOO_LARGE,
 * INVALID_REQUEST); the valid ones are written together, the same partition twice: the later wins.
 */
import { isMiniKafkaError, MiniKafkaError, topicPartitionKey } from '@mini-kafka/protocol';
import { illegalGeneration, membersOnly, unknownMember } from '../errors.js';
import { MAX_COMMIT_BYTES, type OffsetEntry, validateOffsetInput } from '../validation.js';
import {
  codeOf,
  FENCED_INSTANCE_ID,
  ILLEGAL_GENERATION,
  INVALID_COMMIT_OFFSET_SIZE,
  NONE,
  OFFSET_METADATA_TOO_LARGE,
  REBALANCE_IN_PROGRESS,
  UNKNOWN_MEMBER_ID,
  UNKNOWN_TOPIC_OR_PARTITION,
} from './codes.js';
import type { KafkaContext } from './context.js';
import type { KafkaGroup } from './group.js';
import { touch } from './rebalance.js';
import type { KafkaCommitResult } from './types.js';

/**
 * Kafka's commit fence; 0 when the commit may go ahead (the member is then touched).
 * `generationId` undefined (HTTP commits that name a member but no generation) skips the generation check.
 */
export function commitFence(
  ctx: KafkaContext,
  group: KafkaGroup | undefined,
  memberId: string,
  generationId: number | undefined,
  groupInstanceId: string | null,
): number {
  const outsider = generationId !== undefined && generationId < 0;
  if (group === undefined) return outsider ? NONE : ILLEGAL_GENERATION;
  if (group.isFenced(memberId, groupInstanceId)) return FENCED_INSTANCE_ID;
  if (outsider && group.state === 'Empty') return NONE;
  const member = group.member(memberId);
  if (member === undefined) return UNKNOWN_MEMBER_ID;
  if (generationId !== undefined && generationId !== group.generationId) return ILLEGAL_GENERATION;
  if (group.state === 'CompletingRebalance') return REBALANCE_IN_PROGRESS;
  touch(ctx, group, member);
  return NONE;
}

/** The fence's verdict as the HTTP API's error (a MiniKafkaError), or undefined to go ahead. */
export function commitFenceError(
  group: KafkaGroup,
  memberId: string,
  generationId: number | undefined,
  code: number,
): MiniKafkaError | undefined {
  switch (code) {
    case NONE:
      return undefined;
    case UNKNOWN_MEMBER_ID:
      return memberId === '' ? membersOnly(group.groupId, group.size) : unknownMember(group.groupId, memberId);
    case ILLEGAL_GENERATION:
      return illegalGeneration(group.groupId, memberId, generationId ?? -1, group.generationId);
    default:
      return new MiniKafkaError(
        'REBALANCE_IN_PROGRESS',
        `Group "${group.groupId}" is completing a rebalance; commit after SyncGroup`,
        {
          details: { group: group.groupId },
        },
      );
  }
}

export interface CheckedOffsets {
  /** One per requested offset, in request order; codes of accepted entries stay 0 unless `fail` is called. */
  results: KafkaCommitResult[];
  /** What to write: the accepted entries, one per partition. */
  entries: OffsetEntry[];
  /** Marks every accepted entry with `errorCode` (the write failed). */
  fail(errorCode: number): void;
}

function echo(raw: unknown, errorCode: number): KafkaCommitResult {
  const { topic, partition } = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    topic: typeof topic === 'string' ? topic : '',
    partition: typeof partition === 'number' ? partition : -1,
    errorCode,
  };
}

/** The same code for every requested offset (a fenced or refused commit). */
export function echoOffsets(offsets: readonly unknown[], errorCode: number): KafkaCommitResult[] {
  return offsets.map((raw) => echo(raw, errorCode));
}

function entryCode(error: unknown): number {
  if (!isMiniKafkaError(error)) return codeOf('INVALID_REQUEST');
  if (error.type === 'INVALID_COMMIT_OFFSET_SIZE') return OFFSET_METADATA_TOO_LARGE;
  if (error.type === 'INVALID_TOPIC_EXCEPTION') return UNKNOWN_TOPIC_OR_PARTITION;
  return error.code;
}

export function checkOffsets(
  offsets: readonly unknown[],
  groupId: string,
  partitionCount: (topic: string) => number | undefined,
): CheckedOffsets {
  const results: KafkaCommitResult[] = [];
  const accepted = new Map<string, { entry: OffsetEntry; indexes: number[] }>();
  offsets.forEach((raw, index) => {
    const result = echo(raw, NONE);
    results.push(result);
    let entry: OffsetEntry;
    try {
      entry = validateOffsetInput(raw);
    } catch (error) {
      result.errorCode = entryCode(error);
      return;
    }
    const count = partitionCount(entry.topic);
    if (count === undefined || entry.partition < 0 || entry.partition >= count) {
      result.errorCode = UNKNOWN_TOPIC_OR_PARTITION;
      return;
    }
    const key = topicPartitionKey(entry.topic, entry.partition);
    const previous = accepted.get(key);
    accepted.set(key, { entry, indexes: [...(previous?.indexes ?? []), index] });
  });
  const fail = (errorCode: number): void => {
    for (const { indexes } of accepted.values()) for (const index of indexes) results[index]!.errorCode = errorCode;
  };
  const entries = [...accepted.values()].map(({ entry }) => entry);
  const bytes = entries.reduce((sum, e) => sum + 128 + 3 * (groupId.length + e.topic.length + e.metadata.length), 0);
  if (bytes > MAX_COMMIT_BYTES) {
    fail(INVALID_COMMIT_OFFSET_SIZE);
    return { results, entries: [], fail };
  }
  return { results, entries, fail };
}
