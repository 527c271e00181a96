/**
 * DescribeGroups (API key 15), versions 0-5; flexible from 5.
 *
 * Fields per Kafka's DescribeGroupsRequest/DescribeGroupsResponse definitions: the groups
 * by id; authorized operations asked for from v3 (and answered, -2^31 when not); each
 * member's group.instance.id from v4; the throttle time from v1. A group's protocol data
 * is the chosen protocol; each member's metadata and assignment are the bytes it sent and
 * got (a consumer's subscription and assignment).
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, bytes, int16, int32, string } from '../../schema/fields.js';

/** Kafka's "authorized operations not asked for / not known". */
export const AUTHORIZED_OPERATIONS_UNKNOWN = -2147483648;

const request = {
  groups: array('0+', 'string'),
  includeAuthorizedOperations: bool('3+'),
};

const response = {
  throttleTimeMs: int32('1+'),
  groups: array('0+', {
    errorCode: int16('0+'),
    groupId: string('0+'),
    groupState: string('0+'),
    protocolType: string('0+'),
    protocolData: string('0+'),
    members: array('0+', {
      memberId: string('0+'),
      groupInstanceId: string('4+', { nullable: '4+' }),
      clientId: string('0+'),
      clientHost: string('0+'),
      memberMetadata: bytes('0+'),
      memberAssignment: bytes('0+'),
    }),
    authorizedOperations: int32('3+', { default: AUTHORIZED_OPERATIONS_UNKNOWN }),
  }),
};

export type DescribeGroupsRequest = Message<typeof request>;
export type DescribeGroupsResponse = MessageInput<typeof response>;

export const DescribeGroups = defineSchemaApi({
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 5,
  request,
  response,
});
