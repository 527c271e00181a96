import { describe, expect, it } from 'vitest';
import { maximum, median, percentileOfSorted, rate, ratio, summarizeLatencies } from './stats.js';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('ignores values that were not measured and is NaN for none', () => {
    expect(median([Number.NaN, 5, 1])).toBe(3);
    expect(median([])).toBeNaN();
    expect(median([Number.NaN])).toBeNaN();
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('maximum', () => {
  it('is the largest finite value, NaN for none', () => {
    expect(maximum([1, 9, Number.NaN, 4])).toBe(9);
    expect(maximum([])).toBeNaN();
  });
});

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileOfSorted(sorted, 50)).toBe(50);
    expect(percentileOfSorted(sorted, 99)).toBe(99);
    expect(percentileOfSorted(sorted, 100)).toBe(100);
    expect(percentileOfSorted(sorted, 0)).toBe(1);
    expect(percentileOfSorted([5], 99)).toBe(5);
    expect(percentileOfSorted([], 50)).toBeNaN();
  });

  it('summarizes unsorted samples numerically, not as text', () => {
    const summary = summarizeLatencies([10, 2, 9, 1, 100]);
    expect(summary).toEqual({ count: 5, p50: 9, p99: 100, max: 100 });
    expect(summarizeLatencies([]).p99).toBeNaN();
  });
});

describe('rate and ratio', () => {
  it('divides, and says NaN instead of Infinity', () => {
    expect(rate(1_000_000, 2)).toBe(500_000);
    expect(rate(10, 0)).toBeNaN();
    expect(ratio(300, 100)).toBe(3);
    expect(ratio(300, 0)).toBeNaN();
    expect(ratio(Number.NaN, 100)).toBeNaN();
  });
});
