/**
 * The soak: one broker child process with small segments and short retention, so retention
 * deletes segments underneath the consumers all along, under the steady load of
 * soak-load.ts (producers at a fixed rate; HTTP and kafkajs group members joining and
 * leaving on a seeded schedule) for a bounded time. Every few seconds it samples the
 * throughput (records acknowledged and consumed per second), the broker's RSS (VmRSS of
 * /proc/<pid>/status), the partitions' log start and size, and each group's committed
 * offsets. The verdict: RSS stayed flat (rss-trend.ts), each group's commits moved forward
 * in every third of the run, and retention moved every partition's log start.
 */
import { SeededRandom } from '@mini-kafka/testing';
import { Brokers } from '../support/brokers.js';
import { call } from '../support/json-call.js';
import { processRssBytes } from '../support/process-rss.js';
import { partitionBounds } from './read-log.js';
import { type RssVerdict, rssVerdict } from './rss-trend.js';
import { HTTP_GROUP, KAFKAJS_GROUP, SOAK_PARTITIONS, SOAK_TOPIC, SoakLoad } from './soak-load.js';

export interface SoakOptions {
  seconds: number;
  seed: number;
  /** Records per second of each of the two producers. */
  rate?: number;
  /** Sampling period; by default the run is cut into about 40 samples, at least 1 s apart. */
  sampleMs?: number;
  log?: (line: string) => void;
}

export interface SoakSample {
  t: number;
  producedPerSecond: number;
  consumedPerSecond: number;
  rssBytes: number;
  /** Records retention has deleted: the sum of the log start offsets. */
  logStart: number;
  diskBytes: number;
  committed: { http: number; kafkajs: number };
  members: { http: number; kafkajs: number };
}

