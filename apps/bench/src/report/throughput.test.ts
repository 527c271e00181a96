import { describe, expect, it } from 'vitest';
import { Results } from '../core/results.js';
import { ROWS, renderThroughputTable, rowFigures } from './throughput.js';

function sample(): Results {
  const results = new Results();
  for (const [key, values] of Object.entries({
    'sdk.produce.rate': [300_000, 100_000, 200_000],
    'sdk.consume-1.rate': [400_000, 410_000, 390_000],
    'sdk.produce.rss': [150e6, 170e6, 160e6],
    'sdk.consume-1.rss': [180e6, 120e6, 130e6],
    'sdk.produce.cpu': [2, 3, 4],
    'redis.produce.rate': [100_000, 90_000, 110_000],
    'redis.consume.rate': [200_000, 200_000, 200_000],
  })) {
    for (const value of values) results.record(key, value);
  }
  return results;
}

describe('the throughput table', () => {
  const figures = rowFigures(sample());
  const byId = (id: string) => figures.find((row) => row.spec.id === id)!;

  it('takes medians of rates and CPU, and the worst round of RSS over both phases', () => {
    const sdk = byId('sdk');
    expect(sdk.produce).toBe(200_000);
    expect(sdk.consume).toBe(400_000);
    expect(sdk.produceCpu).toBe(3);
    expect(sdk.peakRssBytes).toBe(180e6);
  });

  it("gives each anchor its counterpart's ratio from the same run", () => {
    const redis = byId('redis');
    expect(redis.spec.counterpart).toBe('sdk');
    expect(redis.produceRatio).toBe(2);
    expect(redis.consumeRatio).toBe(2);
    expect(byId('nats').produceRatio).toBeNaN();
  });

  it('pairs every anchor with a Mini Kafka row, and lists every system once', () => {
    const ids = new Set(ROWS.map((row) => row.id));
    expect(ids.size).toBe(ROWS.length);
    for (const row of ROWS.filter((spec) => !spec.mini)) {
      expect(ROWS.find((spec) => spec.id === row.counterpart)?.mini).toBe(true);
    }
  });

  it('renders unmeasured figures as "·" and leaves cells of phases a row does not have empty', () => {
    const table = renderThroughputTable(figures);
    const lines = table.split('\n');
    expect(lines[0]).toContain('| system | client and load | produce rec/s | consume rec/s |');
    expect(lines.find((line) => line.startsWith('| **Mini Kafka SDK** | sendBatch'))).toContain(
      '| 200,000 | 400,000 | 172 MiB | 3.0 s |',
    );
    expect(lines.find((line) => line.startsWith('| Redis Streams'))).toContain('SDK: 2.00× / 2.00×');
    expect(lines.find((line) => line.startsWith('| redis-benchmark'))).toMatch(/\| · \| {2}\| · \| · \| kcat: ·/);
  });
});
