import { describe, expect, it } from 'vitest';
import { parseBenchmarkCsv } from './redis-benchmark.js';

describe('parseBenchmarkCsv', () => {
  it("takes the rate of redis-benchmark's CSV line", () => {
    const output = [
      '"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms"',
      '"XADD bench * v xxxx","457665.91","18.186","7.496","15.311"',
      '',
    ].join('\n');
    expect(parseBenchmarkCsv(output)).toBe(457_665.91);
  });

  it('refuses output without a rate', () => {
    expect(() => parseBenchmarkCsv('Could not connect to Redis at 127.0.0.1:1\n')).toThrow(/no rate/);
  });
});
