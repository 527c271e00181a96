/**
 * The figures that are not throughput: end-to-end latency, start-up, fetch cost along the
 * big log, the parallel large reads, and how long clients took to join their groups.
 * Medians of the rounds, except the worst-case figures (max latency, peak RSS, slowest
 * /health), which take the worst round. A row shows once any of its metrics was measured.
 */
import type { RunPlan } from '../core/plan.js';
import type { Results } from '../core/results.js';
import { formatMiB, formatMs, formatRate, formatSeconds, markdownTable } from './format.js';

export type FiguresPlan = Pick<
  RunPlan,
  'latencyRate' | 'latencySeconds' | 'startupTopics' | 'startupRecords' | 'bigLogRecords' | 'bigReads' | 'sdkMembers'
>;

interface FigureRow {
  label: string;
  needs: string[];
  value: () => string;
}

export function otherFigures(results: Results, plan: FiguresPlan): [string, string][] {
  const n = (count: number): string => (Number.isFinite(count) ? count.toLocaleString('en-US') : '·');
  const med = (key: string): number => results.median(key);
  const worst = (key: string): number => results.max(key);
  const rows: FigureRow[] = [
    {
      label: `end-to-end latency, SDK producer to SDK consumer, ${n(plan.latencyRate)} rec/s for ${plan.latencySeconds} s`,
      needs: ['latency.p99.ms'],
      value: () =>
        `p50 ${formatMs(med('latency.p50.ms'))}, p99 ${formatMs(med('latency.p99.ms'))}, ` +
        `max ${formatMs(worst('latency.max.ms'))} (${formatRate(med('latency.rate'))} rec/s delivered)`,
    },
    {
      label: "in that run: send to acknowledgement, and the broker's fsyncs (bucket bounds)",
      needs: ['latency.ack.p99.ms'],
      value: () =>
        `acknowledged p50 ${formatMs(med('latency.ack.p50.ms'))}, p99 ${formatMs(med('latency.ack.p99.ms'))}; ` +
        `fsync p50 ≤ ${formatMs(med('latency.fsync.p50.ms'))}, p99 ≤ ${formatMs(med('latency.fsync.p99.ms'))}`,
    },
    {
      label: 'the broker during that run',
      needs: ['latency.rss'],
      value: () => `peak RSS ${formatMiB(worst('latency.rss'))}, CPU ${formatSeconds(med('latency.cpu'))}`,
    },
    {
      label: 'the gateway hop: one record at a time, direct vs through `serve --backend kafka`',
      needs: ['gateway.hop.gateway.produce.p50.ms', 'gateway.hop.direct.produce.p50.ms'],
      value: () =>
        [
          `POST p50 ${formatMs(med('gateway.hop.direct.produce.p50.ms'))} → ${formatMs(med('gateway.hop.gateway.produce.p50.ms'))}`,
          `p99 ${formatMs(med('gateway.hop.direct.produce.p99.ms'))} → ${formatMs(med('gateway.hop.gateway.produce.p99.ms'))}`,
          `GET p50 ${formatMs(med('gateway.hop.direct.read.p50.ms'))} → ${formatMs(med('gateway.hop.gateway.read.p50.ms'))}`,
          `p99 ${formatMs(med('gateway.hop.direct.read.p99.ms'))} → ${formatMs(med('gateway.hop.gateway.read.p99.ms'))}`,
        ].join(', '),
    },
    {
      label: 'start-up to /health 200',
      needs: ['startup.empty.ms', 'startup.big.ms'],
      value: () =>
        [
          `empty ${formatMs(med('startup.empty.ms'))}`,
          `${plan.startupTopics} topics, ${n(plan.startupRecords)} records ${formatMs(med('startup.loaded.ms'))}`,
          `one ${n(plan.bigLogRecords)}-record log ${formatMs(med('startup.big.ms'))}`,
          `\`node -e 0\` alone ${formatMs(med('startup.node.ms'))}`,
        ].join(', '),
    },
    {
      label: `fetch of 1,000 records along a ${n(plan.bigLogRecords)}-record log`,
      needs: ['fetch.end.ms'],
      value: () =>
        `start ${formatMs(med('fetch.start.ms'))}, middle ${formatMs(med('fetch.middle.ms'))}, end ${formatMs(med('fetch.end.ms'))}`,
    },
    {
      label: `${plan.bigReads} parallel reads, maxBytes 64 MiB (and maxRecords 100,000, the API's cap)`,
      needs: ['big-reads.ms'],
      value: () =>
        [
          `${formatMs(med('big-reads.ms'))} for ${formatMiB(med('big-reads.answer-bytes.count'))} of answers`,
          `broker peak RSS ${formatMiB(worst('big-reads.rss'))}`,
          `slowest /health ${formatMs(worst('big-reads.health.max.ms'))} of ${n(med('big-reads.health.probes.count'))} probes`,
          `${n(worst('big-reads.health.failures.count'))} failed or timed out (5 s)`,
        ].join(', '),
    },
    {
      label: 'joining a group: subscribe to first records',
      needs: ['sdk.consume-1.join.ms', 'kafkajs.consume.join.ms'],
      value: () =>
        [
          ...plan.sdkMembers.map(
            (members) => `SDK ${members} member(s) ${formatMs(med(`sdk.consume-${members}.join.ms`))}`,
          ),
          `kafkajs ${formatMs(med('kafkajs.consume.join.ms'))}`,
        ].join(', '),
    },
  ];
  return rows
    .filter((row) => row.needs.some((key) => results.values(key).length > 0))
    .map((row) => [row.label, row.value()]);
}

export function renderOtherFigures(rows: [string, string][]): string {
  return markdownTable(['figure', 'this run'], rows, ['l', 'l']);
}
