/**
 * Checks of what the broker hands over from Kafka requests (decoded by
 * @mini-kafka/kafka-protocol, or built by any caller of the coordinator). Anything a client
 * could have sent becomes an error code (never an exception); strings that end up in ids,
 * logs or descriptions are made printable and short; byte arrays are copied, so the group
 * never holds on to a request's buffer.
 */
import { randomUUID } from 'node:crypto';
import { MAX_CLIENT_ID_LENGTH, MAX_MEMBER_ID_LENGTH } from '@mini-kafka/protocol/core';
import { CONTROL_CHARACTERS } from '../validation.js';
import { INCONSISTENT_GROUP_PROTOCOL, INVALID_REQUEST, INVALID_SESSION_TIMEOUT } from './codes.js';
import {
  JOIN_GROUP_REQUIRES_KNOWN_MEMBER_ID,
  JOIN_GROUP_SKIPS_ASSIGNMENT,
  type JoinGroupRequestProtocol,
} from './types.js';

/** At most `max` characters (by default an id's limit), controls removed: safe to log and to put in an id. */
export function printable(value: unknown, max = MAX_MEMBER_ID_LENGTH): string {
  return typeof value === 'string' ? value.replace(CONTROL_CHARACTERS, '').slice(0, max) : '';
}

/** Kafka's member id: `<clientId>-<uuid>`. */
export function generateMemberId(clientId: string): string {
  return `${printable(clientId, MAX_MEMBER_ID_LENGTH - 37)}-${randomUUID()}`;
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** `null` for none; `undefined` when it is not a usable instance id. */
function instanceId(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' && value.length > 0 && value === printable(value) ? value : undefined;
}

export interface ValidJoin {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: JoinGroupRequestProtocol[];
  /** JoinGroup v4+: a new member first gets MEMBER_ID_REQUIRED (79) with its id. */
  requireKnownMemberId: boolean;
  /** JoinGroup v9+: a rejoining static leader of a Stable group is told to skip its assignor. */
  supportsSkipAssignment: boolean;
}

/** A JoinGroup (with its header's client id, the client's address and the version) as the state machine takes it, or the error code to answer. */
export function validateJoin(
  request: unknown,
  context: unknown,
  minSessionMs: number,
  maxSessionMs: number,
): ValidJoin | number {
  if (typeof request !== 'object' || request === null) return INVALID_REQUEST;
  if (typeof context !== 'object' || context === null) return INVALID_REQUEST;
  const r = request as Record<string, unknown>;
  const { clientId, clientHost, apiVersion } = context as Record<string, unknown>;
  const groupInstanceId = instanceId(r.groupInstanceId);
  if (typeof r.memberId !== 'string' || groupInstanceId === undefined || !isInteger(apiVersion)) {
    return INVALID_REQUEST;
  }
  if (!isInteger(r.sessionTimeoutMs) || r.sessionTimeoutMs < minSessionMs || r.sessionTimeoutMs > maxSessionMs) {
    return INVALID_SESSION_TIMEOUT;
  }
  if (!isInteger(r.rebalanceTimeoutMs)) return INVALID_REQUEST;
  if (!Array.isArray(r.protocols)) return INVALID_REQUEST;
  const protocols: JoinGroupRequestProtocol[] = [];
  for (const entry of r.protocols as unknown[]) {
    const { name, metadata } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof name !== 'string' || name.length === 0 || !isBytes(metadata)) return INVALID_REQUEST;
    if (!protocols.some((p) => p.name === name)) protocols.push({ name, metadata: Buffer.from(metadata) });
  }
  if (typeof r.protocolType !== 'string' || r.protocolType.length === 0 || protocols.length === 0) {
    return INCONSISTENT_GROUP_PROTOCOL;
  }
  return {
    memberId: r.memberId,
    groupInstanceId,
    clientId: printable(clientId, MAX_CLIENT_ID_LENGTH),
    clientHost: printable(clientHost),
    sessionTimeoutMs: r.sessionTimeoutMs,
    // -1 is the schema's "not given" (JoinGroup v0 has none): Kafka then uses the session timeout.
    rebalanceTimeoutMs: r.rebalanceTimeoutMs < 0 ? r.sessionTimeoutMs : r.rebalanceTimeoutMs,
    protocolType: r.protocolType,
    protocols,
    requireKnownMemberId: apiVersion >= JOIN_GROUP_REQUIRES_KNOWN_MEMBER_ID,
    supportsSkipAssignment: apiVersion >= JOIN_GROUP_SKIPS_ASSIGNMENT,
  };
}

export interface ValidSync {
  memberId: string;
  generationId: number;
  groupInstanceId: string | null;
  /** SyncGroup v5+: what the member's JoinGroup answer said; `null` when not sent. */
  protocolType: string | null;
  protocolName: string | null;
  /** Member id -> assignment; the last entry for a member wins. */
  assignments: Map<string, Buffer>;
}

/** An optional string field: `null` when absent, `undefined` when it is something else. */
function optionalString(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : undefined;
}

/** A SyncGroup as the state machine takes it, or INVALID_REQUEST. */
export function validateSync(request: unknown): ValidSync | number {
  if (typeof request !== 'object' || request === null) return INVALID_REQUEST;
  const r = request as Record<string, unknown>;
  const groupInstanceId = instanceId(r.groupInstanceId);
  const protocolType = optionalString(r.protocolType);
  const protocolName = optionalString(r.protocolName);
  if (typeof r.memberId !== 'string' || !isInteger(r.generationId) || groupInstanceId === undefined)
    return INVALID_REQUEST;
  if (protocolType === undefined || protocolName === undefined) return INVALID_REQUEST;
  if (!Array.isArray(r.assignments)) return INVALID_REQUEST;
  const assignments = new Map<string, Buffer>();
  for (const entry of r.assignments as unknown[]) {
    const { memberId, assignment } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    if (typeof memberId !== 'string' || !isBytes(assignment)) return INVALID_REQUEST;
    assignments.set(memberId, Buffer.from(assignment));
  }
  return {
    memberId: r.memberId,
    generationId: r.generationId,
    groupInstanceId,
    protocolType,
    protocolName,
    assignments,
  };
}

/** An instance id as sent with Heartbeat, LeaveGroup or OffsetCommit: `null` for none, `undefined` when unusable. */
export function validateInstanceId(value: unknown): string | null | undefined {
  return instanceId(value);
}

export function isGenerationId(value: unknown): value is number {
  return isInteger(value);
}

/** The most members one LeaveGroup may name (Kafka bounds it by the request size; we bound it here). */
export const MAX_LEAVING_MEMBERS = 1_000;

/** LeaveGroup v3+'s members as the state machine takes them, or `undefined` for a malformed or oversized list. */
export function validateLeavingMembers(
  value: unknown,
): { memberId: string; groupInstanceId: string | null }[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_LEAVING_MEMBERS) return undefined;
  const leaving: { memberId: string; groupInstanceId: string | null }[] = [];
  for (const entry of value as unknown[]) {
    const { memberId, groupInstanceId } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    const instance = instanceId(groupInstanceId);
    if (typeof memberId !== 'string' || instance === undefined) return undefined;
    leaving.push({ memberId, groupInstanceId: instance });
  }
  return leaving;
}
