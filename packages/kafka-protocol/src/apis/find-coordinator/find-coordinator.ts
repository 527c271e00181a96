/**
 * FindCoordinator (API key 10), versions 0-2. Not flexible (that starts at 3).
 *
 * Request:
 *   key      string       the group id (or transactional id)
 *   key_type int8 (v1+)   0 = group (default), 1 = transaction
 *
 * Response:
 *   throttle_time_ms int32 (v1+)
 *   error_code       int16
 *   error_message    nullable string (v1+)
 *   node_id          int32
 *   host             string
 *   port             int32
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export const COORDINATOR_KEY_TYPE = { group: 0, transaction: 1 } as const;

export interface FindCoordinatorRequest {
  key: string;
  /** v1+; 0 (group) in v0. */
  keyType: number;
}

export interface FindCoordinatorResponse {
  /** v1+; default 0. */
  throttleTimeMs?: number;
  errorCode: number;
  /** v1+; default null. */
  errorMessage?: string | null;
  nodeId: number;
  host: string;
  port: number;
}

function decodeRequest(r: Reader, version: number): FindCoordinatorRequest {
  return { key: r.string(), keyType: version >= 1 ? r.int8() : COORDINATOR_KEY_TYPE.group };
}

function encodeRequest(w: Writer, version: number, request: FindCoordinatorRequest): void {
  w.string(request.key);
  if (version >= 1) w.int8(request.keyType);
}

function encodeResponse(w: Writer, version: number, response: FindCoordinatorResponse): void {
  if (version >= 1) w.int32(response.throttleTimeMs ?? 0);
  w.int16(response.errorCode);
  if (version >= 1) w.nullableString(response.errorMessage ?? null);
  w.int32(response.nodeId).string(response.host).int32(response.port);
}

function decodeResponse(r: Reader, version: number): FindCoordinatorResponse {
  const throttleTimeMs = version >= 1 ? r.int32() : 0;
  const errorCode = r.int16();
  const errorMessage = version >= 1 ? r.nullableString() : null;
  return { throttleTimeMs, errorCode, errorMessage, nodeId: r.int32(), host: r.string(), port: r.int32() };
}

export const FindCoordinator = defineApi<FindCoordinatorRequest, FindCoordinatorResponse>({
  apiKey: API_KEYS.FindCoordinator,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 2,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
