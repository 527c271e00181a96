/**
 * HttpGroup: one HTTP group's membership and generation, and the rebalance that
 * recomputes who owns which partition (server-side assignment). Pure state: no clock, no
 * I/O, no callbacks; the HTTP coordinator feeds it the time and the partition counts.
 *
 * An HTTP group rebalances at once, inside one call: the generation moves on and every
 * member's assignment is replaced together, so at no moment does a partition have two
 * owners. Members learn of it on their next request (a heartbeat says
 * `rebalanceRequired`; commits of the old generation are fenced). It is only ever Empty or
 * Stable. Its sibling, the Kafka-protocol group (JoinGroup/SyncGroup, a rebalance barrier
 * and client-side assignment), is groups/kafka/group.ts.
 */

import { type AssignorName, compareStrings, type GroupState } from '@mini-kafka/protocol/core';
import { assignorFor } from '../../assignors/assignors.js';
import type { RebalanceEvent, RebalanceReason } from '../rebalance-event.js';
import type { GroupKind } from '../state.js';
import type { HttpMember } from './member.js';

export class HttpGroup {
  readonly kind = 'http' satisfies GroupKind;
  state: GroupState = 'Empty';
  generationId = 0;
  assignor: AssignorName;
  /** Insertion order is join order. */
  private readonly members = new Map<string, HttpMember>();
  /** The partition counts the current assignment was computed with. */
  private counts: ReadonlyMap<string, number> = new Map();

  constructor(
    readonly groupId: string,
    assignor: AssignorName,
  ) {
    this.assignor = assignor;
  }

  get size(): number {
    return this.members.size;
  }

  member(memberId: string): HttpMember | undefined {
    return this.members.get(memberId);
  }

  /** Members in join order. */
  memberList(): HttpMember[] {
    return [...this.members.values()];
  }

  hasMembersOtherThan(memberId: string): boolean {
    return this.members.size > (this.members.has(memberId) ? 1 : 0);
  }

  /** The union of the members' subscriptions, sorted. */
  topics(): string[] {
    const topics = new Set<string>();
    for (const member of this.members.values()) for (const topic of member.topics) topics.add(topic);
    return [...topics].sort(compareStrings);
  }

  subscribesTo(topic: string): boolean {
    for (const member of this.members.values()) if (member.topics.includes(topic)) return true;
    return false;
  }

  add(member: HttpMember): void {
    this.members.set(member.memberId, member);
  }

  remove(memberId: string): void {
    this.members.delete(memberId);
  }

  expiredMembers(now: number): HttpMember[] {
    return this.memberList().filter((member) => member.isExpired(now));
  }

  /** Whether `counts` differs from the counts the current assignment used, for the group's topics. */
  countsDifferFrom(counts: ReadonlyMap<string, number>): boolean {
    return this.topics().some((topic) => (counts.get(topic) ?? 0) !== (this.counts.get(topic) ?? 0));
  }

  /** Starts a new generation with a fresh assignment for every member. */
  rebalance(reason: RebalanceReason, counts: ReadonlyMap<string, number>, removed: string[] = []): RebalanceEvent {
    const members = this.memberList();
    const assignments = assignorFor(this.assignor).assign({
      members: members.map((member) => ({ memberId: member.memberId, topics: member.topics })),
      partitionCounts: counts,
      current: new Map(members.map((member) => [member.memberId, member.assignment])),
    });
    this.generationId++;
    this.counts = new Map(counts);
    this.state = members.length > 0 ? 'Stable' : 'Empty';
    for (const member of members) member.setAssignment(assignments.get(member.memberId) ?? []);
    return {
      groupId: this.groupId,
      generationId: this.generationId,
      reason,
      removed,
      assignments: members.map((member) => ({
        memberId: member.memberId,
        partitions: member.assignment.map((tp) => ({ ...tp })),
      })),
    };
  }
}
