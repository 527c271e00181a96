/**
 * The throughput table: one row per system and client, produce and consume records/s
 * (medians of the rounds), the server's peak RSS (the largest of any round) and CPU seconds
 * (medians), and for each anchor the ratio of its Mini Kafka counterpart to it, from the
 * same run. Counterparts pair like with like: Node client libraries with the SDK, C clients
 * with kcat, HTTP with /v1 JSON, the disk's ceiling with the fastest durable produce (kcat).
 */
import type { Results } from '../core/results.js';
import { maximum, ratio } from '../core/stats.js';
import { formatMiB, formatRate, formatRatio, formatSeconds, markdownTable } from './format.js';

export interface RowSpec {
  id: string;
  system: string;
  /** A short name, for the ratio column and the chart. */
  short: string;
  how: string;
  mini: boolean;
  /** The scenario that measures it. */
  scenario: string;
  /** Metric key prefixes (the phase keys, without `.rate`). */
  produce?: string;
  consume?: string;
  /** For an anchor: the Mini Kafka row compared with it. */
  counterpart?: string;
}

export const ROWS: readonly RowSpec[] = [
  {
    id: 'v1',
    short: '/v1 JSON',
    system: 'Mini Kafka /v1 JSON',
    how: 'POST 1,000 records, 4 in flight / partition GET maxRecords=1000',
    mini: true,
    scenario: 'v1-json',
    produce: 'v1.produce',
    consume: 'v1.partition',
  },
  {
    id: 'v1-member',
    short: '/v1 member',
    system: 'Mini Kafka /v1 JSON, group member',
    how: 'member GET maxRecords=1000 + commit',
    mini: true,
    scenario: 'v1-json',
    consume: 'v1.member',
  },
  {
    id: 'gateway',
    short: 'gateway /v1 JSON',
    system: 'Mini Kafka gateway over a cluster, /v1 JSON',
    how: 'as /v1 JSON, through `serve --backend kafka` over a second broker',
    mini: true,
    scenario: 'gateway',
    produce: 'gateway.produce',
    consume: 'gateway.partition',
  },
  {
    id: 'gateway-member',
    short: 'gateway member',
    system: 'Mini Kafka gateway over a cluster, group member',
    how: 'member GET maxRecords=1000 + commit, through the gateway',
    mini: true,
    scenario: 'gateway',
    consume: 'gateway.member',
  },
  {
    id: 'sdk',
    short: 'SDK',
    system: 'Mini Kafka SDK',
    how: 'sendBatch 1,000, 4 in flight / run eachBatch, 1 member (4 partitions)',
    mini: true,
    scenario: 'sdk',
    produce: 'sdk.produce',
    consume: 'sdk.consume-1',
  },
  {
    id: 'sdk-2',
    short: 'SDK, 2 members',
    system: 'Mini Kafka SDK',
    how: '2 members',
    mini: true,
    scenario: 'sdk',
    consume: 'sdk.consume-2',
  },
  {
    id: 'sdk-4',
    short: 'SDK, 4 members',
    system: 'Mini Kafka SDK',
    how: '4 members',
    mini: true,
    scenario: 'sdk',
    consume: 'sdk.consume-4',
  },
  {
    id: 'kcat',
    short: 'kcat',
    system: 'Mini Kafka + kcat',
    how: '-P -l file (process start included) / -C -o beginning -e',
    mini: true,
    scenario: 'kcat',
    produce: 'kcat.produce',
    consume: 'kcat.consume',
  },
  {
    id: 'kcat-large',
    short: 'kcat 16 MiB fetch',
    system: 'Mini Kafka + kcat',
    how: '-C with fetch.message.max.bytes=16 MiB',
    mini: true,
    scenario: 'kcat',
    consume: 'kcat.consume-large',
  },
  {
    id: 'kafkajs',
    short: 'kafkajs',
    system: 'Mini Kafka + kafkajs',
    how: 'sendBatch 1,000, 4 in flight / eachBatch',
    mini: true,
    scenario: 'kafkajs',
    produce: 'kafkajs.produce',
    consume: 'kafkajs.consume',
  },
  {
    id: 'redis',
    short: 'Redis + ioredis',
    system: 'Redis Streams + ioredis',
    how: 'XADD pipelined by 1,000, 4 in flight / XREADGROUP COUNT 1000 + XACK',
    mini: false,
    scenario: 'redis',
    produce: 'redis.produce',
    consume: 'redis.consume',
    counterpart: 'sdk',
  },
  {
    id: 'redis-benchmark',
    short: 'redis-benchmark',
    system: 'redis-benchmark',
    how: 'XADD -P 1000',
    mini: false,
    scenario: 'redis-benchmark',
    produce: 'redis-benchmark.produce',
    counterpart: 'kcat',
  },
  {
    id: 'nats',
    short: 'NATS + nats.js',
    system: 'NATS JetStream + nats.js',
    how: 'publish, ≤ 1,000 outstanding / pull 1,000, one ack per batch',
    mini: false,
    scenario: 'nats',
    produce: 'nats.produce',
    consume: 'nats.consume',
    counterpart: 'sdk',
  },
  {
    id: 'disk',
    short: 'disk ceiling',
    system: "the disk's durable ceiling",
    how: 'append + fdatasync per 100 KiB',
    mini: false,
    scenario: 'disk',
    produce: 'disk.produce',
    counterpart: 'kcat',
  },
  {
    id: 'http',
    short: 'bare node:http',
    system: 'bare node:http handler',
    how: 'the /v1 JSON load: same POST bodies, same-size GET answers',
    mini: false,
    scenario: 'http',
    produce: 'http.produce',
    consume: 'http.consume',
    counterpart: 'v1',
  },
];

