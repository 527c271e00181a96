/**
 * The targets of issue 10, judged from one run's figures: each is a pass, a miss, or not
 * measured (its scenarios were skipped or failed). Ratios use the medians of the same run;
 * limits on memory and on the /health answer use the worst round. RSS limits are in MiB.
 */
import type { RunPlan } from '../core/plan.js';
import type { Results } from '../core/results.js';
import { maximum, ratio } from '../core/stats.js';
import { formatMiB, formatMs, formatRate, formatRatio, markdownTable } from './format.js';

export interface TargetResult {
  id: string;
  target: string;
  measured: string;
  /** null: not measured. */
  pass: boolean | null;
}

const MIB = 1024 * 1024;

/** The phases of the 1,000,000-record scenarios, whose broker peak RSS must stay under 200 MiB. */
export const MILLION_RECORD_PHASES = [
  'v1.produce',
  'v1.partition',
  'v1.member',
  'sdk.produce',
  'sdk.consume-1',
  'sdk.consume-2',
  'sdk.consume-4',
  'kcat.produce',
  'kcat.consume',
  'kcat.consume-large',
  'kafkajs.produce',
  'kafkajs.consume',
];

function atLeastTimes(
  id: string,
  target: string,
  results: Results,
  mini: string,
  anchor: string,
  times: number,
): TargetResult {
  const a = results.median(`${mini}.rate`);
  const b = results.median(`${anchor}.rate`);
  const r = ratio(a, b);
  return {
    id,
    target,
    measured: `${formatRatio(r)} (${formatRate(a)} vs ${formatRate(b)} rec/s)`,
    pass: Number.isFinite(r) ? r >= times : null,
  };
}

function atLeastRate(id: string, target: string, results: Results, key: string, floor: number): TargetResult {
  const value = results.median(`${key}.rate`);
  return { id, target, measured: `${formatRate(value)} rec/s`, pass: Number.isFinite(value) ? value >= floor : null };
}

function below(id: string, target: string, value: number, limit: number, text: string): TargetResult {
  return { id, target, measured: text, pass: Number.isFinite(value) ? value < limit : null };
}

export type TargetPlan = Pick<RunPlan, 'records' | 'startupRecords' | 'bigLogRecords' | 'latencyRate' | 'bigReads'>;

export function evaluateTargets(results: Results, plan: TargetPlan): TargetResult[] {
  const n = (count: number): string => count.toLocaleString('en-US');
  const rss1m = maximum(MILLION_RECORD_PHASES.map((phase) => results.max(`${phase}.rss`)));
  const worstPhase = MILLION_RECORD_PHASES.find((phase) => results.max(`${phase}.rss`) === rss1m);
  const healthMax = results.max('big-reads.health.max.ms');
  const healthFailures = results.max('big-reads.health.failures.count');
  const fetchRatio = results.median('fetch.end-vs-start.ratio');
  const p99 = results.median('latency.p99.ms');
  const x = (times: number): string => `at least ${times}×`;
  return [
    atLeastTimes(
      'v1-partition-vs-redis',
      `/v1 JSON consume (partition GET) ${x(2)} Redis Streams + ioredis`,
      results,
      'v1.partition',
      'redis.consume',
      2,
    ),
    atLeastTimes(
      'v1-member-vs-redis',
      `/v1 JSON consume (group member + commit) ${x(2)} Redis Streams + ioredis`,
      results,
      'v1.member',
      'redis.consume',
      2,
    ),
    atLeastTimes(
      'sdk-consume-vs-redis',
      `SDK consume (1 member) ${x(2)} Redis Streams + ioredis`,
      results,
      'sdk.consume-1',
      'redis.consume',
      2,
    ),
    atLeastTimes(
      'sdk-produce-vs-redis',
      `SDK produce ${x(2)} Redis Streams + ioredis`,
      results,
      'sdk.produce',
      'redis.produce',
      2,
    ),
    atLeastRate('kcat-produce', 'kcat produce at least 1,000,000 rec/s', results, 'kcat.produce', 1_000_000),
    atLeastRate(
      'kcat-consume',
      'kcat consume (default fetch sizes) at least 1,000,000 rec/s',
      results,
      'kcat.consume',
      1_000_000,
    ),
    atLeastRate(
      'kcat-consume-large',
      'kcat consume (16 MiB fetches) at least 1,000,000 rec/s',
      results,
      'kcat.consume-large',
      1_000_000,
    ),
    atLeastTimes(
      'kcat-vs-redis-benchmark',
      `kcat produce ${x(2)} redis-benchmark -P 1000`,
      results,
      'kcat.produce',
      'redis-benchmark.produce',
      2,
    ),
    atLeastTimes(
      'sdk-produce-vs-nats',
      `SDK produce ${x(5)} NATS JetStream + nats.js`,
      results,
      'sdk.produce',
      'nats.produce',
      5,
    ),
    atLeastTimes(
      'sdk-consume-vs-nats',
      `SDK consume (1 member) ${x(5)} NATS JetStream + nats.js`,
      results,
      'sdk.consume-1',
      'nats.consume',
      5,
    ),
    below('latency-p99', `p99 end-to-end latency under 10 ms at ${n(plan.latencyRate)} rec/s`, p99, 10, formatMs(p99)),
    below(
      'rss-million',
      `peak broker RSS under 200 MiB in every ${n(plan.records)}-record scenario`,
      rss1m,
      200 * MIB,
      `${formatMiB(rss1m)}${worstPhase ? ` (${worstPhase})` : ''}`,
    ),
    below(
      'rss-big-reads',
      `peak broker RSS under 512 MiB with ${plan.bigReads} parallel 64 MiB reads`,
      results.max('big-reads.rss'),
      512 * MIB,
      formatMiB(results.max('big-reads.rss')),
    ),
    {
      id: 'health-big-reads',
      target: '/health answers within 100 ms throughout those reads',
      measured: `slowest ${formatMs(healthMax)}${healthFailures > 0 ? `, ${healthFailures} failed or timed out (5 s)` : ''}`,
      pass: Number.isFinite(healthMax) ? healthMax < 100 && !(healthFailures > 0) : null,
    },
    below(
      'startup-empty',
      'start-up under 300 ms with an empty data directory',
      results.median('startup.empty.ms'),
      300,
      formatMs(results.median('startup.empty.ms')),
    ),
    below(
      'startup-loaded',
      `start-up under 1 s with 10 topics holding ${n(plan.startupRecords)} records`,
      results.median('startup.loaded.ms'),
      1000,
      formatMs(results.median('startup.loaded.ms')),
    ),
    {
      id: 'fetch-end-vs-start',
      target: `fetch at the end of a ${n(plan.bigLogRecords)}-record log within 1.5× of the fetch at its start`,
      measured: `${formatRatio(fetchRatio)} (${formatMs(results.median('fetch.end.ms'))} vs ${formatMs(results.median('fetch.start.ms'))})`,
      pass: Number.isFinite(fetchRatio) ? fetchRatio <= 1.5 : null,
    },
  ];
}

export function passText(pass: boolean | null): string {
  return pass === null ? 'not measured' : pass ? 'pass' : '**miss**';
}

export function renderTargetsTable(targets: TargetResult[]): string {
  return markdownTable(
    ['target', 'this run', ''],
    targets.map((target) => [target.target, target.measured, passText(target.pass)]),
    ['l', 'r', 'l'],
  );
}
