import { describe, expect, it } from 'vitest';
import { BrokerMetrics } from '../../metrics/broker-metrics.js';
import { ThroughputSampler } from './throughput-sampler.js';

describe('ThroughputSampler', () => {
  it('turns the records and bytes counters into per-second rates, keeping the last samples', async () => {
    const metrics = new BrokerMetrics();
    let now = 0;
    const sampler = new ThroughputSampler(metrics, () => now, 5000, 3);
    await sampler.sample();
    metrics.appended('http', 't', 10, 1000);
    metrics.appended('kafka', 'u', 5, 500);
    now = 5000;
    await sampler.sample();
    expect(sampler.rates()).toEqual([{ recordsIn: 3, recordsOut: 0, bytesIn: 300, bytesOut: 0 }]);
    expect(await sampler.totals()).toMatchObject({ recordsIn: 15, bytesIn: 1500 });
    for (const at of [10_000, 15_000, 20_000]) {
      now = at;
      await sampler.sample();
    }
    expect(sampler.rates()).toEqual([
      { recordsIn: 0, recordsOut: 0, bytesIn: 0, bytesOut: 0 },
      { recordsIn: 0, recordsOut: 0, bytesIn: 0, bytesOut: 0 },
    ]);
  });
});
