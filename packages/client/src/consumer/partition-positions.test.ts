import { describe, expect, it } from 'vitest';
import { PartitionPositions } from './partition-positions.js';

describe('PartitionPositions', () => {
  it('commits only positions that moved since the last commit', () => {
    const positions = new PartitionPositions();
    positions.advance('delivered', 'a', 0, 5);
    positions.advance('delivered', 'a', 1, 3);
    expect(positions.uncommitted('processed')).toEqual([]);
    positions.processDelivered();
    expect(positions.uncommitted('processed')).toEqual([
      { topic: 'a', partition: 0, offset: 5 },
      { topic: 'a', partition: 1, offset: 3 },
    ]);
    positions.committed([{ topic: 'a', partition: 0, offset: 5 }]);
    expect(positions.uncommitted('processed')).toEqual([{ topic: 'a', partition: 1, offset: 3 }]);
  });

  it('never moves a stage backward by advancing, but seek and rewind move back', () => {
    const positions = new PartitionPositions();
    positions.advance('fetched', 'a', 0, 10);
    positions.advance('fetched', 'a', 0, 4);
    expect(positions.get('fetched', 'a', 0)).toBe(10);
    positions.advance('delivered', 'a', 0, 8);
    positions.advance('processed', 'a', 0, 8);
    positions.rewind('a', 0, 6);
    expect([
      positions.get('fetched', 'a', 0),
      positions.get('delivered', 'a', 0),
      positions.get('processed', 'a', 0),
    ]).toEqual([6, 6, 6]);
    positions.seek('a', 0, 2);
    expect(positions.uncommitted('processed')).toEqual([{ topic: 'a', partition: 0, offset: 2 }]);
  });

  it('forgets partitions outside a new assignment', () => {
    const positions = new PartitionPositions();
    positions.advance('fetched', 'a', 0, 1);
    positions.advance('fetched', 'b', 0, 1);
    positions.retain([{ topic: 'b', partition: 0 }]);
    expect(positions.get('fetched', 'a', 0)).toBeUndefined();
    expect(positions.get('fetched', 'b', 0)).toBe(1);
  });
});