export interface SoakSummary {
  seed: number;
  seconds: number;
  produced: number;
  consumed: { http: number; kafkajs: number };
  joinsAndLeaves: number;
  failures: number;
  samples: SoakSample[];
  rss: RssVerdict;
  /** Per group, whether its committed offsets moved forward in each third of the run. */
  progress: { http: boolean[]; kafkajs: boolean[] };
  /** Each partition's log start at the end (retention moved it past 0). */
  logStartOffsets: number[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function committedSum(url: string, group: string): Promise<number> {
  const { status, body } = await call(url, 'GET', `/v1/groups/${group}/offsets`);
  if (status !== 200) return 0;
  return (body.offsets as { offset: number }[]).reduce((sum, entry) => sum + entry.offset, 0);
}

export async function runSoak(options: SoakOptions): Promise<SoakSummary> {
  const { seconds, seed, rate = 500, log = () => undefined } = options;
  const sampleMs = options.sampleMs ?? Math.max(1000, Math.round((seconds * 1000) / 40));
  // Retention keeps about a quarter of the run (3–30 s); segments roll four times as often.
  const retentionMs = Math.min(30_000, Math.max(3000, Math.round((seconds * 1000) / 4)));
  const args = [
    ...['--flush', 'always', '--segment-bytes', '262144', '--segment-ms', String(Math.round(retentionMs / 4))],
    ...['--retention-ms', String(retentionMs), '--retention-check-interval-ms', '1000'],
    ...['--group-initial-rebalance-delay-ms', '0'],
  ];
  const brokers = new Brokers();
  let load: SoakLoad | undefined;
  const samples: SoakSample[] = [];
  let joinsAndLeaves = 0;
  try {
    const broker = await brokers.spawn(await brokers.dataDir(), args);
    const created = await call(broker.url, 'POST', '/v1/topics', { name: SOAK_TOPIC, partitions: SOAK_PARTITIONS });
    if (created.status !== 201) throw new Error(`creating ${SOAK_TOPIC} answered ${created.status}`);
    const random = SeededRandom.derive(seed, 'soak');
    load = new SoakLoad(broker.url, broker.kafkaBootstrap, random, Math.max(1, Math.round(rate / 10)));
    const started = Date.now();
    await load.start();
    const end = started + seconds * 1000;
    const churn = (async () => {
      for (;;) {
        await sleep(2000 + random.int(4000));
        if (Date.now() >= end) return;
        await load!.churn();
        joinsAndLeaves++;
      }
    })();
    let previous = { t: started, produced: 0, consumed: 0 };
    for (let next = started + sampleMs; next <= end; next += sampleMs) {
      await sleep(next - Date.now());
      const now = Date.now();
      const consumed = load.consumed.http + load.consumed.kafkajs;
      const perSecond = (count: number): number => Math.round((count * 1000) / (now - previous.t));
      const bounds = await partitionBounds(broker.url, SOAK_TOPIC);
      const sample: SoakSample = {
        t: Math.round((now - started) / 1000),
        producedPerSecond: perSecond(load.produced - previous.produced),
        consumedPerSecond: perSecond(consumed - previous.consumed),
        rssBytes: await processRssBytes(broker.child.pid!),
        logStart: bounds.reduce((sum, b) => sum + b.logStartOffset, 0),
        diskBytes: bounds.reduce((sum, b) => sum + b.sizeBytes, 0),
        committed: {
          http: await committedSum(broker.url, HTTP_GROUP),
          kafkajs: await committedSum(broker.url, KAFKAJS_GROUP),
        },
        members: load.members,
      };
      samples.push(sample);
      log(formatSample(sample));
      previous = { t: now, produced: load.produced, consumed };
    }
    await churn;
    await load.stop();
    const final = await partitionBounds(broker.url, SOAK_TOPIC);
    const summary: SoakSummary = {
      seed,
      seconds,
      produced: load.produced,
      consumed: { ...load.consumed },
      joinsAndLeaves,
      failures: load.failures,
      samples,
      rss: rssVerdict(samples.map(({ t, rssBytes }) => ({ t, rssBytes }))),
      progress: { http: progressByThird(samples, 'http'), kafkajs: progressByThird(samples, 'kafkajs') },
      logStartOffsets: final.map((b) => b.logStartOffset),
    };
    load = undefined;
    return summary;
  } finally {
    await load?.stop().catch(() => undefined);
    await brokers.cleanup();
  }
}

/** For each third of the run, whether the group's committed offsets (summed) ended it higher than they began it. */
export function progressByThird(samples: readonly SoakSample[], group: 'http' | 'kafkajs'): boolean[] {
  const span = samples.at(-1)!.t;
  let before = 0;
  return [1, 2, 3].map((k) => {
    const inThird = samples.filter((sample) => sample.t <= (span * k) / 3);
    const after = inThird.at(-1)?.committed[group] ?? 0;
    const moved = after > before;
    before = after;
    return moved;
  });
}

const MIB = 1024 * 1024;
const column = (value: string | number, width: number): string => String(value).padStart(width);
export const SAMPLE_HEADER = `${column('t s', 5)} ${column('produced/s', 10)} ${column('consumed/s', 10)} ${column('RSS MiB', 7)} ${column('deleted', 9)} ${column('disk MiB', 8)} members http/kafkajs`;

export function formatSample(sample: SoakSample): string {
  return [
    column(sample.t, 5),
    column(sample.producedPerSecond, 10),
    column(sample.consumedPerSecond, 10),
    column((sample.rssBytes / MIB).toFixed(1), 7),
    column(sample.logStart, 9),
    column((sample.diskBytes / MIB).toFixed(1), 8),
    `${sample.members.http}/${sample.members.kafkajs}`,
  ].join(' ');
}

export function formatSoakSummary(summary: SoakSummary): string {
  const { rss } = summary;
  return [
    `soak (seed ${summary.seed}): ${summary.seconds} s, ${summary.produced.toLocaleString('en-US')} records produced, ` +
      `consumed HTTP ${summary.consumed.http.toLocaleString('en-US')} / kafkajs ${summary.consumed.kafkajs.toLocaleString('en-US')}, ` +
      `${summary.joinsAndLeaves} joins and leaves, ${summary.failures} failed operations`,
    `  RSS: warm-up median ${rss.warmupMedianMiB.toFixed(1)} MiB, middle third ${rss.middleMedianMiB.toFixed(1)}, ` +
      `last third ${rss.lastMedianMiB.toFixed(1)} (limit ${rss.limitMiB.toFixed(1)}), max ${rss.maxMiB.toFixed(1)}, ` +
      `slope ${rss.slopeMiBPerMinute.toFixed(2)} MiB/min: ${rss.flat ? 'flat' : 'GROWING'}`,
    `  commits moved forward by third: HTTP ${summary.progress.http.join('/')}, kafkajs ${summary.progress.kafkajs.join('/')}; ` +
      `log start offsets at the end: ${summary.logStartOffsets.join(', ')}`,
  ].join('\n');
}
