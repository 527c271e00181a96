/** /v1/groups: membership, heartbeats, commits, offset resets, describe, list, delete. */
import * as z from 'zod';
import { ASSIGNOR_NAMES, type AssignorName, GROUP_STATES, type GroupState } from '../consumer-group.js';
import type { TopicPartition } from '../topic-partition.js';
import { groupId, memberId, offset, partitionIndex, queryInt, timestamp, topicName } from './common.js';
import { MAX_CLIENT_ID_LENGTH, MAX_COMMIT_METADATA_LENGTH, MAX_TOPICS_PER_MEMBER } from './limits.js';

/** An assignor name: one of `ASSIGNOR_NAMES`. */
export const assignorName = z.enum(ASSIGNOR_NAMES);

export const joinGroupRequest = z.strictObject({
  memberId: memberId.optional(),
  clientId: z.string().max(MAX_CLIENT_ID_LENGTH).optional(),
  topics: z.array(topicName).min(1).max(MAX_TOPICS_PER_MEMBER),
  sessionTimeoutMs: z.int().optional(),
  assignor: assignorName.optional(),
  /** Where a member starts in a partition with no committed offset. Default "earliest". */
  autoOffsetReset: z.enum(['earliest', 'latest']).optional(),
});
export type JoinGroupRequest = z.input<typeof joinGroupRequest>;

/** @deprecated The same as `TopicPartition`; kept for code written against 0.1. */
export type TopicPartitionRef = TopicPartition;

export interface JoinGroupResponse {
  groupId: string;
  memberId: string;
  generationId: number;
  assignor: AssignorName;
  assignment: TopicPartition[];
  /** The session timeout in force for this member: heartbeat well within it. */
  sessionTimeoutMs: number;
}

export const heartbeatRequest = z.strictObject({ generationId: z.int().min(-1) });
export type HeartbeatRequest = z.input<typeof heartbeatRequest>;

export interface HeartbeatResponse {
  generationId: number;
  /** True when the group rebalanced since this member's generation: its assignment changed. */
  rebalanceRequired: boolean;
  assignment: TopicPartition[];
}

export const offsetCommit = z.strictObject({
  topic: topicName,
  partition: partitionIndex,
  /** The next offset to read (Kafka's convention): the last processed offset + 1. */
  offset,
  metadata: z.string().max(MAX_COMMIT_METADATA_LENGTH).optional(),
});
export type OffsetCommit = z.input<typeof offsetCommit>;

export const commitRequest = z.strictObject({
  memberId: memberId.optional(),
  generationId: z.int().min(-1).optional(),
  offsets: z.array(offsetCommit).min(1).max(100_000),
});
export type CommitRequest = z.input<typeof commitRequest>;

export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: number;
  metadata: string;
  commitTimestamp: number;
}

export interface CommittedOffsetsResponse {
  groupId: string;
  offsets: CommittedOffset[];
}

export const resetTarget = z.union([
  z.enum(['earliest', 'latest']),
  z.strictObject({ offset }),
  z.strictObject({ timestamp }),
]);
export type ResetTarget = z.input<typeof resetTarget>;

export const resetOffsetsRequest = z.strictObject({
  topic: topicName,
  /** One partition, or every partition of the topic when absent. */
  partition: partitionIndex.optional(),
  to: resetTarget,
});
export type ResetOffsetsRequest = z.input<typeof resetOffsetsRequest>;

export interface GroupMemberDescription {
  memberId: string;
  clientId: string;
  topics: string[];
  assignment: TopicPartition[];
  sessionTimeoutMs: number;
  lastSeenAgoMs: number;
  /** Kafka-protocol groups only: the address the member connected from. */
  clientHost?: string;
  /** Kafka-protocol groups only: group.instance.id of a static member, else null. */
  groupInstanceId?: string | null;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  committed: number | null;
  logStartOffset: number;
  logEndOffset: number;
  lag: number;
}

export interface GroupDescription {
  groupId: string;
  state: GroupState;
  generationId: number;
  /**
   * HTTP groups: the assignor (an `AssignorName`). Kafka-protocol groups: the protocol their
   * members chose, e.g. `range`; `''` while none.
   */
  assignor: string;
  /** Kafka-protocol groups only: the protocol type their members sent (`consumer`). */
  protocolType?: string;
  /** In join order. */
  members: GroupMemberDescription[];
  offsets: PartitionLag[];
}

export interface GroupSummary {
  groupId: string;
  state: GroupState;
  /** How many members the group has. */
  members: number;
  /** Kafka-protocol groups only: the protocol type their members sent (`consumer`). */
  protocolType?: string;
}

export interface ListGroupsResponse {
  groups: GroupSummary[];
}

/** A group state name, any case (`stable`, `Stable`): Kafka's ListGroups compares them so. */
const groupStateName = z
  .string()
  .transform((name) => GROUP_STATES.find((state) => state.toLowerCase() === name.trim().toLowerCase()))
  .pipe(z.enum(GROUP_STATES, { error: `a state is one of ${GROUP_STATES.join(', ')}` }));

/** `GET /v1/groups?state=Stable,Empty`: only the groups in one of these states (absent: all). */
export const listGroupsQuery = z.object({
  state: z
    .string()
    .max(200)
    .transform((list) => list.split(','))
    .pipe(z.array(groupStateName).min(1))
    .optional(),
});
export type ListGroupsQuery = z.input<typeof listGroupsQuery>;

/**
 * `DELETE /v1/groups/:group/offsets?topic=orders[&partition=3]`: deletes the group's
 * committed offsets of one topic (or one partition of it), as Kafka's OffsetDelete. Refused
 * (409 GROUP_SUBSCRIBED_TO_TOPIC) while a member of the group subscribes to the topic.
 */
export const deleteOffsetsQuery = z.object({
  topic: topicName,
  partition: queryInt(partitionIndex).optional(),
});
export type DeleteOffsetsQuery = z.input<typeof deleteOffsetsQuery>;

export { groupId as groupIdSchema, memberId as memberIdSchema };

/** POST /v1/groups/{group}/members/{member}/seek: moves the member's position in a partition it owns. */
export const seekRequest = z.strictObject({ topic: topicName, partition: partitionIndex, offset });
export type SeekRequest = z.input<typeof seekRequest>;

/** GET /v1/groups/{group}/offsets?topic=: the committed offsets of one topic, or of all. */
export const committedOffsetsQuery = z.object({ topic: topicName.optional() });
export type CommittedOffsetsQuery = z.input<typeof committedOffsetsQuery>;
