/**
 * The Kafka group rebalance protocol's transitions and deadlines (Kafka's
 * GroupCoordinator rules, see docs/kafka-protocol.md "Consumer group coordinator rules"):
 *
 * - prepareRebalance: a join, leave or expiry moves the group to PreparingRebalance. Held
 *   SyncGroups are answered REBALANCE_IN_PROGRESS. The barrier waits for every member to
 *   rejoin (and every MEMBER_ID_REQUIRED id to come back) or for the largest rebalance
 *   timeout; the first rebalance of an Empty group instead waits the initial delay, extended
 *   by further joins while rebalance time remains.
 * - completeJoin: dynamic members that did not rejoin are removed (static ones stay until
 *   they rejoin or their session runs out), the generation moves on, a
 *   protocol is chosen, every held JoinGroup is answered (the leader's with all members'
 *   metadata) and the group waits in CompletingRebalance for the leader's SyncGroup, at
 *   most the largest rebalance timeout; then members that have not synced are removed.
 * - completeSync: the leader's assignments are stored, held SyncGroups answered, Stable.
 * - Sessions: every request, and every answer to a held request, resets a member's timer;
 *   a member whose timer runs out is removed, unless a JoinGroup or SyncGroup of it is
 *   being held (those are bounded above).
 *
 * Everything here runs synchronously inside one coordinator call or one timer task.
 */
import type { JoinGroupResponse, SyncGroupResponse } from '@mini-kafka/kafka-protocol';
import type { RebalanceReason } from '../rebalance-event.js';
import { NONE, REBALANCE_IN_PROGRESS, UNKNOWN_MEMBER_ID } from './codes.js';
import type { KafkaContext } from './context.js';
import type { KafkaGroup } from './group.js';
import { EMPTY_BUFFER, type KafkaMember } from './member.js';

export function joinError(memberId: string, errorCode: number): JoinGroupResponse {
  return { errorCode, generationId: -1, protocolName: '', leader: '', memberId, members: [] };
}

/** The member's JoinGroup answer for the current generation; only the leader's lists the members. */
export function joinResult(group: KafkaGroup, member: KafkaMember): JoinGroupResponse {
  return {
    errorCode: NONE,
    generationId: group.generationId,
    protocolType: group.protocolType,
    protocolName: group.protocolName ?? '',
    leader: group.leaderId ?? '',
    memberId: member.memberId,
    members: group.isLeader(member.memberId) ? group.joinMembers() : [],
  };
}

/** A successful SyncGroup answer: the assignment, with the group's protocol type and name (SyncGroup v5+). */
export function syncAnswer(group: KafkaGroup, assignment: Buffer): SyncGroupResponse {
  return { errorCode: NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment };
}

function noteEvent(group: KafkaGroup, reason: RebalanceReason): void {
  if (group.event === undefined) group.event = { reason, removed: [] };
  else group.event.reason = reason;
}

export function prepareRebalance(ctx: KafkaContext, group: KafkaGroup, reason: RebalanceReason): void {
  if (group.state === 'PreparingRebalance') {
    tryCompleteJoin(ctx, group);
    return;
  }
  noteEvent(group, reason);
  if (group.state === 'CompletingRebalance') {
    group.setSyncTimer(undefined);
    for (const member of group.memberList()) {
      // Like every answer to a held request, this one starts the member's session over.
      if (member.answerSync({ errorCode: REBALANCE_IN_PROGRESS, assignment: EMPTY_BUFFER }))
        restartSession(ctx, group, member);
    }
  }
  const fromEmpty = group.state === 'Empty';
  group.state = 'PreparingRebalance';
  const timeout = group.rebalanceTimeoutMs();
  const delay = ctx.initialRebalanceDelayMs;
  if (fromEmpty && delay > 0) {
    group.initialDelay = { newMemberAdded: false, remainingMs: Math.max(timeout - delay, 0) };
    group.setJoinTimer(ctx.scheduler.schedule(delay, () => onInitialDelay(ctx, group)));
  } else {
    group.setJoinTimer(ctx.scheduler.schedule(timeout, () => completeJoin(ctx, group)));
    tryCompleteJoin(ctx, group);
  }
}

function onInitialDelay(ctx: KafkaContext, group: KafkaGroup): void {
  const delay = group.initialDelay;
  if (group.state !== 'PreparingRebalance' || delay === undefined) return;
  if (delay.newMemberAdded && delay.remainingMs > 0) {
    const next = Math.min(ctx.initialRebalanceDelayMs, delay.remainingMs);
    group.initialDelay = { newMemberAdded: false, remainingMs: delay.remainingMs - next };
    group.setJoinTimer(ctx.scheduler.schedule(next, () => onInitialDelay(ctx, group)));
  } else {
    completeJoin(ctx, group);
  }
}

/** Completes the join barrier if everyone is in (never during the initial delay). */
export function tryCompleteJoin(ctx: KafkaContext, group: KafkaGroup): void {
  if (group.state === 'PreparingRebalance' && group.initialDelay === undefined && group.allJoined())
    completeJoin(ctx, group);
}

