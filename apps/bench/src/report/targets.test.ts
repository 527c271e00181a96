import { describe, expect, it } from 'vitest';
import { makePlan } from '../core/plan.js';
import { Results } from '../core/results.js';
import { evaluateTargets, renderTargetsTable } from './targets.js';

const MIB = 1024 * 1024;

describe('targets', () => {
  const plan = makePlan(false, 3);

  it('judges ratios from medians, limits from the worst round, and says what was not measured', () => {
    const results = new Results();
    const record = (key: string, ...values: number[]): void => {
      for (const value of values) results.record(key, value);
    };
    record('redis.consume.rate', 100_000, 100_000, 100_000);
    record('v1.partition.rate', 150_000, 250_000, 210_000);
    record('v1.member.rate', 150_000, 190_000, 195_000);
    record('kcat.produce.rate', 1_200_000);
    record('v1.produce.rss', 150 * MIB, 210 * MIB, 150 * MIB);
    record('big-reads.health.max.ms', 20, 30, 40);
    record('big-reads.health.failures.count', 0, 0, 1);
    record('fetch.end-vs-start.ratio', 1.5);
    const targets = new Map(evaluateTargets(results, plan).map((target) => [target.id, target]));
    expect(targets.get('v1-partition-vs-redis')).toMatchObject({
      pass: true,
      measured: '2.10× (210,000 vs 100,000 rec/s)',
    });
    expect(targets.get('v1-member-vs-redis')?.pass).toBe(false);
    expect(targets.get('kcat-produce')?.pass).toBe(true);
    expect(targets.get('rss-million')).toMatchObject({ pass: false, measured: '210 MiB (v1.produce)' });
    expect(targets.get('health-big-reads')).toMatchObject({ pass: false });
    expect(targets.get('health-big-reads')?.measured).toContain('1 failed or timed out');
    expect(targets.get('fetch-end-vs-start')?.pass).toBe(true);
    expect(targets.get('sdk-produce-vs-nats')).toMatchObject({ pass: null, measured: '· (· vs · rec/s)' });
    expect(targets.get('latency-p99')?.pass).toBeNull();
  });

  it('names the counts of the run it judges', () => {
    const text = evaluateTargets(new Results(), makePlan(true, 1)).map((target) => target.target);
    expect(text).toContain('fetch at the end of a 200,000-record log within 1.5× of the fetch at its start');
    expect(text).toContain('peak broker RSS under 200 MiB in every 20,000-record scenario');
  });

  it('renders pass, miss and not measured', () => {
    const table = renderTargetsTable([
      { id: 'a', target: 'A', measured: '1', pass: true },
      { id: 'b', target: 'B', measured: '2', pass: false },
      { id: 'c', target: 'C', measured: '·', pass: null },
    ]);
    expect(table.split('\n').slice(2)).toEqual([
      '| A | 1 | pass |',
      '| B | 2 | **miss** |',
      '| C | · | not measured |',
    ]);
  });
});
