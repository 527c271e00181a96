/**
 * OffsetDelete (API key 47), version 0; never flexible.
 *
 * Fields per Kafka's OffsetDeleteRequest/OffsetDeleteResponse definitions: a group and the
 * partitions whose committed offsets to delete; the answer has a group-level code
 * (GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP, ...; then no partitions) or a code per partition
 * (GROUP_SUBSCRIBED_TO_TOPIC while a member subscribes to the topic).
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, string } from '../../schema/fields.js';

const request = {
  groupId: string('0+'),
  topics: array('0+', { name: string('0+'), partitions: array('0+', { partitionIndex: int32('0+') }) }),
};

const response = {
  errorCode: int16('0+'),
  throttleTimeMs: int32('0+'),
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', { partitionIndex: int32('0+'), errorCode: int16('0+') }),
  }),
};

export type OffsetDeleteRequest = Message<typeof request>;
export type OffsetDeleteResponse = MessageInput<typeof response>;

export const OffsetDelete = defineSchemaApi({ name: 'OffsetDelete', minVersion: 0, maxVersion: 0, request, response });
