/**
 * OffsetCommit (API key 8), versions 0-8; flexible from 8.
 *
 * Fields per Kafka's OffsetCommitRequest/OffsetCommitResponse definitions: generation
 * (Kafka 3.9 names it GenerationIdOrMemberEpoch; -1 in v0) and member id from v1, the
 * commit timestamp in v1 only, the retention time in v2-4 only (-1: the broker's
 * default), the leader epoch from v6, group.instance.id from v7 (a replaced static member
 * is fenced with FENCED_INSTANCE_ID); the throttle time in the answer from v3.
 *
 * The committed offset is the NEXT offset the group will read.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  groupId: string('0+'),
  generationId: int32('1+', { default: -1 }),
  memberId: string('1+'),
  groupInstanceId: string('7+', { nullable: '7+' }),
  retentionTimeMs: int64('2-4', { default: -1 }),
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', {
      partitionIndex: int32('0+'),
      committedOffset: int64('0+'),
      committedLeaderEpoch: int32('6+', { default: -1 }),
      commitTimestamp: int64('1', { default: -1 }),
      committedMetadata: string('0+', { nullable: '0+' }),
    }),
  }),
};

const response = {
  throttleTimeMs: int32('3+'),
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', { partitionIndex: int32('0+'), errorCode: int16('0+') }),
  }),
};

export type OffsetCommitRequest = Message<typeof request>;
export type OffsetCommitRequestTopic = OffsetCommitRequest['topics'][number];
export type OffsetCommitResponse = MessageInput<typeof response>;

export const OffsetCommit = defineSchemaApi({ name: 'OffsetCommit', minVersion: 0, maxVersion: 8, request, response });
