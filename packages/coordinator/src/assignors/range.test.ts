import { describe, expect, it } from 'vitest';
import { runAssignorConformance } from './assignor-conformance.case.js';
import { RangeAssignor } from './range.js';

const assignor = new RangeAssignor();
runAssignorConformance('RangeAssignor', assignor, { balance: ['per-topic'] });

function partitionsOf(result: Map<string, { topic: string; partition: number }[]>, member: string): string[] {
  return result.get(member)!.map((tp) => `${tp.topic}-${tp.partition}`);
}

describe('RangeAssignor', () => {
  it('gives sorted members contiguous ranges, the first ones one extra', () => {
    const members = ['c', 'a', 'b'].map((memberId) => ({ memberId, topics: ['t'] }));
    const result = assignor.assign({ members, partitionCounts: new Map([['t', 7]]) });
    expect(partitionsOf(result, 'a')).toEqual(['t-0', 't-1', 't-2']);
    expect(partitionsOf(result, 'b')).toEqual(['t-3', 't-4']);
    expect(partitionsOf(result, 'c')).toEqual(['t-5', 't-6']);
  });

  it('ranges each topic over its own subscribers', () => {
    const result = assignor.assign({
      members: [
        { memberId: 'm1', topics: ['a', 'b'] },
        { memberId: 'm2', topics: ['b'] },
      ],
      partitionCounts: new Map([
        ['a', 2],
        ['b', 3],
      ]),
    });
    expect(partitionsOf(result, 'm1')).toEqual(['a-0', 'a-1', 'b-0', 'b-1']);
    expect(partitionsOf(result, 'm2')).toEqual(['b-2']);
  });

  it('favours the first members across topics, as Kafka does', () => {
    const members = ['a', 'b'].map((memberId) => ({ memberId, topics: ['x', 'y'] }));
    const result = assignor.assign({
      members,
      partitionCounts: new Map([
        ['x', 1],
        ['y', 1],
      ]),
    });
    expect(partitionsOf(result, 'a')).toEqual(['x-0', 'y-0']);
    expect(partitionsOf(result, 'b')).toEqual([]);
  });
});
