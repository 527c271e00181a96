/**
 * RangeAssignor, Kafka's: topic by topic, the members subscribed to the topic, sorted by
 * member id, each take a contiguous range of its partitions; with n partitions over m
 * members each gets floor(n / m) and the first n mod m get one more. So 7 partitions over
 * members a, b, c give a [0,1,2], b [3,4], c [5,6].
 *
 * Balanced per topic; over several topics the first members may hold more in total
 * (Kafka's range assignor does the same).
 */
import { compareStrings } from '@mini-kafka/protocol/core';
import {
  type AssignmentInput,
  type Assignor,
  emptyAssignments,
  type MemberAssignments,
  sortAssignments,
} from './assignor.js';

export class RangeAssignor implements Assignor {
  readonly name = 'range' as const;

  assign(input: AssignmentInput): MemberAssignments {
    const result = emptyAssignments(input.members);
    const subscribers = new Map<string, string[]>();
    for (const member of input.members) {
      for (const topic of new Set(member.topics)) {
        const list = subscribers.get(topic) ?? [];
        list.push(member.memberId);
        subscribers.set(topic, list);
      }
    }
    for (const [topic, memberIds] of subscribers) {
      const count = input.partitionCounts.get(topic) ?? 0;
      memberIds.sort(compareStrings);
      const base = Math.floor(count / memberIds.length);
      const extra = count % memberIds.length;
      let next = 0;
      memberIds.forEach((memberId, index) => {
        const take = base + (index < extra ? 1 : 0);
        const partitions = result.get(memberId)!;
        for (let i = 0; i < take; i++) partitions.push({ topic, partition: next++ });
      });
    }
    return sortAssignments(result);
  }
}
