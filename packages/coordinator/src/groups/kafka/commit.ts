/**
 * OffsetCommit for Kafka groups (Kafka's doCommitOffsets): the group-level fence, then a
 * check of each partition. The broker's assignment is opaque bytes, so unlike HTTP groups
 * there is no ownership check.
 *
 * Fence: no group at all: generation < 0 commits (a consumer outside group management),
 * anything else is ILLEGAL_GENERATION. A group: generation < 0 commits only while the group
 * is Empty; else the member check (v7+ carries group.instance.id: FENCED_INSTANCE_ID for a
 * replaced static member, UNKNOWN_MEMBER_ID for an instance id nobody holds), UNKNOWN_MEMBER_ID,
 * ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS during CompletingRebalance (commits during
 * PreparingRebalance are allowed, as in Kafka). A fenced commit writes nothing.
 *
 * Partitions: each gets its own code (UNKNOWN_TOPIC_OR_PARTITION, OFFSET_OUT_OF_RANGE past
 * the log end (the commit rule, groups/commit-rule.ts), OFFSET_METADATA_TOO_LARGE,
 * INVALID_REQUEST); the valid ones are written together, the same partition twice: the later wins.
 * The answer has the request's shape: every topic and partition asked for, in order.
 */
import type { OffsetCommitResponse } from '@mini-kafka/kafka-protocol';
import { isMiniKafkaError, MiniKafkaError, topicPartitionKey } from '@mini-kafka/protocol/core';
import { checkCommitRange, type PartitionBounds } from '../commit-rule.js';
import { illegalGeneration, membersOnly, unknownMember } from '../errors.js';
import { EARLIEST_OFFSET_MARKER, MAX_COMMIT_BYTES, type OffsetEntry, validateOffsetInput } from '../validation.js';
import {
  codeOf,
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
  if (outsider && group.state === 'Empty') return NONE;
  const identity = group.checkMember(memberId, groupInstanceId);
  if (identity !== NONE) return identity;
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

/** What an OffsetCommit asks to write, flattened in request order, each with the response entry that answers it. */
interface RequestedOffset {
  /** As the client sent it, for validateOffsetInput. */
  input: { topic: unknown; partition: unknown; offset: unknown; metadata: unknown };
  answer: { partitionIndex: number; errorCode: number };
}

function fields(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The response skeleton of an OffsetCommit request (every code 0), and its offsets in request order. */
function readRequest(request: unknown): { response: OffsetCommitResponse; offsets: RequestedOffset[] } {
  const offsets: RequestedOffset[] = [];
  const topics = list(fields(request).topics).map((rawTopic) => {
    const topic = fields(rawTopic);
    const name = typeof topic.name === 'string' ? topic.name : '';
    const partitions = list(topic.partitions).map((rawPartition) => {
      const p = fields(rawPartition);
      const answer = { partitionIndex: typeof p.partitionIndex === 'number' ? p.partitionIndex : -1, errorCode: NONE };
      offsets.push({
        input: {
          topic: topic.name,
          partition: p.partitionIndex,
          offset: p.committedOffset,
          metadata: p.committedMetadata,
        },
        answer,
      });
      return answer;
    });
    return { name, partitions };
  });
  return { response: { topics }, offsets };
}

/** Every requested partition answered with the same code (a fenced or refused commit). */
export function answerEvery(request: unknown, errorCode: number): OffsetCommitResponse {
  const { response, offsets } = readRequest(request);
  for (const { answer } of offsets) answer.errorCode = errorCode;
  return response;
}

export interface CheckedOffsets {
  /** The answer: one entry per requested partition, in request order; accepted ones stay 0 unless `fail` is called. */
  response: OffsetCommitResponse;
  /** What to write: the accepted entries, one per partition. */
  entries: OffsetEntry[];
  /** Marks every accepted entry with `errorCode` (the write failed). */
  fail(errorCode: number): void;
}

function entryCode(error: unknown): number {
  if (!isMiniKafkaError(error)) return codeOf('INVALID_REQUEST');
  if (error.type === 'INVALID_COMMIT_OFFSET_SIZE') return OFFSET_METADATA_TOO_LARGE;
  if (error.type === 'INVALID_TOPIC_EXCEPTION') return UNKNOWN_TOPIC_OR_PARTITION;
  return error.code;
}

/** Checks each requested partition on its own; the valid ones are to be written together. */
export function checkOffsets(request: unknown, groupId: string, broker: PartitionBounds): CheckedOffsets {
  const { response, offsets } = readRequest(request);
  const accepted = new Map<string, { entry: OffsetEntry; answers: RequestedOffset['answer'][] }>();
  for (const { input, answer } of offsets) {
    let entry: OffsetEntry;
    try {
      entry = validateOffsetInput(input, EARLIEST_OFFSET_MARKER);
    } catch (error) {
      answer.errorCode = entryCode(error);
      continue;
    }
    const count = broker.partitionCount(entry.topic);
    if (count === undefined || entry.partition < 0 || entry.partition >= count) {
      answer.errorCode = UNKNOWN_TOPIC_OR_PARTITION;
      continue;
    }
    const outOfRange = checkCommitRange(entry, broker);
    if (outOfRange !== undefined) {
      answer.errorCode = outOfRange.code;
      continue;
    }
    const key = topicPartitionKey(entry.topic, entry.partition);
    const previous = accepted.get(key);
    accepted.set(key, { entry, answers: [...(previous?.answers ?? []), answer] });
  }
  const fail = (errorCode: number): void => {
    for (const { answers } of accepted.values()) for (const answer of answers) answer.errorCode = errorCode;
  };
  const entries = [...accepted.values()].map(({ entry }) => entry);
  const bytes = entries.reduce((sum, e) => sum + 128 + 3 * (groupId.length + e.topic.length + e.metadata.length), 0);
  if (bytes > MAX_COMMIT_BYTES) {
    fail(INVALID_COMMIT_OFFSET_SIZE);
    return { response, entries: [], fail };
  }
  return { response, entries, fail };
}
