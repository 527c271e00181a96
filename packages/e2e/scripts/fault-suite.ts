/**
 * `pnpm fault-suite` (at the root): the full fault suite, in five parts, one seed for all.
 * - crash: SIGKILL cycles of a broker child process under mixed load (src/faults/crash-cycles.ts),
 *   50 cycles (MINI_KAFKA_CRASH_CYCLES);
 * - soak: steady load, group churn and retention against one broker, RSS sampled
 *   (src/faults/soak.ts), 600 s (MINI_KAFKA_SOAK_SECONDS);
 * - fuzz: the fuzz suites of src/fuzz/ with 20,000 cases each (MINI_KAFKA_FUZZ_RUNS);
 * - corruption: the corruption matrix (src/faults/corruption-matrix.ts), every case: segments,
 *   indexes, the offsets store and topic metadata damaged after a clean stop or a kill;
 * - disk: a broker on an 8 MiB tmpfs filled and freed again and again
 *   (src/faults/disk-full-scenario.ts), 12 cycles (MINI_KAFKA_DISK_CYCLES); skipped, saying
 *   why, where a tmpfs cannot be mounted.
 *
 *   pnpm fault-suite                      # the full run
 *   pnpm fault-suite --quick              # 5 cycles, a 60 s soak, 2,000 fuzz cases each (and every corruption case), 4 disk cycles
 *   pnpm fault-suite --only=crash,soak    # some parts: crash, soak, fuzz, corruption, disk
 *   pnpm fault-suite --write-readme       # then rewrite the README's Reliability figures
 *   MINI_KAFKA_TEST_SEED=123 pnpm fault-suite   # replay a run's schedule and bytes
 *
 * Prints each part's figures, writes them as JSON to $TMPDIR/mini-kafka-fault-suite.json,
 * and exits 1 when any part failed (the README is only rewritten after a run that passed).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testSeed } from '@mini-kafka/testing';
import {
  type CorruptionSummary,
  formatCorruptionSummary,
  runCorruptionMatrix,
} from '../src/faults/corruption-matrix.js';
import { type CrashSummary, formatCrashSummary, runCrashCycles } from '../src/faults/crash-cycles.js';
import { runDiskFull } from '../src/faults/disk-full-scenario.js';
import { type DiskFullSummary, formatDiskFullSummary } from '../src/faults/disk-full-summary.js';
import { IDEMPOTENT_KINDS } from '../src/faults/ledger.js';
import { type FuzzResult, renderReliability } from '../src/faults/reliability-section.js';
import { formatSoakSummary, runSoak, SAMPLE_HEADER, type SoakSummary } from '../src/faults/soak.js';
import { README_PATH, writeSection } from '../src/readme/readme-sections.js';

const e2eDir = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const quick = args.includes('--quick');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (part: string): boolean => only === undefined || only.includes(part);
const numberFrom = (name: string, fallback: number): number => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};
const cycles = numberFrom('MINI_KAFKA_CRASH_CYCLES', quick ? 5 : 50);
const soakSeconds = numberFrom('MINI_KAFKA_SOAK_SECONDS', quick ? 60 : 600);
const fuzzRuns = numberFrom('MINI_KAFKA_FUZZ_RUNS', quick ? 2000 : 20_000);
const diskCycles = numberFrom('MINI_KAFKA_DISK_CYCLES', quick ? 4 : 12);
const seed = testSeed();
const log = (line: string): void => console.log(line);
const failures: string[] = [];
console.log(`fault suite, seed ${seed} (MINI_KAFKA_TEST_SEED=${seed} replays it)`);

/** The command that runs this suite again at the same lengths, for the README. */
function command(): string {
  const lengths: [string, number, number][] = [
    ['MINI_KAFKA_CRASH_CYCLES', cycles, 50],
    ['MINI_KAFKA_SOAK_SECONDS', soakSeconds, 600],
    ['MINI_KAFKA_FUZZ_RUNS', fuzzRuns, 20_000],
    ['MINI_KAFKA_DISK_CYCLES', diskCycles, 12],
  ];
  const env = lengths.filter(([, value, full]) => value !== full).map(([name, value]) => `${name}=${value} `);
  return `${env.join('')}pnpm fault-suite`;
}

function crashFailures(summary: CrashSummary): string[] {
  const found: string[] = [];
  if (summary.cyclesRun !== summary.cycles) found.push(`crash: stopped after ${summary.cyclesRun} cycles`);
  if (summary.losses + summary.gaps + summary.corrupt > 0) found.push('crash: acknowledged records lost or damaged');
  if (summary.commitsBehind > 0) found.push('crash: a committed offset went behind an acknowledged commit');
  if (summary.consumerMismatches > 0) found.push('crash: a consumer was handed what was not sent');
  for (const kind of IDEMPOTENT_KINDS) {
    if (summary.duplicates[kind] > 0) found.push(`crash: ${kind} records stored twice`);
  }
  return found;
}

