/**
 * Heartbeat and LeaveGroup for a Kafka group (Kafka's handleHeartbeat / handleLeaveGroup).
 *
 * Heartbeat: the member check (FENCED_INSTANCE_ID for a replaced static member,
 * UNKNOWN_MEMBER_ID), then ILLEGAL_GENERATION, then REBALANCE_IN_PROGRESS while
 * the group is PreparingRebalance (how members learn they must rejoin), else 0. Every
 * heartbeat from a member restarts its session.
 *
 * LeaveGroup: each member (or MEMBER_ID_REQUIRED id) named is removed and the group
 * rebalances, or becomes Empty with its committed offsets kept. v3+ names members in a
 * batch, each with its own answer; a member id "" with an instance id removes whichever
 * member holds that instance id (how an administrator removes a static member). A named
 * member id is checked like every other request (FENCED_INSTANCE_ID, UNKNOWN_MEMBER_ID).
 */

import { ILLEGAL_GENERATION, NONE, REBALANCE_IN_PROGRESS, UNKNOWN_MEMBER_ID } from './codes.js';
import type { KafkaContext } from './context.js';
import type { KafkaGroup } from './group.js';
import { removeMember, removePending, touch, tryCompleteJoin } from './rebalance.js';

export function heartbeat(
  ctx: KafkaContext,
  group: KafkaGroup | undefined,
  memberId: string,
  generationId: number,
  groupInstanceId: string | null,
): number {
  if (group === undefined) return UNKNOWN_MEMBER_ID;
  const identity = group.checkMember(memberId, groupInstanceId);
  if (identity !== NONE) return identity;
  const member = group.member(memberId);
  if (member === undefined) return UNKNOWN_MEMBER_ID;
  if (generationId !== group.generationId) return ILLEGAL_GENERATION;
  touch(ctx, group, member);
  return group.state === 'PreparingRebalance' ? REBALANCE_IN_PROGRESS : NONE;
}

/** A member leaving, and the answer for it. LeaveGroup v0–2 name one member id; v3+ a list with instance ids. */
export interface LeavingMember {
  memberId: string;
  groupInstanceId: string | null;
}

export function leaveGroup(
  ctx: KafkaContext,
  group: KafkaGroup | undefined,
  leaving: readonly LeavingMember[],
): (LeavingMember & { errorCode: number })[] {
  return leaving.map(({ memberId, groupInstanceId }) => {
    const answer = (errorCode: number) => ({ memberId, groupInstanceId, errorCode });
    if (group === undefined) return answer(UNKNOWN_MEMBER_ID);
    if (memberId === '') {
      // An administrator removes a static member by its instance id alone (KIP-345).
      const current = groupInstanceId === null ? undefined : group.staticMemberId(groupInstanceId);
      const member = current === undefined ? undefined : group.member(current);
      if (member === undefined) return answer(UNKNOWN_MEMBER_ID);
      removeMember(ctx, group, member, 'leave');
      return answer(NONE);
    }
    if (removePending(group, memberId)) {
      tryCompleteJoin(ctx, group);
      return answer(NONE);
    }
    const identity = group.checkMember(memberId, groupInstanceId);
    const member = group.member(memberId);
    if (identity !== NONE || member === undefined) return answer(identity !== NONE ? identity : UNKNOWN_MEMBER_ID);
    removeMember(ctx, group, member, 'leave');
    return answer(NONE);
  });
}
