/**
 * SyncGroup for a Kafka group (Kafka's handleSyncGroup): UNKNOWN_MEMBER_ID, then
 * ILLEGAL_GENERATION, then by state: PreparingRebalance answers REBALANCE_IN_PROGRESS;
 * CompletingRebalance holds the request until the leader's SyncGroup brings the
 * assignments (the leader's completes the rebalance at once); Stable answers the stored
 * assignment. Held requests end with the assignment, or REBALANCE_IN_PROGRESS when the
 * group starts over (a join, a leave, an expiry, or the leader missing its deadline).
 */

import type { SyncGroupResponse } from '@mini-kafka/kafka-protocol';
import { FENCED_INSTANCE_ID, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS, UNKNOWN_MEMBER_ID } from './codes.js';
import type { KafkaContext } from './context.js';
import type { KafkaGroup } from './group.js';
import { EMPTY_BUFFER } from './member.js';
import { completeSync, touch } from './rebalance.js';
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
  if (group.isFenced(request.memberId, request.groupInstanceId)) return syncError(FENCED_INSTANCE_ID);
  const member = group.member(request.memberId);
  if (member === undefined) return syncError(UNKNOWN_MEMBER_ID);
  if (request.generationId !== group.generationId) return syncError(ILLEGAL_GENERATION);
  switch (group.state) {
    case 'PreparingRebalance':
      touch(ctx, group, member);
      return syncError(REBALANCE_IN_PROGRESS);
    case 'Stable':
      touch(ctx, group, member);
      return { errorCode: 0, assignment: member.assignment };
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
