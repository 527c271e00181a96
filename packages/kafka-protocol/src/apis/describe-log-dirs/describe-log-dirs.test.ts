// DescribeLogDirs: round trips at every version (top-level error from v3, total and usable
// bytes from v4), a null topic list meaning every partition.
import { describe, expect, it } from 'vitest';
import { requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { DescribeLogDirs, type DescribeLogDirsResponse } from './describe-log-dirs.js';

const response: DescribeLogDirsResponse = {
  throttleTimeMs: 1,
  errorCode: 0,
  results: [
    {
      errorCode: 0,
      logDir: '/var/lib/mini-kafka',
      topics: [
        {
          name: 'orders',
          partitions: [{ partitionIndex: 0, partitionSize: 5_000_000_000, offsetLag: 0, isFutureKey: false }],
        },
      ],
      totalBytes: 100_000_000_000,
      usableBytes: 40_000_000_000,
    },
  ],
};

describe('DescribeLogDirs', () => {
  it.each(versionsOf(DescribeLogDirs))('v%i round trips', (v) => {
    expect(requestRoundTrip(DescribeLogDirs, v, { topics: null }).decoded).toEqual({ topics: null });
    const some = { topics: [{ topic: 'orders', partitions: [0, 2] }] };
    expect(requestRoundTrip(DescribeLogDirs, v, some).decoded).toEqual(some);
    const decoded = responseRoundTrip(DescribeLogDirs, v, response).decoded;
    expect(decoded.results[0]).toEqual({
      ...response.results[0],
      totalBytes: v >= 4 ? 100_000_000_000 : -1,
      usableBytes: v >= 4 ? 40_000_000_000 : -1,
    });
    expect(decoded.errorCode).toBe(0);
  });
});
