import { type TopicPartition, topicPartitionKey } from '@mini-kafka/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssignmentInput, MemberAssignments } from './assignor.js';
import { anyInput, runAssignorConformance, uniformInput } from './assignor-conformance.case.js';
import { StickyAssignor } from './sticky.js';

const assignor = new StickyAssignor();
runAssignorConformance('StickyAssignor', assignor, { balance: ['overall'] });

const RUNS = { numRuns: 300 };

function owners(assignments: MemberAssignments): Map<string, string> {
  const map = new Map<string, string>();
  for (const [member, partitions] of assignments) {
    for (const tp of partitions) map.set(topicPartitionKey(tp.topic, tp.partition), member);
  }
  return map;
}

/** The fewest moves that can balance `counts` (one entry per member) holding `total` partitions. */
function minimumMoves(counts: number[], total: number): number {
  const q = Math.floor(total / counts.length);
  const r = total % counts.length;
  return [...counts]
    .sort((a, b) => b - a)
    .reduce((moves, count, i) => moves + Math.max(0, count - (i < r ? q + 1 : q)), 0);
}

function keys(partitions: readonly TopicPartition[]): string[] {
  return partitions.map((tp) => topicPartitionKey(tp.topic, tp.partition));
}

describe('StickyAssignor', () => {
  it('starts like round-robin in join order', () => {
    const members = ['m2', 'm0', 'm1'].map((memberId) => ({ memberId, topics: ['t'] }));
    const result = assignor.assign({ members, partitionCounts: new Map([['t', 6]]) });
    expect(result.get('m2')!.map((tp) => tp.partition)).toEqual([0, 3]);
    expect(result.get('m0')!.map((tp) => tp.partition)).toEqual([1, 4]);
    expect(result.get('m1')!.map((tp) => tp.partition)).toEqual([2, 5]);
  });

  it('keeps every partition of the remaining members in place after one leaves', () => {
    fc.assert(
      fc.property(uniformInput, fc.nat(), (input, pick) => {
        const before = assignor.assign(input);
        const leaving = input.members[pick % input.members.length]!.memberId;
        const members = input.members.filter((m) => m.memberId !== leaving);
        const after = assignor.assign({ members, partitionCounts: input.partitionCounts, current: before });
        for (const member of members) {
          expect(keys(after.get(member.memberId)!)).toEqual(expect.arrayContaining(keys(before.get(member.memberId)!)));
        }
        const sizes = [...after.values()].map((list) => list.length);
        if (sizes.length > 0) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('moves at most the minimum number of partitions when a member joins', () => {
    fc.assert(
      fc.property(uniformInput, (input) => {
        const before = assignor.assign(input);
        const joiner = { memberId: `joiner-${input.members.length}`, topics: input.members[0]!.topics };
        const members = [...input.members.filter((m) => m.memberId !== joiner.memberId), joiner];
        const after = assignor.assign({ members, partitionCounts: input.partitionCounts, current: before });
        const previous = owners(before);
        const now = owners(after);
        let moved = 0;
        for (const [key, owner] of previous) if (now.get(key) !== owner) moved++;
        const counts = members.map((m) => before.get(m.memberId)?.length ?? 0);
        expect(moved).toBeLessThanOrEqual(minimumMoves(counts, previous.size));
      }),
      RUNS,
    );
  });

  it('changes nothing when run again on its own result', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const first = assignor.assign(input);
        const again = assignor.assign({ ...input, current: first });
        expect(again).toEqual(first);
      }),
      RUNS,
    );
  });

  it('balances members with identical subscriptions even when subscriptions differ', () => {
    fc.assert(
      fc.property(anyInput, (input: AssignmentInput) => {
        const result = assignor.assign(input);
        const bySubscription = new Map<string, number[]>();
        for (const member of input.members) {
          const key = [...new Set(member.topics)].sort().join(',');
          bySubscription.set(key, [...(bySubscription.get(key) ?? []), result.get(member.memberId)!.length]);
        }
        for (const sizes of bySubscription.values()) {
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });

  it('keeps a partition claimed by two members with the one that joined first', () => {
    const members = [
      { memberId: 'a', topics: ['t'] },
      { memberId: 'b', topics: ['t'] },
    ];
    const current = new Map([
      ['b', [{ topic: 't', partition: 0 }]],
      ['a', [{ topic: 't', partition: 0 }]],
    ]);
    const result = assignor.assign({ members, partitionCounts: new Map([['t', 2]]), current });
    expect(result.get('a')).toEqual([{ topic: 't', partition: 0 }]);
    expect(result.get('b')).toEqual([{ topic: 't', partition: 1 }]);
  });
});
