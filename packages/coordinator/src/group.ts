/**
 * Group: one consumer group's membership and generation, and the rebalance that
 * recomputes who owns which partition. Pure state: no clock, no I/O, no callbacks; the
 * coordinator feeds it the time and the partition counts.
 *
 * An `http` group (the only kind today) rebalances at once, inside one call: the
 * generation moves on and every member's assignment is replaced together, so at no
 * moment does a partition have two owners. Members learn of it on their next request
 * (a heartbeat says `rebalanceRequired`; commits of the old generation are fenced).
 * The Kafka wire protocol's groups (JoinGroup/SyncGroup, a rebalance barrier and
 * client-side assignment) are the other `protocol`, in src/kafka/kafka-group.ts, with the
 * states PreparingRebalance and CompletingRebalance between Empty and Stable.
 */

import { compareStrings, type TopicPartition } from '@mini-kafka/protocol';
import type { AssignorName } from './assignors/assignor.js';
import { assignorFor } from './assignors/assignors.js';
import type { Member } from './member.js';

/** Kafka's state names. HTTP groups are only ever Empty or Stable; Kafka groups pass through all four. */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

/**
 * How members join and get their partitions: `http` groups get server-side assignment
 * (this file); `kafka` groups run the Kafka wire protocol's JoinGroup/SyncGroup with
 * client-side assignment (src/kafka/). One group id is one kind at a time.
 */
export type GroupProtocol = 'http' | 'kafka';

/**
 * Why a rebalance happened. HTTP groups: all but `rebalance-timeout`. Kafka groups: `join`,
 * `leave`, `session-timeout`, or `rebalance-timeout` (members were dropped for not
 * rejoining, or not syncing, in time).
 */
export type RebalanceReason =
  | 'join'
  | 'leave'
  | 'session-timeout'
  | 'partitions-changed'
  | 'subscription-changed'
  | 'rebalance-timeout';

export interface RebalanceEvent {
  groupId: string;
  /** The new generation. */
  generationId: number;
  reason: RebalanceReason;
  /** Members removed by this rebalance (for `leave` and `session-timeout`). */
  removed: string[];
  /** Every remaining member's partitions, in join order. */
  assignments: { memberId: string; partitions: TopicPartition[] }[];
}

export class Group {
  readonly protocol = 'http' as const;
  state: GroupState = 'Empty';
  generationId = 0;
  assignor: AssignorName;
  /** Insertion order is join order. */
  private readonly members = new Map<string, Member>();
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

  member(memberId: string): Member | undefined {
    return this.members.get(memberId);
  }

  /** Members in join order. */
  memberList(): Member[] {
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

  add(member: Member): void {
    this.members.set(member.memberId, member);
  }

  remove(memberId: string): void {
    this.members.delete(memberId);
  }

  expiredMembers(now: number): Member[] {
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
