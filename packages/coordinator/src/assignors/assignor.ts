/**
 * The Assignor seam: given a group's members (in join order) with their subscriptions,
 * the partition count of each topic and, for sticky assignors, who owns what now, decide
 * which member consumes which partition.
 *
 * Every implementation is pure and deterministic, and is held to the same properties by
 * `assignor-conformance.case.ts`: each partition of each subscribed topic goes to exactly
 * one member subscribed to its topic, and the result depends only on the input.
 */
import {
  type AssignorName,
  compareStrings,
  compareTopicPartitions,
  type TopicPartition,
} from '@mini-kafka/protocol/core';

export interface AssignorMember {
  readonly memberId: string;
  /** The topics this member subscribes to. */
  readonly topics: readonly string[];
}

export interface AssignmentInput {
  /** The members, in join order, each id once. */
  readonly members: readonly AssignorMember[];
  /** Partitions per topic. A subscribed topic missing here (or with 0) has nothing to assign. */
  readonly partitionCounts: ReadonlyMap<string, number>;
  /**
   * What each member owns now. Only sticky assignors read it; it may name members,
   * topics or partitions that no longer exist, which are ignored.
   */
  readonly current?: ReadonlyMap<string, readonly TopicPartition[]>;
}

/** Member id to its partitions, sorted; every member of the input has an entry, possibly empty. */
export type MemberAssignments = Map<string, TopicPartition[]>;

export interface Assignor {
  readonly name: AssignorName;
  assign(input: AssignmentInput): MemberAssignments;
}

/** Every partition of every topic someone subscribes to, sorted by topic, then partition. */
export function subscribedPartitions(input: AssignmentInput): TopicPartition[] {
  const topics = new Set<string>();
  for (const member of input.members) for (const topic of member.topics) topics.add(topic);
  const partitions: TopicPartition[] = [];
  for (const topic of [...topics].sort(compareStrings)) {
    const count = input.partitionCounts.get(topic) ?? 0;
    for (let partition = 0; partition < count; partition++) partitions.push({ topic, partition });
  }
  return partitions;
}

/** An empty assignment for each member, in input order. */
export function emptyAssignments(members: readonly AssignorMember[]): MemberAssignments {
  return new Map(members.map((member) => [member.memberId, []]));
}

/** Sorts each member's partitions in place and returns the map. */
export function sortAssignments(assignments: MemberAssignments): MemberAssignments {
  for (const partitions of assignments.values()) partitions.sort(compareTopicPartitions);
  return assignments;
}
