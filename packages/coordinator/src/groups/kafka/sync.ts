/**
 * SyncGroup for a Kafka group (Kafka's handleSyncGroup): the member check (FENCED_INSTANCE_ID
 * for a replaced static member, UNKNOWN_MEMBER_ID), then ILLEGAL_GENERATION, then
 * INCONSISTENT_GROUP_PROTOCOL when a v5+ request names another protocol type or name, then by state: PreparingRebalance answers REBALANCE_IN_PROGRESS;
 * CompletingRebalance holds the request until the leader's SyncGroup brings the
 * assignments (the leader's completes the rebalance at once); Stable answers the stored
 * assignment. Held requests end with the assignment, or REBALANCE_IN_PROGRESS when the
 * group starts over (a join, a leave, an expiry, or the leader missing its deadline).
 */

import type { SyncGroupResponse } from '@mini-kafka/kafka-protocol';
import {
  ILLEGAL_GENERATION,
  INCONSISTENT_GROUP_PROTOCOL,
  NONE,
  REBALANCE_IN_PROGRESS,
  UNKNOWN_MEMBER_ID,
} from './codes.js';
import type { KafkaContext } from './context.js';
import type { KafkaGroup } from './group.js';
import { EMPTY_BUFFER } from './member.js';
import { completeSync, syncAnswer, touch } from './rebalance.js';
import type { ValidSync } from './validation.js';

export function syncError(errorCode: number): SyncGroupResponse {
  return { errorCode, assignment: EMPTY_BUFFER };
}

export function syncGroup(
  ctx: KafkaContext,
  group: KafkaGroup | undefined,
  request: ValidSync,
): SyncGroupResponse | Promise<SyncGroupResponse> {
  if (group === undefined) return syncError(UNKNOWN_MEMBER_ID);
  const identity = group.checkMember(request.memberId, request.groupInstanceId);
  if (identity !== NONE) return syncError(identity);
  const member = group.member(request.memberId);
  if (member === undefined) return syncError(UNKNOWN_MEMBER_ID);
  if (request.generationId !== group.generationId) return syncError(ILLEGAL_GENERATION);
  // SyncGroup v5+ names the protocol type and name the member got from its JoinGroup.
  if (request.protocolType !== null && request.protocolType !== group.protocolType)
    return syncError(INCONSISTENT_GROUP_PROTOCOL);
  if (request.protocolName !== null && request.protocolName !== group.protocolName)
    return syncError(INCONSISTENT_GROUP_PROTOCOL);
  switch (group.state) {
    case 'PreparingRebalance':
      touch(ctx, group, member);
      return syncError(REBALANCE_IN_PROGRESS);
    case 'Stable':
      touch(ctx, group, member);
      return syncAnswer(group, member.assignment);
    case 'CompletingRebalance': {
      touch(ctx, group, member);
      member.answerSync(syncError(REBALANCE_IN_PROGRESS));
      const held = new Promise<SyncGroupResponse>((resolve) => {
        member.heldSync = resolve;
      });
      if (group.isLeader(member.memberId)) completeSync(ctx, group, request.assignments);
      return held;
    }
    default:
      return syncError(UNKNOWN_MEMBER_ID);
  }
}
