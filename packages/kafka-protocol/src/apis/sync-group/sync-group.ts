/**
 * SyncGroup (API key 14), versions 0-5; flexible from 4.
 *
 * Fields per Kafka's SyncGroupRequest/SyncGroupResponse definitions: group.instance.id
 * from v3; from v5 the request names the protocol type and name its JoinGroup answer gave
 * (the coordinator checks them: INCONSISTENT_GROUP_PROTOCOL) and the answer repeats them.
 * The leader's request carries every member's assignment; the others send none.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bytes, int16, int32, string } from '../../schema/fields.js';

const request = {
  groupId: string('0+'),
  generationId: int32('0+'),
  memberId: string('0+'),
  groupInstanceId: string('3+', { nullable: '3+' }),
  protocolType: string('5+', { nullable: '5+' }),
  protocolName: string('5+', { nullable: '5+' }),
  assignments: array('0+', { memberId: string('0+'), assignment: bytes('0+') }),
};

const response = {
  throttleTimeMs: int32('1+'),
  errorCode: int16('0+'),
  protocolType: string('5+', { nullable: '5+' }),
  protocolName: string('5+', { nullable: '5+' }),
  assignment: bytes('0+'),
};

export type SyncGroupRequest = Message<typeof request>;
export type SyncGroupResponse = MessageInput<typeof response>;

export const SyncGroup = defineSchemaApi({ name: 'SyncGroup', minVersion: 0, maxVersion: 5, request, response });