function soakFailures(summary: SoakSummary): string[] {
  const found: string[] = [];
  if (!summary.rss.flat) found.push('soak: broker RSS grew');
  const stalled = [...summary.progress.http, ...summary.progress.kafkajs].some((moved) => !moved);
  if (stalled) found.push('soak: a group stopped committing for a third of the run');
  if (summary.logStartOffsets.some((offset) => offset === 0)) found.push('soak: retention deleted nothing');
  return found;
}

function corruptionFailures(summary: CorruptionSummary): string[] {
  const found: string[] = [];
  if (summary.failed > 0) {
    const failed = summary.cases.filter((result) => !result.passed).map((result) => result.id);
    found.push(`corruption: ${summary.failed} cases failed (${failed.join(', ')})`);
  }
  if (summary.reads.skipped + summary.reads.wrong > 0) found.push('corruption: an offset was skipped or served wrong');
  return found;
}

function diskFailures(summary: DiskFullSummary): string[] {
  if (summary.skipped !== undefined) return [];
  const found: string[] = [];
  if (summary.cyclesRun !== summary.cycles) found.push(`disk: stopped after ${summary.cyclesRun} cycles`);
  if (summary.unclean > 0) found.push('disk: a refusal on the full disk was not clean');
  if (summary.losses + summary.gaps + summary.corrupt > 0) found.push('disk: acknowledged records lost or damaged');
  if (summary.commitsBehind > 0) found.push('disk: a committed offset went behind an acknowledged commit');
  if (summary.problems.length > 0) found.push('disk: problems found (listed above)');
  return found;
}

function runFuzz(): FuzzResult {
  const report = join(tmpdir(), `mini-kafka-fuzz-${process.pid}.json`);
  const started = Date.now();
  const run = spawnSync(
    'npx',
    ['vitest', 'run', 'src/fuzz', '--reporter=default', '--reporter=json', `--outputFile=${report}`],
    {
      cwd: e2eDir,
      stdio: 'inherit',
      env: { ...process.env, MINI_KAFKA_FUZZ_RUNS: String(fuzzRuns), MINI_KAFKA_TEST_SEED: String(seed) },
    },
  );
  let passed = 0;
  let failed = 1;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    passed = json.numPassedTests;
    failed = json.numFailedTests;
  } catch {
    // no report: vitest did not finish; counted as a failure
  }
  rmSync(report, { force: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  return { runsPerSuite: fuzzRuns, suitesPassed: passed, suitesFailed: failed, exitCode: run.status ?? 1, seconds };
}

let crash: CrashSummary | undefined;
let soak: SoakSummary | undefined;
let fuzz: FuzzResult | undefined;
let corruption: CorruptionSummary | undefined;
let disk: DiskFullSummary | undefined;
if (wanted('crash')) {
  crash = await runCrashCycles({ cycles, seed, log });
  console.log(formatCrashSummary(crash));
  for (const problem of crash.problems) console.log(`  problem: ${problem}`);
  failures.push(...crashFailures(crash));
}
if (wanted('soak')) {
  console.log(SAMPLE_HEADER);
  soak = await runSoak({ seconds: soakSeconds, seed, log });
  console.log(formatSoakSummary(soak));
  failures.push(...soakFailures(soak));
}
if (wanted('fuzz')) {
  fuzz = runFuzz();
  console.log(`fuzz: ${fuzz.suitesPassed} suites passed, ${fuzz.suitesFailed} failed, ${fuzzRuns} cases each`);
  if (fuzz.exitCode !== 0 || fuzz.suitesFailed > 0) failures.push('fuzz: a suite failed');
}
if (wanted('corruption')) {
  // Every case, also with --quick: the matrix takes minutes, and its short set is pnpm test's.
  corruption = await runCorruptionMatrix({ seed, log });
  console.log(formatCorruptionSummary(corruption));
  failures.push(...corruptionFailures(corruption));
}
if (wanted('disk')) {
  disk = await runDiskFull({ cycles: diskCycles, seed, diskBytes: 8 * 1024 * 1024, log });
  console.log(formatDiskFullSummary(disk));
  for (const problem of disk.problems) console.log(`  problem: ${problem}`);
  failures.push(...diskFailures(disk));
}

const resultsFile = join(tmpdir(), 'mini-kafka-fault-suite.json');
writeFileSync(resultsFile, `${JSON.stringify({ seed, crash, soak, fuzz, corruption, disk, failures }, null, 2)}\n`);
console.log(`figures written to ${resultsFile}`);
if (failures.length > 0) {
  console.log(`FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('fault suite passed');
if (args.includes('--write-readme')) {
  if (crash === undefined || soak === undefined || fuzz === undefined || corruption === undefined) {
    console.log('the README figures need all four parts: not rewritten');
  } else {
    const readme = readFileSync(README_PATH, 'utf8');
    const figures = renderReliability({ seed, crash, soak, fuzz, corruption, disk }, command());
    writeFileSync(README_PATH, writeSection(readme, 'reliability', figures));
    spawnSync('npx', ['biome', 'format', '--write', README_PATH], { cwd: e2eDir, stdio: 'ignore' });
    console.log('README.md: Reliability figures rewritten');
  }
}
