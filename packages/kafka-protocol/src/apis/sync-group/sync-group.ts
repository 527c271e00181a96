/**
 * SyncGroup (API key 14), versions 0-3. Not flexible (that starts at 4).
 *
 * Request:
 *   group_id          string
 *   generation_id     int32
 *   member_id         string
 *   group_instance_id nullable string (v3+)  default null
 *   assignments       [member_id string, assignment bytes]   only the leader sends any
 *
 * Response:
 *   throttle_time_ms int32 (v1+)
 *   error_code       int16
 *   assignment       bytes      this member's ConsumerProtocolAssignment
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  /** v3+; null before. */
  groupInstanceId: string | null;
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface SyncGroupResponse {
  /** v1+; default 0. */
  throttleTimeMs?: number;
  errorCode: number;
  assignment: Buffer;
}

function decodeRequest(r: Reader, version: number): SyncGroupRequest {
  return {
    groupId: r.string(),
    generationId: r.int32(),
    memberId: r.string(),
    groupInstanceId: version >= 3 ? r.nullableString() : null,
    assignments: r.array((a) => ({ memberId: a.string(), assignment: a.bytes() }), 6),
  };
}

function encodeRequest(w: Writer, version: number, request: SyncGroupRequest): void {
  w.string(request.groupId).int32(request.generationId).string(request.memberId);
  if (version >= 3) w.nullableString(request.groupInstanceId);
  w.array(request.assignments, (a, entry) => a.string(entry.memberId).bytes(entry.assignment));
}

function encodeResponse(w: Writer, version: number, response: SyncGroupResponse): void {
  if (version >= 1) w.int32(response.throttleTimeMs ?? 0);
  w.int16(response.errorCode).bytes(response.assignment);
}

function decodeResponse(r: Reader, version: number): SyncGroupResponse {
  const throttleTimeMs = version >= 1 ? r.int32() : 0;
  return { throttleTimeMs, errorCode: r.int16(), assignment: r.bytes() };
}

export const SyncGroup = defineApi<SyncGroupRequest, SyncGroupResponse>({
  apiKey: API_KEYS.SyncGroup,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 3,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
