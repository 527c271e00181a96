/**
 * LeaveGroup (API key 13), versions 0-5; flexible from 4.
 *
 * Fields per Kafka's LeaveGroupRequest/LeaveGroupResponse definitions: v0-2 name one
 * member id; v3+ a batch of members, each by member id and/or group.instance.id (member id
 * "" with an instance id removes a static member by its instance id), with a reason from
 * v5; the v3+ answer has a code per member besides the request's.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, string } from '../../schema/fields.js';

const request = {
  groupId: string('0+'),
  memberId: string('0-2'),
  members: array('3+', {
    memberId: string('3+'),
    groupInstanceId: string('3+', { nullable: '3+' }),
    reason: string('5+', { nullable: '5+' }),
  }),
};

const response = {
  throttleTimeMs: int32('1+'),
  errorCode: int16('0+'),
  members: array('3+', {
    memberId: string('3+'),
    groupInstanceId: string('3+', { nullable: '3+' }),
    errorCode: int16('3+'),
  }),
};

export type LeaveGroupRequest = Message<typeof request>;
export type LeaveGroupMember = LeaveGroupRequest['members'][number];
export type LeaveGroupResponse = MessageInput<typeof response>;
export type LeaveGroupMemberResponse = NonNullable<LeaveGroupResponse['members']>[number];

/**
 * The decoded request names its members the same way in every version: a v0-2 request's
 * one member id becomes a one-member list (as Kafka's LeaveGroupRequest.members() does), so
 * the coordinator sees one shape. A v0-2 answer's code is then that member's (the handler's
 * job: it knows the version).
 */
export const LeaveGroup = defineSchemaApi({
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 5,
  request,
  response,
  normalizeRequest: oneShape,
});

function oneShape(decoded: LeaveGroupRequest, version: number): LeaveGroupRequest {
  if (version >= 3) return decoded;
  return { ...decoded, members: [{ memberId: decoded.memberId, groupInstanceId: null, reason: null }] };
}
