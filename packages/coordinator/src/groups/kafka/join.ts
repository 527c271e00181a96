/**
 * JoinGroup for a Kafka group (Kafka's handleJoinGroup):
 *
 * - member id `''`: a new member. With requireKnownMemberId (JoinGroup v4+) and no
 *   group.instance.id it gets MEMBER_ID_REQUIRED with a generated id, remembered as pending
 *   until it rejoins with it or its session timeout passes; otherwise it joins at once. A
 *   static member whose instance id is already taken replaces (fences) the old member and,
 *   in a Stable group, gets its assignment back without a rebalance (rejoinStatic).
 * - a pending id: joins.
 * - a known id: in PreparingRebalance its join is held with the others; in
 *   CompletingRebalance, or Stable for a follower, with unchanged protocols it gets the
 *   current generation back at once; otherwise (new metadata, or the leader rejoining) the
 *   group rebalances.
 * - anything else: the member check (FENCED_INSTANCE_ID for a replaced static member,
 *   UNKNOWN_MEMBER_ID for an unknown id or an instance id nobody holds).
 *
 * A joining member must offer the group's protocol type and a protocol all other members
 * offer (INCONSISTENT_GROUP_PROTOCOL). A held join resolves when the rebalance completes.
 */

import type { JoinGroupResponse } from '@mini-kafka/kafka-protocol';
import {
  FENCED_INSTANCE_ID,
  INCONSISTENT_GROUP_PROTOCOL,
  MEMBER_ID_REQUIRED,
  NONE,
  REBALANCE_IN_PROGRESS,
  UNKNOWN_MEMBER_ID,
} from './codes.js';
import type { KafkaContext } from './context.js';
import type { KafkaGroup } from './group.js';
import { EMPTY_BUFFER, KafkaMember } from './member.js';
import {
  addPending,
  joinError,
  joinResult,
  prepareRebalance,
  removePending,
  restartSession,
  touch,
  tryCompleteJoin,
} from './rebalance.js';
import { generateMemberId, type ValidJoin } from './validation.js';

export function joinGroup(
  ctx: KafkaContext,
  group: KafkaGroup,
  request: ValidJoin,
): JoinGroupResponse | Promise<JoinGroupResponse> {
  const names = request.protocols.map((p) => p.name);
  if (request.memberId === '') {
    const previousId = request.groupInstanceId === null ? undefined : group.staticMemberId(request.groupInstanceId);
    const previous = previousId === undefined ? undefined : group.member(previousId);
    if (!group.supports(request.protocolType, names, previous?.memberId))
      return joinError('', INCONSISTENT_GROUP_PROTOCOL);
    const memberId = generateMemberId(request.clientId);
    if (previous !== undefined) return rejoinStatic(ctx, group, previous, { ...request, memberId });
    if (request.groupInstanceId === null && request.requireKnownMemberId) {
      addPending(ctx, group, memberId, request.sessionTimeoutMs);
      return joinError(memberId, MEMBER_ID_REQUIRED);
    }
    return addMember(ctx, group, memberId, request);
  }
  if (group.pending.has(request.memberId)) {
    if (!group.supports(request.protocolType, names)) return joinError(request.memberId, INCONSISTENT_GROUP_PROTOCOL);
    removePending(group, request.memberId);
    return addMember(ctx, group, request.memberId, request);
  }
  const identity = group.checkMember(request.memberId, request.groupInstanceId);
  if (identity !== NONE) return joinError(request.memberId, identity);
  const member = group.member(request.memberId);
  if (member === undefined) return joinError(request.memberId, UNKNOWN_MEMBER_ID);
  if (!group.supports(request.protocolType, names, member.memberId))
    return joinError(request.memberId, INCONSISTENT_GROUP_PROTOCOL);
  touch(ctx, group, member);
  switch (group.state) {
    case 'PreparingRebalance': {
      member.update(request.protocols, request.sessionTimeoutMs, request.rebalanceTimeoutMs);
      const held = hold(member);
      tryCompleteJoin(ctx, group);
      return held;
    }
    case 'CompletingRebalance':
    case 'Stable': {
      // Kafka lets the leader of a Stable group rejoin to force a rebalance (e.g. after a topic grew).
      const mayAnswerNow = group.state === 'CompletingRebalance' || !group.isLeader(member.memberId);
      if (mayAnswerNow && member.matches(request.protocols)) return joinResult(group, member);
      member.update(request.protocols, request.sessionTimeoutMs, request.rebalanceTimeoutMs);
      const held = hold(member);
      prepareRebalance(ctx, group, 'join');
      return held;
    }
    default:
      // An Empty group has no members; unreachable, answered like Kafka does.
      return joinError(request.memberId, UNKNOWN_MEMBER_ID);
  }
}

