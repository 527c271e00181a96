/**
 * ListGroups (API key 16), versions 0-5; flexible from 3.
 *
 * Fields per Kafka's ListGroupsRequest/ListGroupsResponse definitions: a filter by state
 * from v4 and by group type from v5 (empty: no filter), and each group's state (v4+) and
 * type (v5+) in the answer; the throttle time from v1.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, string } from '../../schema/fields.js';

const request = {
  statesFilter: array('4+', 'string'),
  typesFilter: array('5+', 'string'),
};

const response = {
  throttleTimeMs: int32('1+'),
  errorCode: int16('0+'),
  groups: array('0+', {
    groupId: string('0+'),
    protocolType: string('0+'),
    groupState: string('4+'),
    groupType: string('5+'),
  }),
};

export type ListGroupsRequest = Message<typeof request>;
export type ListGroupsResponse = MessageInput<typeof response>;
export type ListedGroup = ListGroupsResponse['groups'][number];

export const ListGroups = defineSchemaApi({ name: 'ListGroups', minVersion: 0, maxVersion: 5, request, response });
