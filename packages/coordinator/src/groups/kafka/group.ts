/**
 * KafkaGroup: the state of one Kafka-protocol consumer group (client-side assignment):
 * members in join order, member ids handed out with MEMBER_ID_REQUIRED and not yet used,
 * static members by group.instance.id, generation, state, protocol type and chosen
 * protocol, leader, and the bookkeeping of the rebalance under way. Transitions live in
 * rebalance.ts; this file only holds and queries state (plus the timers' cancel
 * functions, so that whoever replaces a timer cancels the old one).
 *
 *   Empty --join--> PreparingRebalance --all rejoined / timeout--> CompletingRebalance
 *   CompletingRebalance --leader's SyncGroup--> Stable
 *   Stable / CompletingRebalance --join, leave, expiry--> PreparingRebalance
 *   PreparingRebalance --nobody left--> Empty
 */

import type { JoinGroupMember } from '@mini-kafka/kafka-protocol';
import type { GroupState } from '@mini-kafka/protocol/core';
import type { RebalanceReason } from '../rebalance-event.js';
import type { GroupKind } from '../state.js';
import { FENCED_INSTANCE_ID, NONE, UNKNOWN_MEMBER_ID } from './codes.js';
import type { KafkaMember } from './member.js';

/** What the next onRebalance event will report: the latest trigger, and everyone removed since the last event. */
export interface PendingEvent {
  reason: RebalanceReason;
  removed: string[];
}

export class KafkaGroup {
  readonly kind = 'kafka' satisfies GroupKind;
  state: GroupState = 'Empty';
  generationId = 0;
  /** Set by the first member to join a group without members (kept while Empty, as Kafka does); `null` before. */
  protocolType: string | null = null;
  /** Chosen when a generation starts; `null` while Empty. */
  protocolName: string | null = null;
  leaderId: string | null = null;
  /** Member ids answered with MEMBER_ID_REQUIRED, with the cancel of their expiry timer. */
  readonly pending = new Map<string, () => void>();
  event: PendingEvent | undefined;
  /** Set while the first rebalance of an Empty group waits out the initial delay. */
  initialDelay: { newMemberAdded: boolean; remainingMs: number } | undefined;
  /** Insertion order is join order. */
  private readonly members = new Map<string, KafkaMember>();
  private readonly instances = new Map<string, string>();
  private cancelJoinTimer: (() => void) | undefined;
  private cancelSyncTimer: (() => void) | undefined;

  constructor(readonly groupId: string) {}

  get size(): number {
    return this.members.size;
  }

  member(memberId: string): KafkaMember | undefined {
    return this.members.get(memberId);
  }

  memberByInstance(groupInstanceId: string): KafkaMember | undefined {
    const memberId = this.instances.get(groupInstanceId);
    return memberId === undefined ? undefined : this.members.get(memberId);
  }

  /** Members in join order. */
  memberList(): KafkaMember[] {
    return [...this.members.values()];
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  /** The member id that holds this group.instance.id now, if any. */
  staticMemberId(groupInstanceId: string): string | undefined {
    return this.instances.get(groupInstanceId);
  }

  /**
   * Kafka's validateCurrentMember, the identity check of JoinGroup (known ids), SyncGroup,
   * Heartbeat, OffsetCommit and LeaveGroup: with a group.instance.id, it must be held by
   * this member id (FENCED_INSTANCE_ID when another member id holds it now: the caller is a
   * stale or duplicate instance; UNKNOWN_MEMBER_ID when nobody holds it); without one, the
   * member id must be in the group (UNKNOWN_MEMBER_ID). 0 when the caller is the member.
   */
  checkMember(memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const owner = this.instances.get(groupInstanceId);
      if (owner === undefined) return UNKNOWN_MEMBER_ID;
      return owner === memberId ? NONE : FENCED_INSTANCE_ID;
    }
    return this.members.has(memberId) ? NONE : UNKNOWN_MEMBER_ID;
  }

  /** Has members, members to be, or a rebalance under way: the group is in use. */
  get active(): boolean {
    return this.members.size > 0 || this.pending.size > 0 || this.state !== 'Empty';
  }

  add(member: KafkaMember, protocolType: string): void {
    if (this.members.size === 0) this.protocolType = protocolType;
    this.leaderId ??= member.memberId;
    this.members.set(member.memberId, member);
    if (member.groupInstanceId !== null) this.instances.set(member.groupInstanceId, member.memberId);
  }

