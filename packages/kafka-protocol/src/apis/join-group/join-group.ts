/**
 * JoinGroup (API key 11), versions 0-9; flexible from 6.
 *
 * Fields per Kafka's JoinGroupRequest/JoinGroupResponse definitions: the rebalance timeout
 * from v1 (v0 decodes -1: the session timeout stands in), group.instance.id (static
 * membership) from v5, the member's reason from v8; in the answer the throttle time from
 * v2, the protocol type from v7 (and the protocol name nullable from 7), SkipAssignment
 * from v9 (a static leader rejoining a Stable group must not run its assignor). From v4 a
 * join with member id "" gets MEMBER_ID_REQUIRED (79) and the id to rejoin with.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, bytes, int16, int32, string } from '../../schema/fields.js';

const request = {
  groupId: string('0+'),
  sessionTimeoutMs: int32('0+'),
  rebalanceTimeoutMs: int32('1+', { default: -1 }),
  memberId: string('0+'),
  groupInstanceId: string('5+', { nullable: '5+' }),
  protocolType: string('0+'),
  protocols: array('0+', { name: string('0+'), metadata: bytes('0+') }),
  reason: string('8+', { nullable: '8+' }),
};

const response = {
  throttleTimeMs: int32('2+'),
  errorCode: int16('0+'),
  generationId: int32('0+', { default: -1 }),
  protocolType: string('7+', { nullable: '7+' }),
  protocolName: string('0+', { nullable: '7+', default: '' }),
  leader: string('0+'),
  skipAssignment: bool('9+'),
  memberId: string('0+'),
  members: array('0+', {
    memberId: string('0+'),
    groupInstanceId: string('5+', { nullable: '5+' }),
    metadata: bytes('0+'),
  }),
};

export type JoinGroupRequest = Message<typeof request>;
export type JoinGroupResponse = MessageInput<typeof response>;
export type JoinGroupMember = JoinGroupResponse['members'][number];

export const JoinGroup = defineSchemaApi({ name: 'JoinGroup', minVersion: 0, maxVersion: 9, request, response });
