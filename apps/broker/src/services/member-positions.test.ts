import { describe, expect, it } from 'vitest';
import { MemberPositions } from './member-positions.js';

describe('MemberPositions', () => {
  it('keeps a position per group, member, topic and partition', () => {
    const positions = new MemberPositions();
    positions.set('g', 'a', 't', 0, 5);
    positions.set('g', 'a', 't', 1, 7);
    positions.set('g', 'b', 't', 0, 9);
    positions.set('h', 'a', 't', 0, 11);
    expect(positions.get('g', 'a', 't', 0)).toBe(5);
    expect(positions.get('g', 'a', 't', 1)).toBe(7);
    expect(positions.get('g', 'b', 't', 0)).toBe(9);
    expect(positions.get('h', 'a', 't', 0)).toBe(11);
    expect(positions.get('g', 'a', 'other', 0)).toBeUndefined();
    expect(positions.get('g', 'c', 't', 0)).toBeUndefined();
  });

  it('starts members at earliest unless they ask for latest', () => {
    const positions = new MemberPositions();
    expect(positions.resetPolicy('g', 'a')).toBe('earliest');
    positions.setReset('g', 'a', 'latest');
    expect(positions.resetPolicy('g', 'a')).toBe('latest');
    expect(positions.resetPolicy('g', 'b')).toBe('earliest');
  });

  it('drops the positions of partitions no longer assigned to the member', () => {
    const positions = new MemberPositions();
    positions.set('g', 'a', 't', 0, 5);
    positions.set('g', 'a', 't', 1, 7);
    positions.retain('g', 'a', [{ topic: 't', partition: 1 }]);
    expect(positions.get('g', 'a', 't', 0)).toBeUndefined();
    expect(positions.get('g', 'a', 't', 1)).toBe(7);
    positions.retain('g', 'nobody', []);
  });

  it('forgets a partition for every member of a group after an offset reset, and only there', () => {
    const positions = new MemberPositions();
    positions.set('g', 'a', 't', 0, 5);
    positions.set('g', 'b', 't', 0, 6);
    positions.set('g', 'b', 't', 1, 8);
    positions.set('h', 'a', 't', 0, 9);
    positions.forgetPartition('g', 't', 0);
    expect([positions.get('g', 'a', 't', 0), positions.get('g', 'b', 't', 0)]).toEqual([undefined, undefined]);
    expect(positions.get('g', 'b', 't', 1)).toBe(8);
    expect(positions.get('h', 'a', 't', 0)).toBe(9);
  });

  it('forgets a member (positions and reset policy) or a whole group', () => {
    const positions = new MemberPositions();
    positions.setReset('g', 'a', 'latest');
    positions.set('g', 'a', 't', 0, 5);
    positions.set('g', 'b', 't', 0, 6);
    positions.forgetMember('g', 'a');
    expect(positions.get('g', 'a', 't', 0)).toBeUndefined();
    expect(positions.resetPolicy('g', 'a')).toBe('earliest');
    expect(positions.get('g', 'b', 't', 0)).toBe(6);
    positions.forgetGroup('g');
    expect(positions.get('g', 'b', 't', 0)).toBeUndefined();
  });
});
