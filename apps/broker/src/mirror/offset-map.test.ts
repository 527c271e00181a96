import { describe, expect, it } from 'vitest';
import { OffsetMap } from './offset-map.js';

describe('OffsetMap', () => {
  it('keeps one run for a contiguous copy and translates within it', () => {
    const map = OffsetMap.start(0, 0);
    map.copied([0, 1, 2, 3], 4);
    expect(map.toState()).toEqual({
      runs: [{ sourceOffset: 0, destOffset: 0 }],
      next: { sourceOffset: 4, destOffset: 4 },
    });
    expect([0, 2, 4, 9].map((c) => map.translate(c))).toEqual([0, 2, 4, 4]);
  });

  it('starts a run at each gap and translates a committed offset in a gap to the next copied record', () => {
    const map = OffsetMap.start(10, 0);
    map.copied([10, 11, 15, 16], 17);
    map.copied([20], 22);
    expect(map.toState().runs).toEqual([
      { sourceOffset: 10, destOffset: 0 },
      { sourceOffset: 15, destOffset: 2 },
      { sourceOffset: 20, destOffset: 4 },
    ]);
    expect(map.next).toEqual({ sourceOffset: 22, destOffset: 5 });
    expect([0, 10, 11, 12, 15, 16, 17, 20, 21, 30].map((c) => map.translate(c))).toEqual([
      0, 0, 1, 2, 2, 3, 4, 4, 5, 5,
    ]);
  });

  it('round-trips through its state and refuses to go back', () => {
    const map = OffsetMap.start(0, 3);
    map.copied([0, 2], 3);
    const again = OffsetMap.fromState(map.toState());
    expect(again.translate(1)).toBe(4);
    expect(() => again.copied([1], 2)).toThrow(RangeError);
  });

  it('translates to the destination end before anything is copied', () => {
    expect(OffsetMap.start(5, 7).translate(0)).toBe(7);
  });
});