/**
 * A static member comes back with a new process (member id ""): the new member id takes
 * over its instance id, place, assignment and leadership at once, and the old member id is
 * fenced (its held requests answered FENCED_INSTANCE_ID). Kafka's updateStaticMemberAndRebalance:
 * - Stable, and the group would still choose the same protocol: no rebalance. The answer is
 *   the current generation; before v9 it names the leader as it was (so a restarted leader
 *   does not think it leads and does not assign), from v9 it names the new id with
 *   skipAssignment, and the leader gets the member list. Its SyncGroup returns the kept assignment.
 * - CompletingRebalance: the leader may be assigning to the old member id; rebalance again.
 * - PreparingRebalance: the join waits with the others.
 */
function rejoinStatic(
  ctx: KafkaContext,
  group: KafkaGroup,
  previous: KafkaMember,
  request: ValidJoin,
): JoinGroupResponse | Promise<JoinGroupResponse> {
  const leaderBefore = group.leaderId;
  const member = new KafkaMember(request, ctx.clock.now());
  member.update(request.protocols, request.sessionTimeoutMs, request.rebalanceTimeoutMs);
  member.generationId = previous.generationId;
  member.setAssignment(previous.assignment, previous.partitions);
  previous.cancelSession?.();
  previous.cancelSession = undefined;
  group.replaceStatic(previous, member);
  previous.answerJoin(joinError(previous.memberId, FENCED_INSTANCE_ID));
  previous.answerSync({ errorCode: FENCED_INSTANCE_ID, assignment: EMPTY_BUFFER });
  restartSession(ctx, group, member);
  switch (group.state) {
    case 'Stable': {
      if (group.selectProtocol() !== group.protocolName) break;
      const answer = joinResult(group, member);
      if (request.supportsSkipAssignment) return { ...answer, skipAssignment: group.isLeader(member.memberId) };
      return { ...answer, leader: leaderBefore ?? '', members: [] };
    }
    case 'PreparingRebalance': {
      const held = hold(member);
      tryCompleteJoin(ctx, group);
      return held;
    }
    default:
      break;
  }
  const held = hold(member);
  prepareRebalance(ctx, group, 'join');
  return held;
}

function addMember(
  ctx: KafkaContext,
  group: KafkaGroup,
  memberId: string,
  request: ValidJoin,
): Promise<JoinGroupResponse> {
  const member = new KafkaMember({ ...request, memberId }, ctx.clock.now());
  member.update(request.protocols, request.sessionTimeoutMs, request.rebalanceTimeoutMs);
  group.add(member, request.protocolType);
  const held = hold(member);
  restartSession(ctx, group, member);
  if (group.initialDelay !== undefined) group.initialDelay.newMemberAdded = true;
  prepareRebalance(ctx, group, 'join');
  return held;
}

/** Holds the member's JoinGroup until the rebalance completes; one it sent before is answered REBALANCE_IN_PROGRESS. */
function hold(member: KafkaMember): Promise<JoinGroupResponse> {
  member.answerJoin(joinError(member.memberId, REBALANCE_IN_PROGRESS));
  return new Promise((resolve) => {
    member.heldJoin = resolve;
  });
}