  /**
   * A static member restarted (KIP-345): the member holding `previous`'s group.instance.id
   * continues under a new member id, in the same place in join order, with the same
   * assignment, generation and leadership. The caller answers what `previous` was waiting for.
   */
  replaceStatic(previous: KafkaMember, successor: KafkaMember): void {
    const entries = [...this.members.entries()].map(([id, member]): [string, KafkaMember] =>
      id === previous.memberId ? [successor.memberId, successor] : [id, member],
    );
    this.members.clear();
    for (const [id, member] of entries) this.members.set(id, member);
    if (successor.groupInstanceId !== null) this.instances.set(successor.groupInstanceId, successor.memberId);
    if (this.leaderId === previous.memberId) this.leaderId = successor.memberId;
  }

  /** Removes a member; a leaving leader is replaced by the first member in join order. */
  remove(memberId: string): void {
    const member = this.members.get(memberId);
    if (member === undefined) return;
    this.members.delete(memberId);
    if (member.groupInstanceId !== null && this.instances.get(member.groupInstanceId) === memberId) {
      this.instances.delete(member.groupInstanceId);
    }
    if (this.leaderId === memberId) this.leaderId = this.members.keys().next().value ?? null;
  }

  /**
   * Whether a member offering these protocols fits the group: the same protocol type and
   * at least one protocol every other member offers too. A group without other members takes anything.
   */
  supports(protocolType: string, protocolNames: readonly string[], exceptMemberId?: string): boolean {
    const others = this.memberList().filter((member) => member.memberId !== exceptMemberId);
    if (others.length === 0) return true;
    if (protocolType !== this.protocolType) return false;
    return protocolNames.some((name) => others.every((member) => member.supports(name)));
  }

  /**
   * Kafka's choice: among the protocols every member supports, each member votes for its
   * most preferred one; most votes wins, ties go to the leader's (then the first member's) preference.
   */
  selectProtocol(): string {
    const members = this.memberList();
    const first = (this.leaderId === null ? undefined : this.members.get(this.leaderId)) ?? members[0];
    const candidates = new Set(
      (first?.protocols ?? []).map((p) => p.name).filter((name) => members.every((m) => m.supports(name))),
    );
    const votes = new Map<string, number>();
    for (const member of members) {
      const vote = member.vote(candidates);
      if (vote !== undefined) votes.set(vote, (votes.get(vote) ?? 0) + 1);
    }
    let best: string | undefined;
    for (const name of candidates)
      if (best === undefined || (votes.get(name) ?? 0) > (votes.get(best) ?? 0)) best = name;
    // Joins are refused when they would leave no common protocol, so `best` exists; guard anyway.
    return best ?? first?.protocols[0]?.name ?? '';
  }

  /** Every member has a JoinGroup held and no MEMBER_ID_REQUIRED answer is outstanding. */
  allJoined(): boolean {
    return this.pending.size === 0 && this.memberList().every((member) => member.heldJoin !== undefined);
  }

  /** The largest rebalance timeout of the members: how long a rebalance may wait for them. */
  rebalanceTimeoutMs(): number {
    return this.memberList().reduce((max, member) => Math.max(max, member.rebalanceTimeoutMs), 0);
  }

  /** Every member with its metadata for the chosen protocol, in join order: the leader's JoinGroup answer. */
  joinMembers(): JoinGroupMember[] {
    const protocol = this.protocolName ?? '';
    return this.memberList().map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      metadata: member.metadataFor(protocol),
    }));
  }

  setJoinTimer(cancel: (() => void) | undefined): void {
    this.cancelJoinTimer?.();
    this.cancelJoinTimer = cancel;
  }

  setSyncTimer(cancel: (() => void) | undefined): void {
    this.cancelSyncTimer?.();
    this.cancelSyncTimer = cancel;
  }

  /** Cancels every timer of the group and its members (when the group is forgotten or the coordinator closes). */
  cancelTimers(): void {
    this.setJoinTimer(undefined);
    this.setSyncTimer(undefined);
    for (const cancel of this.pending.values()) cancel();
    for (const member of this.members.values()) {
      member.cancelSession?.();
      member.cancelSession = undefined;
    }
  }
}
