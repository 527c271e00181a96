/**
 * OffsetFetch (API key 9), versions 0-8; flexible from 6.
 *
 * Fields per Kafka's OffsetFetchRequest/OffsetFetchResponse definitions: v0-7 ask for one
 * group (topics null from v2: every topic the group committed), v8 for several groups at
 * once, each with its own topics (or null) and its own answer; RequireStable from v7; the
 * answer's top-level error code in v2-7, throttle time from v3, leader epoch from v5.
 *
 * The decoded request names its groups the same way in every version: v0-7's one group
 * becomes a one-group `groups` list, so the coordinator sees one shape. The answer of
 * v0-7 is the one group's (topics and error code at the top); v8's lists every group.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, int16, int32, int64, string } from '../../schema/fields.js';

const requestedTopic = { name: string('0+'), partitionIndexes: array('0+', 'int32') };

const request = {
  groupId: string('0-7'),
  topics: array('0-7', requestedTopic, { nullable: '2-7' }),
  groups: array('8+', {
    groupId: string('8+'),
    topics: array('8+', requestedTopic, { nullable: '8+' }),
  }),
  requireStable: bool('7+'),
};

const partition = {
  partitionIndex: int32('0+'),
  committedOffset: int64('0+'),
  committedLeaderEpoch: int32('5+', { default: -1 }),
  metadata: string('0+', { nullable: '0+' }),
  errorCode: int16('0+'),
};

const response = {
  throttleTimeMs: int32('3+'),
  topics: array('0-7', { name: string('0-7'), partitions: array('0-7', partition) }),
  errorCode: int16('2-7'),
  groups: array('8+', {
    groupId: string('8+'),
    topics: array('8+', { name: string('8+'), partitions: array('8+', partition) }),
    errorCode: int16('8+'),
  }),
};

export type OffsetFetchRequest = Message<typeof request>;
export type OffsetFetchRequestGroup = OffsetFetchRequest['groups'][number];
export type OffsetFetchResponse = MessageInput<typeof response>;
export type OffsetFetchResponseGroup = NonNullable<OffsetFetchResponse['groups']>[number];
export type OffsetFetchPartitionResponse = MessageInput<typeof partition>;

export const OffsetFetch = defineSchemaApi({
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 8,
  request,
  response,
  normalizeRequest: oneShape,
});

function oneShape(decoded: OffsetFetchRequest, version: number): OffsetFetchRequest {
  return version <= 7 ? { ...decoded, groups: [{ groupId: decoded.groupId, topics: decoded.topics }] } : decoded;
}
