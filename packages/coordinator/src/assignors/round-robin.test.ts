import { describe, expect, it } from 'vitest';
import { runAssignorConformance } from './assignor-conformance.case.js';
import { RoundRobinAssignor } from './round-robin.js';

const assignor = new RoundRobinAssignor();
runAssignorConformance('RoundRobinAssignor', assignor, { balance: ['overall', 'per-topic'] });

function partitionsOf(result: Map<string, { topic: string; partition: number }[]>, member: string): string[] {
  return result.get(member)!.map((tp) => `${tp.topic}-${tp.partition}`);
}

describe('RoundRobinAssignor', () => {
  it('gives partition p to the (p mod n)-th member in join order: 6 over 3 is [0,3] [1,4] [2,5]', () => {
    const members = ['c-3', 'a-1', 'b-2'].map((memberId) => ({ memberId, topics: ['orders'] }));
    const result = assignor.assign({ members, partitionCounts: new Map([['orders', 6]]) });
    expect(partitionsOf(result, 'c-3')).toEqual(['orders-0', 'orders-3']);
    expect(partitionsOf(result, 'a-1')).toEqual(['orders-1', 'orders-4']);
    expect(partitionsOf(result, 'b-2')).toEqual(['orders-2', 'orders-5']);
  });

  it('deals sorted topic-partitions over several topics, skipping members not subscribed', () => {
    const result = assignor.assign({
      members: [
        { memberId: 'x', topics: ['a', 'b'] },
        { memberId: 'y', topics: ['b'] },
        { memberId: 'z', topics: ['a', 'b'] },
      ],
      partitionCounts: new Map([
        ['a', 3],
        ['b', 3],
      ]),
    });
    // a-0 x, a-1 z (y skips a), a-2 x, b-0 y, b-1 z, b-2 x
    expect(partitionsOf(result, 'x')).toEqual(['a-0', 'a-2', 'b-2']);
    expect(partitionsOf(result, 'y')).toEqual(['b-0']);
    expect(partitionsOf(result, 'z')).toEqual(['a-1', 'b-1']);
  });
});
