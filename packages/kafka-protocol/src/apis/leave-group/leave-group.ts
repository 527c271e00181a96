/**
 * LeaveGroup (API key 13), versions 0-1. Not flexible (that starts at 4).
 * (v3 replaces member_id with a members array; not implemented.)
 *
 * Request:
 *   group_id  string
 *   member_id string
 *
 * Response:
 *   throttle_time_ms int32 (v1+)
 *   error_code       int16
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface LeaveGroupRequest {
  groupId: string;
  /** v0-2: the one member leaving. */
  memberId: string;
  /** v3+: the members leaving, each by member id and/or group.instance.id. */
  members?: LeaveGroupMember[];
}

export interface LeaveGroupMember {
  memberId: string;
  groupInstanceId: string | null;
  /** v5+: why it leaves (logged by Kafka); default null. */
  reason?: string | null;
}

export interface LeaveGroupResponse {
  /** v1+; default 0. */
  throttleTimeMs?: number;
  errorCode: number;
  /** v3+: one answer per member asked for. */
  members?: LeaveGroupMemberResponse[];
}

export interface LeaveGroupMemberResponse {
  memberId: string;
  groupInstanceId: string | null;
  errorCode: number;
}

function decodeRequest(r: Reader): LeaveGroupRequest {
  return { groupId: r.string(), memberId: r.string() };
}

function encodeRequest(w: Writer, _version: number, request: LeaveGroupRequest): void {
  w.string(request.groupId).string(request.memberId);
}

function encodeResponse(w: Writer, version: number, response: LeaveGroupResponse): void {
  if (version >= 1) w.int32(response.throttleTimeMs ?? 0);
  w.int16(response.errorCode);
}

function decodeResponse(r: Reader, version: number): LeaveGroupResponse {
  const throttleTimeMs = version >= 1 ? r.int32() : 0;
  return { throttleTimeMs, errorCode: r.int16() };
}

export const LeaveGroup = defineApi<LeaveGroupRequest, LeaveGroupResponse>({
  apiKey: API_KEYS.LeaveGroup,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 1,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
