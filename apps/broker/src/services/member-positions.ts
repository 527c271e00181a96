/**
 * Fetch positions of group members, kept by the broker for /v1 member fetches, as a
 * Kafka consumer keeps its own: a position starts at the group's committed offset (or
 * the member's auto-offset-reset when there is none, or when it fell out of the log) and
 * moves as records are handed out. Commits are separate. A partition that moves to
 * another member starts again from the committed offset there.
 */
import { topicPartitionKey } from '@mini-kafka/protocol/core';

export type AutoOffsetReset = 'earliest' | 'latest';

interface MemberState {
  reset: AutoOffsetReset;
  positions: Map<string, number>;
}

export class MemberPositions {
  private readonly groups = new Map<string, Map<string, MemberState>>();

  private member(group: string, member: string): MemberState {
    let members = this.groups.get(group);
    if (members === undefined) {
      members = new Map();
      this.groups.set(group, members);
    }
    let state = members.get(member);
    if (state === undefined) {
      state = { reset: 'earliest', positions: new Map() };
      members.set(member, state);
    }
    return state;
  }

  setReset(group: string, member: string, reset: AutoOffsetReset): void {
    this.member(group, member).reset = reset;
  }

  resetPolicy(group: string, member: string): AutoOffsetReset {
    return this.groups.get(group)?.get(member)?.reset ?? 'earliest';
  }

  get(group: string, member: string, topic: string, partition: number): number | undefined {
    return this.groups.get(group)?.get(member)?.positions.get(topicPartitionKey(topic, partition));
  }

  set(group: string, member: string, topic: string, partition: number, position: number): void {
    this.member(group, member).positions.set(topicPartitionKey(topic, partition), position);
  }

  /** Drops positions of partitions no longer assigned to the member. */
  retain(group: string, member: string, assignment: readonly { topic: string; partition: number }[]): void {
    const state = this.groups.get(group)?.get(member);
    if (state === undefined) return;
    const kept = new Set(assignment.map((tp) => topicPartitionKey(tp.topic, tp.partition)));
    for (const k of state.positions.keys()) if (!kept.has(k)) state.positions.delete(k);
  }

  /** After an offset reset: every member starts that partition from the new committed offset. */
  forgetPartition(group: string, topic: string, partition: number): void {
    for (const state of this.groups.get(group)?.values() ?? [])
      state.positions.delete(topicPartitionKey(topic, partition));
  }

  forgetMember(group: string, member: string): void {
    this.groups.get(group)?.delete(member);
  }

  forgetGroup(group: string): void {
    this.groups.delete(group);
  }
}
