/**
 * RoundRobinAssignor: deals partitions out like cards, in JOIN order.
 *
 * The sorted topic-partitions go one by one to the next member (cyclically, from where
 * the previous one went) that subscribes to the partition's topic. With one topic and
 * n members, partition p goes to the (p mod n)-th member to have joined, so 6 partitions
 * over 3 members give [0,3] [1,4] [2,5]. Balanced overall and per topic when every
 * member subscribes to the same topics.
 */
import {
  type AssignmentInput,
  type Assignor,
  emptyAssignments,
  type MemberAssignments,
  sortAssignments,
  subscribedPartitions,
} from './assignor.js';

export class RoundRobinAssignor implements Assignor {
  readonly name = 'roundrobin' as const;

  assign(input: AssignmentInput): MemberAssignments {
    const { members } = input;
    const result = emptyAssignments(members);
    const subscriptions = members.map((member) => new Set(member.topics));
    let cursor = 0;
    for (const tp of subscribedPartitions(input)) {
      for (let step = 0; step < members.length; step++) {
        const index = (cursor + step) % members.length;
        if (!subscriptions[index]!.has(tp.topic)) continue;
        result.get(members[index]!.memberId)!.push(tp);
        cursor = index + 1;
        break;
      }
    }
    return sortAssignments(result);
  }
}
