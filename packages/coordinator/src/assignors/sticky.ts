/**
 * StickyAssignor: balanced like round-robin, but keeps partitions where they are.
 *
 * 1. Every partition a member owns now stays with it, if the member still subscribes to
 *    its topic and the partition still exists (a partition claimed twice stays with the
 *    member that joined first).
 * 2. Partitions without an owner go, those with the fewest possible owners first, each to
 *    the eligible member holding the fewest partitions (ties: join order).
 * 3. While some member holds at least two more partitions than another member that could
 *    take one of them, one partition moves from the first to the second (the busiest
 *    members give first, to the least loaded eligible member).
 *
 * Each move in step 3 lowers the sum of squared counts, so it ends; when it ends, members
 * with identical subscriptions differ by at most one partition. After a member leaves,
 * step 2 alone restores balance, so the others keep everything they had; after a member
 * joins, step 3 moves only what balance requires.
 */
import { compareStrings, type TopicPartition, topicPartitionKey } from '@mini-kafka/protocol/core';
import {
  type AssignmentInput,
  type Assignor,
  emptyAssignments,
  type MemberAssignments,
  sortAssignments,
  subscribedPartitions,
} from './assignor.js';

interface Slot {
  memberId: string;
  order: number;
  topics: Set<string>;
  partitions: TopicPartition[];
}

export class StickyAssignor implements Assignor {
  readonly name = 'sticky' as const;

  assign(input: AssignmentInput): MemberAssignments {
    const slots = input.members.map(
      (member, order): Slot => ({
        memberId: member.memberId,
        order,
        topics: new Set(member.topics),
        partitions: [],
      }),
    );
    const candidates = new Map<string, Slot[]>();
    for (const slot of slots) {
      for (const topic of slot.topics) {
        const list = candidates.get(topic) ?? [];
        list.push(slot);
        candidates.set(topic, list);
      }
    }
    const all = subscribedPartitions(input);
    const unowned = new Map(all.map((tp) => [topicPartitionKey(tp.topic, tp.partition), tp]));

    // 1. Keep what members own now.
    for (const slot of slots) {
      for (const tp of input.current?.get(slot.memberId) ?? []) {
        const key = topicPartitionKey(tp.topic, tp.partition);
        const partition = unowned.get(key);
        if (partition === undefined || !slot.topics.has(tp.topic)) continue;
        unowned.delete(key);
        slot.partitions.push(partition);
      }
    }

    // 2. Hand out the rest, the most constrained partitions first.
    const rest = [...unowned.values()];
    const rank = (tp: TopicPartition) => candidates.get(tp.topic)!.length;
    rest.sort((a, b) => rank(a) - rank(b)); // stable: keeps topic/partition order within a rank
    for (const tp of rest) leastLoaded(candidates.get(tp.topic)!)!.partitions.push(tp);

    // 3. Move single partitions from busy members to idle eligible ones until balanced.
    while (moveOne(slots, candidates));

    const result = emptyAssignments(input.members);
    for (const slot of slots) result.set(slot.memberId, slot.partitions);
    return sortAssignments(result);
  }
}

function leastLoaded(slots: readonly Slot[], except?: Slot): Slot | undefined {
  let best: Slot | undefined;
  for (const slot of slots) {
    if (slot === except) continue;
    if (best === undefined || slot.partitions.length < best.partitions.length) best = slot;
  }
  return best;
}

/** Performs one balancing move, if there is one to make. */
function moveOne(slots: readonly Slot[], candidates: ReadonlyMap<string, Slot[]>): boolean {
  const busiestFirst = [...slots].sort((a, b) => b.partitions.length - a.partitions.length || a.order - b.order);
  for (const giver of busiestFirst) {
    if (giver.partitions.length < 2) return false;
    const topics = [...new Set(giver.partitions.map((tp) => tp.topic))].sort(compareStrings);
    let best: { taker: Slot; topic: string } | undefined;
    for (const topic of topics) {
      const taker = leastLoaded(candidates.get(topic)!, giver);
      if (taker === undefined || taker.partitions.length >= giver.partitions.length - 1) continue;
      if (best === undefined || taker.partitions.length < best.taker.partitions.length) best = { taker, topic };
    }
    if (best === undefined) continue;
    // Give away the giver's highest partition of that topic.
    let index = -1;
    for (let i = 0; i < giver.partitions.length; i++) {
      const tp = giver.partitions[i]!;
      if (tp.topic !== best.topic) continue;
      if (index === -1 || tp.partition > giver.partitions[index]!.partition) index = i;
    }
    const [moved] = giver.partitions.splice(index, 1);
    best.taker.partitions.push(moved!);
    return true;
  }
  return false;
}
