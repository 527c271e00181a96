import { describe, expect, it } from 'vitest';
import { histogramBuckets, quantileBetween } from './histogram-quantile.js';

const scrape = (counts: number[]) =>
  ['0.001', '0.005', '0.01', '+Inf']
    .map((le, i) => `mini_kafka_log_fsync_duration_seconds_bucket{le="${le}"} ${counts[i]}`)
    .join('\n');

describe('histogram quantiles between two scrapes', () => {
  it('reads the buckets and bounds the quantile of the window only', () => {
    const before = histogramBuckets(scrape([100, 100, 100, 100]), 'mini_kafka_log_fsync_duration_seconds');
    expect(before.get(0.005)).toBe(100);
    expect(before.get(Number.POSITIVE_INFINITY)).toBe(100);
    // In the window: 90 under 1 ms, 8 between 1 and 5 ms, 2 between 5 and 10 ms.
    const after = histogramBuckets(scrape([190, 198, 200, 200]), 'mini_kafka_log_fsync_duration_seconds');
    expect(quantileBetween(before, after, 0.5)).toBe(0.001);
    expect(quantileBetween(before, after, 0.95)).toBe(0.005);
    expect(quantileBetween(before, after, 0.99)).toBe(0.01);
    expect(quantileBetween(after, after, 0.99)).toBeNaN();
  });
});
