/**
 * JoinGroup (API key 11), versions 0-5. Not flexible (that starts at 6).
 *
 * Request:
 *   group_id             string
 *   session_timeout_ms   int32
 *   rebalance_timeout_ms int32 (v1+)
 *   member_id            string           "" on the first join
 *   group_instance_id    nullable string (v5+)  static membership; default null
 *   protocol_type        string           "consumer" for Kafka consumers
 *   protocols            [name string, metadata bytes]   metadata: ConsumerProtocolSubscription
 *
 * Response:
 *   throttle_time_ms int32 (v2+)
 *   error_code       int16
 *   generation_id    int32
 *   protocol_name    string
 *   leader           string
 *   member_id        string
 *   members          [member_id string, group_instance_id nullable string (v5+), metadata bytes]
 *                    (filled for the leader only)
 *
 * v0 has no rebalance timeout: Kafka then uses the session timeout, and so does the
 * decoded request. From v4 a join with member_id "" gets MEMBER_ID_REQUIRED (79) and
 * the id to rejoin with.
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface JoinGroupRequest {
  groupId: string;
  sessionTimeoutMs: number;
  /** v1+; the session timeout in v0. */
  rebalanceTimeoutMs: number;
  memberId: string;
  /** v5+; null before. */
  groupInstanceId: string | null;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
}

export interface JoinGroupResponse {
  /** v2+; default 0. */
  throttleTimeMs?: number;
  errorCode: number;
  generationId: number;
  protocolName: string;
  leader: string;
  memberId: string;
  /** v9+: the leader of a Stable group rejoining as a static member must not run its assignor. Default false. */
  skipAssignment?: boolean;
  members: JoinGroupMember[];
}

export interface JoinGroupMember {
  memberId: string;
  /** v5+; default null. */
  groupInstanceId?: string | null;
  metadata: Buffer;
}

function decodeRequest(r: Reader, version: number): JoinGroupRequest {
  const groupId = r.string();
  const sessionTimeoutMs = r.int32();
  const rebalanceTimeoutMs = version >= 1 ? r.int32() : sessionTimeoutMs;
  const memberId = r.string();
  const groupInstanceId = version >= 5 ? r.nullableString() : null;
  const protocolType = r.string();
  const protocols = r.array((p) => ({ name: p.string(), metadata: p.bytes() }), 6);
  return { groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, groupInstanceId, protocolType, protocols };
}

function encodeRequest(w: Writer, version: number, request: JoinGroupRequest): void {
  w.string(request.groupId).int32(request.sessionTimeoutMs);
  if (version >= 1) w.int32(request.rebalanceTimeoutMs);
  w.string(request.memberId);
  if (version >= 5) w.nullableString(request.groupInstanceId);
  w.string(request.protocolType);
  w.array(request.protocols, (p, protocol) => p.string(protocol.name).bytes(protocol.metadata));
}

function encodeResponse(w: Writer, version: number, response: JoinGroupResponse): void {
  if (version >= 2) w.int32(response.throttleTimeMs ?? 0);
  w.int16(response.errorCode).int32(response.generationId).string(response.protocolName);
  w.string(response.leader).string(response.memberId);
  w.array(response.members, (m, member) => {
    m.string(member.memberId);
    if (version >= 5) m.nullableString(member.groupInstanceId ?? null);
    m.bytes(member.metadata);
  });
}

function decodeResponse(r: Reader, version: number): JoinGroupResponse {
  const throttleTimeMs = version >= 2 ? r.int32() : 0;
  return {
    throttleTimeMs,
    errorCode: r.int16(),
    generationId: r.int32(),
    protocolName: r.string(),
    leader: r.string(),
    memberId: r.string(),
    members: r.array(
      (m): JoinGroupMember => ({
        memberId: m.string(),
        groupInstanceId: version >= 5 ? m.nullableString() : null,
        metadata: m.bytes(),
      }),
      6,
    ),
  };
}

export const JoinGroup = defineApi<JoinGroupRequest, JoinGroupResponse>({
  apiKey: API_KEYS.JoinGroup,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 5,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
