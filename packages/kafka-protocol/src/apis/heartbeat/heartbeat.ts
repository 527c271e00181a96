/**
 * Heartbeat (API key 12), versions 0-3. Not flexible (that starts at 4).
 *
 * Request:
 *   group_id          string
 *   generation_id     int32
 *   member_id         string
 *   group_instance_id nullable string (v3+)  default null
 *
 * Response:
 *   throttle_time_ms int32 (v1+)
 *   error_code       int16    27 REBALANCE_IN_PROGRESS tells the member to rejoin
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  /** v3+; null before. */
  groupInstanceId: string | null;
}

export interface HeartbeatResponse {
  /** v1+; default 0. */
  throttleTimeMs?: number;
  errorCode: number;
}

function decodeRequest(r: Reader, version: number): HeartbeatRequest {
  return {
    groupId: r.string(),
    generationId: r.int32(),
    memberId: r.string(),
    groupInstanceId: version >= 3 ? r.nullableString() : null,
  };
}

function encodeRequest(w: Writer, version: number, request: HeartbeatRequest): void {
  w.string(request.groupId).int32(request.generationId).string(request.memberId);
  if (version >= 3) w.nullableString(request.groupInstanceId);
}

function encodeResponse(w: Writer, version: number, response: HeartbeatResponse): void {
  if (version >= 1) w.int32(response.throttleTimeMs ?? 0);
  w.int16(response.errorCode);
}

function decodeResponse(r: Reader, version: number): HeartbeatResponse {
  const throttleTimeMs = version >= 1 ? r.int32() : 0;
  return { throttleTimeMs, errorCode: r.int16() };
}

export const Heartbeat = defineApi<HeartbeatRequest, HeartbeatResponse>({
  apiKey: API_KEYS.Heartbeat,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 3,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
