/**
 * The figures of the root README's Reliability section (between `<!-- reliability:start -->`
 * and `<!-- reliability:end -->`), rendered from one passing run of `pnpm fault-suite
 * --write-readme`: when and where it ran, its seed, and each part's figures.
 */
import { cpus, platform, totalmem } from 'node:os';
import type { CorruptionSummary } from './corruption-matrix.js';
import type { CrashSummary } from './crash-cycles.js';
import { type DiskFullSummary, renderDiskFigures } from './disk-full-summary.js';
import type { SoakSummary } from './soak.js';

export interface FuzzResult {
  runsPerSuite: number;
  suitesPassed: number;
  suitesFailed: number;
  exitCode: number;
  seconds: number;
}

export interface SuiteFigures {
  seed: number;
  crash: CrashSummary;
  soak: SoakSummary;
  fuzz: FuzzResult;
  corruption: CorruptionSummary;
  /** The disk-full part, when the run had it. */
  disk?: DiskFullSummary;
}

const n = (value: number): string => value.toLocaleString('en-US');
const mib = (value: number): string => `${value.toFixed(0)} MiB`;

export function machineDescription(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = Math.round(totalmem() / 1024 ** 3);
  return `${cpus().length} cores (${model}), ${memory} GiB, Node ${process.version}, ${platform()}`;
}

export function renderReliability(
  { seed, crash, soak, fuzz, corruption, disk }: SuiteFigures,
  command: string,
  date = new Date(),
  machine = machineDescription(),
): string {
  const acked = Object.values(crash.acknowledged).reduce((sum, count) => sum + count, 0);
  const { acknowledged: a, duplicates: d } = crash;
  const commits = Object.values(crash.commitsAcknowledged).reduce((sum, count) => sum + count, 0);
  const deleted = soak.logStartOffsets.reduce((sum, offset) => sum + offset, 0);
  const { rss } = soak;
  return [
    `Last run: \`${command}\` on ${date.toISOString().slice(0, 10)}, ${machine}, seed ${seed}`,
    `(\`MINI_KAFKA_TEST_SEED=${seed} ${command}\` replays its schedule and data; the machine's timing,`,
    'and so the interleaving of the load, differs from run to run).',
    '',
    `- **Crash**: ${crash.cyclesRun} cycles, ${crash.kills} SIGKILLs, ${n(crash.seconds)} s. ${n(acked)} records ` +
      `acknowledged (/v1 batches ${n(a['v1-batch'])}, tutorial ${n(a.tutorial)}, kafkajs ${n(a.kafkajs)}, ` +
      `kafkajs idempotent ${n(a['kafkajs-idempotent'])}), ${n(crash.recordsChecked)} checks of an acknowledged ` +
      `record at its offset after a restart: **${crash.losses} lost**, ${crash.gaps} gaps, ${crash.corrupt} corrupt. ` +
      `Duplicates: kafkajs ${n(d.kafkajs)} (resends, at-least-once), kafkajs idempotent ${d['kafkajs-idempotent']}, ` +
      `/v1 ${d['v1-batch']}, tutorial ${d.tutorial}; ${n(crash.storedUnacknowledged)} records stored whose ` +
      `answer the kill cut. ${n(commits)} commits acknowledged, ${n(crash.commitsChecked)} checks, ` +
      `${crash.commitsBehind} behind.`,
    `- **Soak**: ${n(soak.seconds)} s, ${soak.samples.length} samples. ${n(soak.produced)} records produced ` +
      `(${n(Math.round(soak.produced / soak.seconds))}/s), ${n(soak.consumed.http)} consumed by HTTP members and ` +
      `${n(soak.consumed.kafkajs)} by kafkajs through ${soak.joinsAndLeaves} joins and leaves; retention deleted ` +
      `${n(deleted)}. Broker RSS medians: ${mib(rss.warmupMedianMiB)} (warm-up third), ${mib(rss.middleMedianMiB)} ` +
      `(middle), ${mib(rss.lastMedianMiB)} (last; limit ${mib(rss.limitMiB)}); max ${mib(rss.maxMiB)}; ` +
      `Theil–Sen slope of the last two thirds ${rss.slopeMiBPerMinute.toFixed(2)} MiB/min.`,
    `- **Fuzz**: ${n(fuzz.runsPerSuite)} cases in each of ${fuzz.suitesPassed + fuzz.suitesFailed} suites, ` +
      `${n(fuzz.seconds)} s: ${fuzz.suitesPassed} passed, ${fuzz.suitesFailed} failed.`,
    corruptionLine(corruption),
    ...(disk === undefined ? [] : [renderDiskFigures(disk)]),
  ].join('\n');
}

/** The Corruption figures: cases, what was served, what was logged and verified, the known defects. */
export function corruptionLine(c: CorruptionSummary): string {
  const { reads } = c;
  const defects = Object.entries(c.defects)
    .map(([id, cases]) => `${id} (${cases.length})`)
    .join(', ');
  return (
    `- **Corruption**: ${c.cases.length} cases (${c.clean} after a clean stop, ${c.unclean} after a kill), ` +
    `${n(Math.round(c.seconds))} s: ${c.passed} passed, ${c.failed} failed. The damaged partition read ` +
    `${n(reads.offsets)} times (consumer walks and a read at every offset, /v1 and Kafka): ${n(reads.exact)} exact, ` +
    `${n(reads.errors)} CORRUPT_MESSAGE at damaged offsets, ${n(reads.refused)} on intact records (known defects), ` +
    `**${reads.skipped} skipped**, ${reads.wrong} wrong. ` +
    `Logged at start as expected in ${c.logged.found} of ${c.logged.expected} cases that lose or hide something; ` +
    `\`mini-kafka verify\` right in ${c.verify.found} of ${c.verify.expected}. ` +
    `Known broker defects shown: ${Object.keys(c.defects).length === 0 ? 'none' : defects}.`
  );
}
