/**
 * DeleteGroups (API key 42), versions 0-2; flexible from 2.
 *
 * Fields per Kafka's DeleteGroupsRequest/DeleteGroupsResponse definitions: the group ids
 * to delete, and a code per group (NON_EMPTY_GROUP while it has members,
 * GROUP_ID_NOT_FOUND, INVALID_GROUP_ID).
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, string } from '../../schema/fields.js';

const request = {
  groupsNames: array('0+', 'string'),
};

const response = {
  throttleTimeMs: int32('0+'),
  results: array('0+', { groupId: string('0+'), errorCode: int16('0+') }),
};

export type DeleteGroupsRequest = Message<typeof request>;
export type DeleteGroupsResponse = MessageInput<typeof response>;

export const DeleteGroups = defineSchemaApi({ name: 'DeleteGroups', minVersion: 0, maxVersion: 2, request, response });
