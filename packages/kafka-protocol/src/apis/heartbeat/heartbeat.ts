/**
 * Heartbeat (API key 12), versions 0-4; flexible from 4.
 *
 * Fields per Kafka's HeartbeatRequest/HeartbeatResponse definitions: group.instance.id
 * from v3 (a replaced static member gets FENCED_INSTANCE_ID), the throttle time from v1.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { int16, int32, string } from '../../schema/fields.js';

const request = {
  groupId: string('0+'),
  generationId: int32('0+'),
  memberId: string('0+'),
  groupInstanceId: string('3+', { nullable: '3+' }),
};

const response = {
  throttleTimeMs: int32('1+'),
  errorCode: int16('0+'),
};

export type HeartbeatRequest = Message<typeof request>;
export type HeartbeatResponse = MessageInput<typeof response>;

export const Heartbeat = defineSchemaApi({ name: 'Heartbeat', minVersion: 0, maxVersion: 4, request, response });