export interface RowFigures {
  spec: RowSpec;
  produce: number;
  consume: number;
  peakRssBytes: number;
  produceCpu: number;
  consumeCpu: number;
  /** Counterpart ÷ this row, for anchors. */
  produceRatio: number;
  consumeRatio: number;
}

const rateOf = (results: Results, key: string | undefined): number =>
  key === undefined ? Number.NaN : results.median(`${key}.rate`);

export function rowFigures(results: Results, rows: readonly RowSpec[] = ROWS): RowFigures[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return rows.map((spec) => {
    const counterpart = spec.counterpart === undefined ? undefined : byId.get(spec.counterpart);
    const produce = rateOf(results, spec.produce);
    const consume = rateOf(results, spec.consume);
    const phases = [spec.produce, spec.consume].filter((key): key is string => key !== undefined);
    return {
      spec,
      produce,
      consume,
      peakRssBytes: maximum(phases.map((key) => results.max(`${key}.rss`))),
      produceCpu: spec.produce === undefined ? Number.NaN : results.median(`${spec.produce}.cpu`),
      consumeCpu: spec.consume === undefined ? Number.NaN : results.median(`${spec.consume}.cpu`),
      produceRatio: ratio(rateOf(results, counterpart?.produce), produce),
      consumeRatio: ratio(rateOf(results, counterpart?.consume), consume),
    };
  });
}

function cpuCell(row: RowFigures): string {
  const parts = [row.produceCpu, row.consumeCpu].filter(Number.isFinite).map(formatSeconds);
  return parts.length === 0 ? '·' : parts.join(' / ');
}

function ratioCell(row: RowFigures, rows: readonly RowSpec[]): string {
  const counterpart = rows.find((spec) => spec.id === row.spec.counterpart);
  if (counterpart === undefined) return '';
  const parts = [formatRatio(row.produceRatio)];
  if (row.spec.consume !== undefined) parts.push(formatRatio(row.consumeRatio));
  return `${counterpart.short}: ${parts.join(' / ')}`;
}

export function renderThroughputTable(figures: RowFigures[], rows: readonly RowSpec[] = ROWS): string {
  return markdownTable(
    [
      'system',
      'client and load',
      'produce rec/s',
      'consume rec/s',
      'server peak RSS',
      'server CPU',
      'Mini Kafka ÷ this',
    ],
    figures.map((row) => [
      row.spec.mini ? `**${row.spec.system}**` : row.spec.system,
      row.spec.how,
      row.spec.produce === undefined ? '' : formatRate(row.produce),
      row.spec.consume === undefined ? '' : formatRate(row.consume),
      formatMiB(row.peakRssBytes),
      cpuCell(row),
      ratioCell(row, rows),
    ]),
    ['l', 'l', 'r', 'r', 'r', 'r', 'l'],
  );
}
