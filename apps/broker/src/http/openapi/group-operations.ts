/** The route table's entries for /v1/groups: membership, reading from positions, commits, describe, list, delete. */
import {
  commitRequest,
  committedOffsetsQuery,
  deleteOffsetsQuery,
  heartbeatRequest,
  joinGroupRequest,
  listGroupsQuery,
  memberFetchQuery,
  resetOffsetsRequest,
  seekRequest,
} from '@mini-kafka/protocol';
import {
  committedOffsetsResponse,
  groupDescription,
  heartbeatResponse,
  joinGroupResponse,
  listGroupsResponse,
  memberFetchResponse,
} from '@mini-kafka/protocol/http-responses';
import { named, type Operation } from './operation.js';

const CommittedOffsetsResponse = named('CommittedOffsetsResponse', committedOffsetsResponse);

const INVALID = 'The request is invalid: the message names the field and the problem (INVALID_REQUEST, ...).';
const NOT_MEMBER =
  'The member is not in the group (UNKNOWN_MEMBER_ID) or its generation is stale (ILLEGAL_GENERATION).';
const BODY = 'The body is too large (413) or not JSON (415).';

export const GROUP_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/v1/groups',
    tag: 'Groups',
    summary: 'List groups',
    description:
      'Every group (HTTP and Kafka-protocol), optionally only those in the states of `state` (comma-separated, any case).',
    query: listGroupsQuery,
    answers: { 200: { description: 'The groups.', json: named('ListGroupsResponse', listGroupsResponse) } },
    errors: { 400: INVALID },
  },
  {
    method: 'get',
    path: '/v1/groups/{group}',
    tag: 'Groups',
    summary: 'Describe a group',
    description: 'Its state, members and their assignments, and per partition the committed offset and the lag.',
    answers: { 200: { description: 'The group.', json: named('GroupDescription', groupDescription) } },
    errors: { 400: INVALID, 404: 'No such group (GROUP_ID_NOT_FOUND).' },
  },
  {
    method: 'delete',
    path: '/v1/groups/{group}',
    tag: 'Groups',
    summary: 'Delete a group',
    description: 'Only an empty group: its committed offsets go with it.',
    answers: { 204: { description: 'Deleted.' } },
    errors: {
      400: INVALID,
      404: 'No such group (GROUP_ID_NOT_FOUND).',
      409: 'The group has members (NON_EMPTY_GROUP).',
    },
  },
  {
    method: 'post',
    path: '/v1/groups/{group}/members',
    tag: 'Groups',
    summary: 'Join a group',
    description:
      'Joins (or rejoins, with `memberId`) and answers the assignment. Topics that do not exist are created.',
    body: named('JoinGroupRequest', joinGroupRequest),
    answers: {
      200: {
        description: 'The member, its generation and assignment.',
        json: named('JoinGroupResponse', joinGroupResponse),
      },
    },
    errors: { 400: INVALID, 409: 'An unknown member id or an inconsistent protocol.', 413: BODY, 415: BODY },
  },
  {
    method: 'post',
    path: '/v1/groups/{group}/members/{member}/heartbeat',
    tag: 'Groups',
    summary: 'Heartbeat',
    description: 'Keeps the member in the group; answers whether the group rebalanced since its generation.',
    body: named('HeartbeatRequest', heartbeatRequest),
    answers: {
      200: { description: 'The generation and assignment now.', json: named('HeartbeatResponse', heartbeatResponse) },
    },
    errors: { 400: INVALID, 404: 'No such group.', 409: NOT_MEMBER, 413: BODY, 415: BODY },
  },
  {
    method: 'delete',
    path: '/v1/groups/{group}/members/{member}',
    tag: 'Groups',
    summary: 'Leave a group',
    answers: { 204: { description: 'Left: the group rebalances without the member.' } },
    errors: { 400: INVALID, 404: 'No such group.', 409: NOT_MEMBER },
  },
  {
    method: 'get',
    path: '/v1/groups/{group}/members/{member}/records',
    tag: 'Groups',
    summary: "Fetch records from a member's positions",
    description:
      "Reads the member's partitions from its positions (the committed offsets at first), and moves them. With `Accept: application/vnd.kafka.record-batch` the answer is a fetch frame of the stored batches. A partition that cannot be read is named in `errors`; the others' records are answered.",
    query: memberFetchQuery,
    answers: {
      200: {
        description: 'The records (none when the group rebalanced: rejoin).',
        json: named('MemberFetchResponse', memberFetchResponse),
        recordBatch: true,
      },
    },
    errors: { 400: INVALID, 404: 'No such group.', 409: NOT_MEMBER },
  },
  {
    method: 'post',
    path: '/v1/groups/{group}/members/{member}/seek',
    tag: 'Groups',
    summary: "Move a member's position",
    description: 'In a partition the member owns, to an offset within its log.',
    body: named('SeekRequest', seekRequest),
    answers: { 204: { description: 'Moved: the next fetch reads from there.' } },
    errors: {
      400: INVALID,
      404: 'No such group or partition.',
      409: NOT_MEMBER,
      413: BODY,
      415: BODY,
      416: 'The offset is outside the log (OFFSET_OUT_OF_RANGE).',
    },
  },
  {
    method: 'post',
    path: '/v1/groups/{group}/offsets',
    tag: 'Offsets',
    summary: 'Commit offsets',
    description:
      "Kafka's convention: the next offset to read. With `memberId` and `generationId`, fenced by the generation.",
    body: named('CommitRequest', commitRequest),
    answers: { 200: { description: "The group's committed offsets.", json: CommittedOffsetsResponse } },
    errors: {
      400: INVALID,
      404: 'No such partition.',
      409: NOT_MEMBER,
      413: BODY,
      415: BODY,
      416: 'An offset past the log end (OFFSET_OUT_OF_RANGE).',
    },
  },
  {
    method: 'get',
    path: '/v1/groups/{group}/offsets',
    tag: 'Offsets',
    summary: 'Committed offsets',
    description: 'Of every topic, or of `topic`.',
    query: committedOffsetsQuery,
    answers: { 200: { description: "The group's committed offsets.", json: CommittedOffsetsResponse } },
    errors: { 400: INVALID },
  },
  {
    method: 'delete',
    path: '/v1/groups/{group}/offsets',
    tag: 'Offsets',
    summary: 'Delete committed offsets',
    description:
      "Kafka's OffsetDelete, for one topic (or one partition of it); refused while a member subscribes to the topic.",
    query: deleteOffsetsQuery,
    answers: { 200: { description: "The group's committed offsets left.", json: CommittedOffsetsResponse } },
    errors: {
      400: INVALID,
      404: 'No such topic or partition (or group).',
      409: 'A member subscribes to the topic (GROUP_SUBSCRIBED_TO_TOPIC).',
    },
  },
  {
    method: 'post',
    path: '/v1/groups/{group}/offsets/reset',
    tag: 'Offsets',
    summary: 'Reset committed offsets',
    description:
      'Of a topic (or one partition) to the earliest or latest offset, an offset, or the first offset at a time.',
    body: named('ResetOffsetsRequest', resetOffsetsRequest),
    answers: { 200: { description: "The group's committed offsets of the topic.", json: CommittedOffsetsResponse } },
    errors: {
      400: INVALID,
      404: 'No such topic or partition.',
      409: 'The group has members (NON_EMPTY_GROUP).',
      413: BODY,
      415: BODY,
    },
  },
];
