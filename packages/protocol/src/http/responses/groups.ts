/** The schemas of the answers of /v1/groups. */
import * as z from 'zod';
import { GROUP_STATES } from '../../consumer-group.js';
import { assignorName } from '../groups.js';
import { topicPartitionOutput } from './common.js';

const groupState = z.enum(GROUP_STATES);

/** The schema of `JoinGroupResponse`. */
export const joinGroupResponse = z.strictObject({
  groupId: z.string(),
  memberId: z.string(),
  generationId: z.int(),
  assignor: assignorName,
  assignment: z.array(topicPartitionOutput),
  sessionTimeoutMs: z.int(),
});

/** The schema of `HeartbeatResponse`. */
export const heartbeatResponse = z.strictObject({
  generationId: z.int(),
  rebalanceRequired: z.boolean(),
  assignment: z.array(topicPartitionOutput),
});

/** The schema of `CommittedOffset`. */
export const committedOffset = z.strictObject({
  topic: z.string(),
  partition: z.int(),
  offset: z.int(),
  metadata: z.string(),
  commitTimestamp: z.int(),
});

/** The schema of `CommittedOffsetsResponse`. */
export const committedOffsetsResponse = z.strictObject({ groupId: z.string(), offsets: z.array(committedOffset) });

/** The schema of `GroupMemberDescription`. */
export const groupMemberDescription = z.strictObject({
  memberId: z.string(),
  clientId: z.string(),
  topics: z.array(z.string()),
  assignment: z.array(topicPartitionOutput),
  sessionTimeoutMs: z.int(),
  lastSeenAgoMs: z.int(),
  clientHost: z.string().optional(),
  groupInstanceId: z.string().nullable().optional(),
});

/** The schema of `PartitionLag`. */
export const partitionLag = z.strictObject({
  topic: z.string(),
  partition: z.int(),
  committed: z.int().nullable(),
  logStartOffset: z.int(),
  logEndOffset: z.int(),
  lag: z.int(),
});

/** The schema of `GroupDescription`. */
export const groupDescription = z.strictObject({
  groupId: z.string(),
  state: groupState,
  generationId: z.int(),
  assignor: z.string(),
  protocolType: z.string().optional(),
  members: z.array(groupMemberDescription),
  offsets: z.array(partitionLag),
});

/** The schema of `GroupSummary`. */
export const groupSummary = z.strictObject({
  groupId: z.string(),
  state: groupState,
  members: z.int(),
  protocolType: z.string().optional(),
});

/** The schema of `ListGroupsResponse`. */
export const listGroupsResponse = z.strictObject({ groups: z.array(groupSummary) });
