/**
 * TxnOffsetCommit (API key 28), versions 0-3; flexible from 3. A transactional producer's
 * offset commit for a consumer group: the offsets become visible when its transaction commits.
 *
 * Fields per Kafka's TxnOffsetCommitRequest/Response definitions: v1 is v0 (the response
 * is sent before throttling); v2 adds each partition's committed leader epoch (-1 before);
 * v3 adds the group's generation id (-1), member id ('') and group instance id (null), and
 * is flexible. Answered with an error code per partition.
 *
 * Version notes: Kafka 3.8+ also defines v4 (the TRANSACTION_ABORTABLE error) and v5
 * (transactions v2); the definition we could read stops at v3, so v3 is our maximum.
 * kafkajs 2.2.4 sends v0-1; librdkafka v0-3.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  transactionalId: string('0+'),
  groupId: string('0+'),
  producerId: int64('0+'),
  producerEpoch: int16('0+'),
  generationId: int32('3+', { default: -1 }),
  memberId: string('3+'),
  groupInstanceId: string('3+', { nullable: '3+' }),
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', {
      partitionIndex: int32('0+'),
      committedOffset: int64('0+'),
      committedLeaderEpoch: int32('2+', { default: -1 }),
      committedMetadata: string('0+', { nullable: '0+' }),
    }),
  }),
};

const response = {
  throttleTimeMs: int32('0+'),
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', { partitionIndex: int32('0+'), errorCode: int16('0+') }),
  }),
};

export type TxnOffsetCommitRequest = Message<typeof request>;
export type TxnOffsetCommitResponse = MessageInput<typeof response>;

export const TxnOffsetCommit = defineSchemaApi({
  name: 'TxnOffsetCommit',
  minVersion: 0,
  maxVersion: 3,
  request,
  response,
});
