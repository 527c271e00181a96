import { describe, expect, it } from 'vitest';
import type { Machine } from '../core/machine.js';
import { makePlan } from '../core/plan.js';
import { Results } from '../core/results.js';
import { buildRunJson, RUN_SCHEMA, runFileStem } from './run-json.js';
import { evaluateTargets } from './targets.js';
import { rowFigures } from './throughput.js';

const machine: Machine = {
  cores: 2,
  cpuModel: 'AMD EPYC',
  memoryBytes: 24 * 1024 ** 3,
  node: 'v20.20.2',
  platform: 'linux',
  kernel: '6.1.0',
  loadAverageAtStart: [1, 2, 3],
};

describe('the run JSON', () => {
  const results = new Results();
  results.record('redis.produce.rate', 100_000);
  results.record('redis.produce.rate', 120_000);
  results.record('sdk.produce.rate', 240_000);
  results.outcomes.push({
    id: 'nats',
    title: 'NATS',
    status: 'skipped',
    reason: 'nats-server not installed',
    seconds: 0,
    notes: [],
  });
  const plan = makePlan(false, 2);
  const json = buildRunJson({
    command: 'pnpm bench --rounds=2',
    revision: 'abc1234',
    startedAt: new Date('2026-11-28T10:00:00.123Z'),
    finishedAt: new Date('2026-11-28T10:15:30.000Z'),
    plan,
    machine,
    tools: { 'redis-server': '7.0.15' },
    results,
    rows: rowFigures(results),
    targets: evaluateTargets(results, plan),
    otherFigures: [['start-up', '200 ms']],
  });
  const parsed = JSON.parse(JSON.stringify(json)) as typeof json;

  it('has the shape readers rely on, and survives JSON as it is', () => {
    expect(parsed).toEqual(json);
    expect(Object.keys(json)).toEqual([
      'schema',
      'command',
      'revision',
      'startedAt',
      'finishedAt',
      'durationSeconds',
      'quick',
      'plan',
      'machine',
      'tools',
      'scenarios',
      'table',
      'targets',
      'otherFigures',
      'metrics',
    ]);
    expect(json.schema).toBe(RUN_SCHEMA);
    expect(json.durationSeconds).toBe(930);
    expect(json.scenarios[0]).toMatchObject({ id: 'nats', status: 'skipped' });
  });

  it('keeps every round of every metric, with its unit, median and max', () => {
    expect(json.metrics['redis.produce.rate']).toEqual({
      unit: 'rec/s',
      rounds: [100_000, 120_000],
      median: 110_000,
      max: 120_000,
    });
  });

  it('writes null, not NaN, for what was not measured', () => {
    const redis = parsed.table.find((row) => row.id === 'redis')!;
    expect(redis.produceRecordsPerSecond).toBe(110_000);
    expect(redis.consumeRecordsPerSecond).toBeNull();
    expect(redis.counterpart).toBe('sdk');
    expect(redis.produceRatio).toBeCloseTo(240_000 / 110_000);
    expect(parsed.targets.find((target) => target.id === 'latency-p99')?.pass).toBeNull();
  });

  it('names files by the start in ISO 8601 basic format', () => {
    const start = new Date('2026-11-28T10:00:00.123Z');
    expect(runFileStem(start, { quick: false, partial: false })).toBe('20261128T100000Z');
    expect(runFileStem(start, { quick: true, partial: false })).toBe('20261128T100000Z-quick');
    expect(runFileStem(start, { quick: true, partial: true })).toBe('20261128T100000Z-quick-partial');
  });
});