export function completeJoin(ctx: KafkaContext, group: KafkaGroup): void {
  if (group.state !== 'PreparingRebalance') return;
  group.setJoinTimer(undefined);
  group.initialDelay = undefined;
  // Static members that did not rejoin stay (Kafka keeps them: they come back under their
  // instance id, or their session timeout removes them); dynamic ones are removed.
  const missing = group
    .memberList()
    .filter((member) => member.heldJoin === undefined && member.groupInstanceId === null);
  for (const member of missing) detach(group, member, 'rebalance-timeout', UNKNOWN_MEMBER_ID);
  group.generationId++;
  if (group.size === 0) {
    group.state = 'Empty';
    group.protocolName = null;
    emit(ctx, group);
    ctx.settle(group);
    return;
  }
  group.protocolName = group.selectProtocol();
  group.state = 'CompletingRebalance';
  for (const member of group.memberList()) {
    if (!member.answerJoin(joinResult(group, member))) continue;
    member.generationId = group.generationId;
    restartSession(ctx, group, member);
  }
  const generation = group.generationId;
  group.setSyncTimer(ctx.scheduler.schedule(group.rebalanceTimeoutMs(), () => onSyncTimeout(ctx, group, generation)));
}

/** The leader never synced in time: members that have not synced are removed and the group rebalances. */
function onSyncTimeout(ctx: KafkaContext, group: KafkaGroup, generation: number): void {
  if (group.state !== 'CompletingRebalance' || group.generationId !== generation) return;
  group.setSyncTimer(undefined);
  for (const member of group.memberList()) {
    if (member.heldSync === undefined) detach(group, member, 'rebalance-timeout', UNKNOWN_MEMBER_ID);
  }
  prepareRebalance(ctx, group, 'rebalance-timeout');
}

/** Stores the leader's assignments (missing members get an empty one), answers held SyncGroups, and goes Stable. */
export function completeSync(ctx: KafkaContext, group: KafkaGroup, assignments: ReadonlyMap<string, Buffer>): void {
  group.setSyncTimer(undefined);
  group.state = 'Stable';
  for (const member of group.memberList()) {
    const assignment = assignments.get(member.memberId) ?? EMPTY_BUFFER;
    member.setAssignment(assignment, ctx.decode(assignment));
  }
  for (const member of group.memberList()) {
    if (member.answerSync(syncAnswer(group, member.assignment))) restartSession(ctx, group, member);
  }
  emit(ctx, group);
}

/**
 * Takes a member out of the group without starting a rebalance, answering what it waits
 * for with `errorCode`, and records it for the next event.
 */
export function detach(group: KafkaGroup, member: KafkaMember, reason: RebalanceReason, errorCode: number): void {
  member.cancelSession?.();
  member.cancelSession = undefined;
  group.remove(member.memberId);
  member.answerJoin(joinError(member.memberId, errorCode));
  member.answerSync({ errorCode, assignment: EMPTY_BUFFER });
  noteEvent(group, reason);
  group.event!.removed.push(member.memberId);
}

/** Removes a member (leave, expiry) and lets the group react: rebalance, or complete a barrier it was holding up. */
export function removeMember(ctx: KafkaContext, group: KafkaGroup, member: KafkaMember, reason: RebalanceReason): void {
  detach(group, member, reason, UNKNOWN_MEMBER_ID);
  if (group.state === 'Stable' || group.state === 'CompletingRebalance') prepareRebalance(ctx, group, reason);
  else tryCompleteJoin(ctx, group);
}

/** A request from the member: it is alive; its session starts over. */
export function touch(ctx: KafkaContext, group: KafkaGroup, member: KafkaMember): void {
  member.lastSeen = Math.max(member.lastSeen, ctx.clock.now());
  restartSession(ctx, group, member);
}

export function restartSession(ctx: KafkaContext, group: KafkaGroup, member: KafkaMember): void {
  member.cancelSession?.();
  member.cancelSession = ctx.scheduler.schedule(member.sessionTimeoutMs, () => {
    member.cancelSession = undefined;
    if (group.member(member.memberId) !== member) return;
    if (member.heldJoin !== undefined || member.heldSync !== undefined) {
      restartSession(ctx, group, member);
      return;
    }
    removeMember(ctx, group, member, 'session-timeout');
    ctx.settle(group);
  });
}

/** Remembers an id answered with MEMBER_ID_REQUIRED until the member comes back with it or its session timeout passes. */
export function addPending(ctx: KafkaContext, group: KafkaGroup, memberId: string, sessionTimeoutMs: number): void {
  group.pending.set(
    memberId,
    ctx.scheduler.schedule(sessionTimeoutMs, () => {
      if (!group.pending.delete(memberId)) return;
      tryCompleteJoin(ctx, group);
      ctx.settle(group);
    }),
  );
}

/** Forgets a pending id (it joined, or left); a caller whose barrier may now be complete calls tryCompleteJoin. */
export function removePending(group: KafkaGroup, memberId: string): boolean {
  const cancel = group.pending.get(memberId);
  if (cancel === undefined) return false;
  cancel();
  group.pending.delete(memberId);
  return true;
}

function emit(ctx: KafkaContext, group: KafkaGroup): void {
  const event = group.event ?? { reason: 'join' as const, removed: [] };
  group.event = undefined;
  ctx.emit({
    groupId: group.groupId,
    generationId: group.generationId,
    reason: event.reason,
    removed: event.removed,
    assignments: group.memberList().map((member) => ({
      memberId: member.memberId,
      partitions: (member.partitions ?? []).map(({ topic, partition }) => ({ topic, partition })),
    })),
  });
}
