/**
 * The corruption matrix (issue 9): bytes flipped and files cut or replaced in tail and closed
 * segments, in index files, in the offsets store and in topic metadata, after a clean stop
 * and after a kill, each case against its own real broker processes (corruption-run.ts) and
 * judged on what is served, what is logged, what verify and the topic description say, what
 * is kept aside, what the next produce and the committed offsets are (corruption-checks.ts).
 *
 * `runCorruptionMatrix({ seed, quick })` runs every case (or the short set of `pnpm test`),
 * two at a time by default (each has its own data directory and brokers), logs a line per
 * case as it ends, and sums the run up for the fault suite and the README. The seed picks the batches, bytes and bits each case damages and the records'
 * bytes; the same seed damages the same places.
 */
import { Brokers } from '../support/brokers.js';
import { CHECKS, type CheckName, type CorruptionCase } from './corruption-case.js';
import { INDEX_CASES } from './corruption-cases-indexes.js';
import { METADATA_CASES } from './corruption-cases-metadata.js';
import { SEGMENT_CASES } from './corruption-cases-segments.js';
import { type CheckResult, judgeCase } from './corruption-checks.js';
import { DEFECTS } from './corruption-defects.js';
import { DAMAGED_PARTITION, FixtureTemplates } from './corruption-fixture.js';
import { type CaseRun, FIXTURE_BATCHES, runCase } from './corruption-run.js';

export const CORRUPTION_CASES: readonly CorruptionCase[] = [...SEGMENT_CASES, ...INDEX_CASES, ...METADATA_CASES];

export interface CaseResult {
  id: string;
  title: string;
  stop: 'clean' | 'unclean';
  /** What the damage did. */
  damage: string;
  checks: CheckResult[];
  /** Passed: every check passed, was not applicable, or failed as a listed known defect. */
  passed: boolean;
  /**
   * victim-0's offsets read (over all four reads), and how they came out: exact, CORRUPT_MESSAGE
   * where the case put damage (`errors`) or on an intact record (`refused`), skipped, different.
   */
  reads: {
    offsets: number;
    exact: number;
    errors: number;
    refused: number;
    skipped: number;
    wrong: number;
    other: number;
  };
  seconds: number;
  /** Why the case could not run at all. */
  crashed?: string;
}

export interface CorruptionSummary {
  seed: number;
  quick: boolean;
  cases: CaseResult[];
  passed: number;
  failed: number;
  clean: number;
  unclean: number;
  reads: CaseResult['reads'];
  /** Cases whose expected start-up lines were logged, of those that expect any. */
  logged: { found: number; expected: number };
  /** Cases where verify said what it must, of all cases. */
  verify: { found: number; expected: number };
  /** Known defects shown, by id: the cases that show them. */
  defects: Record<string, string[]>;
  seconds: number;
}

export interface CorruptionOptions {
  seed: number;
  /** Only the cases marked `quick`. */
  quick?: boolean;
  /** Only these case ids (after `quick`). */
  only?: readonly string[];
  /** Cases run at the same time. Default 2. */
  concurrency?: number;
  log?: (line: string) => void;
}

const noReads = (): CaseResult['reads'] => ({
  offsets: 0,
  exact: 0,
  errors: 0,
  refused: 0,
  skipped: 0,
  wrong: 0,
  other: 0,
});

function readFigures(run: CaseRun): CaseResult['reads'] {
  const figures = noReads();
  const damaged = (offset: number): boolean =>
    run.expected.unreadable.some(([from, to]) => offset >= from && offset <= to);
  for (const { read } of run.observed.partitions.get(DAMAGED_PARTITION)!.reads) {
    for (const [offset, outcome] of read.outcomes) {
      figures.offsets++;
      if (outcome === 'exact' || outcome === 'new') figures.exact++;
      else if (outcome === 'error' && damaged(offset)) figures.errors++;
      else if (outcome === 'error') figures.refused++;
      else if (outcome === 'skipped') figures.skipped++;
      else if (outcome === 'wrong') figures.wrong++;
      else figures.other++;
    }
  }
  return figures;
}

async function runOne(testCase: CorruptionCase, templates: FixtureTemplates, seed: number): Promise<CaseResult> {
  const brokers = new Brokers();
  const base = { id: testCase.id, title: testCase.title, stop: testCase.stop };
  const started = Date.now();
  try {
    const run = await runCase(brokers, templates, testCase, seed);
    const checks = judgeCase(testCase, run);
    const passed = checks.every((check) => check.status !== 'fail' && check.status !== 'stale');
    return {
      ...base,
      damage: `${run.done.file} byte ${run.done.position}: ${run.done.what}`,
      checks,
      passed,
      reads: readFigures(run),
      seconds: run.seconds,
    };
  } catch (error) {
    const crashed = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      ...base,
      damage: '',
      checks: [],
      passed: false,
      reads: noReads(),
      seconds: (Date.now() - started) / 1000,
      crashed,
    };
  } finally {
    await brokers.cleanup();
  }
}

export async function runCorruptionMatrix(options: CorruptionOptions): Promise<CorruptionSummary> {
  const { seed, quick = false, only, concurrency = 2, log = () => undefined } = options;
  const started = Date.now();
  const cases = CORRUPTION_CASES.filter((c) => (!quick || c.quick) && (only === undefined || only.includes(c.id)));
  const unknown = (only ?? []).filter((id) => !CORRUPTION_CASES.some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`no corruption case named ${unknown.join(', ')}`);
  const results: CaseResult[] = [];
  const templateBrokers = new Brokers();
  const templates = new FixtureTemplates(templateBrokers, seed, FIXTURE_BATCHES);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const index = next++;
      const result = await runOne(cases[index]!, templates, seed);
      results[index] = result;
      log(formatCaseLine(result));
      for (const check of result.checks.filter((c) => c.status === 'fail' || c.status === 'stale')) {
        log(`    ${check.status.toUpperCase()} ${check.check}: ${check.detail}`);
      }
      if (result.crashed !== undefined) log(`    CRASHED: ${result.crashed}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, cases.length)) }, worker));
  } finally {
    await templateBrokers.cleanup();
  }
  return summarize(seed, quick, results, (Date.now() - started) / 1000);
}

function summarize(seed: number, quick: boolean, cases: CaseResult[], seconds: number): CorruptionSummary {
  const reads = noReads();
  const defects: Record<string, string[]> = {};
  const logged = { found: 0, expected: 0 };
  const verify = { found: 0, expected: 0 };
  for (const result of cases) {
    for (const key of Object.keys(reads) as (keyof typeof reads)[]) reads[key] += result.reads[key];
    for (const check of result.checks) {
      if (check.status === 'known' && check.defect !== undefined) {
        const cases = defects[check.defect] ?? [];
        if (!cases.includes(result.id)) cases.push(result.id);
        defects[check.defect] = cases;
      }
      const counts = check.check === 'logged' ? logged : check.check === 'verify' ? verify : undefined;
      if (counts === undefined || check.status === 'n/a') continue;
      if (check.check === 'logged' && check.detail.startsWith('nothing, as nothing was lost')) continue;
      counts.expected++;
      if (check.status === 'pass') counts.found++;
    }
  }
  return {
    seed,
    quick,
    cases,
    passed: cases.filter((c) => c.passed).length,
    failed: cases.filter((c) => !c.passed).length,
    clean: cases.filter((c) => c.stop === 'clean').length,
    unclean: cases.filter((c) => c.stop === 'unclean').length,
    reads,
    logged,
    verify,
    defects,
    seconds,
  };
}

const MARK: Record<CheckResult['status'], string> = { pass: '+', fail: 'X', known: 'k', stale: 'S', 'n/a': '.' };

/** One line per case: verdict, id, a mark per check (+ pass, k known defect, X fail, S stale, . n/a), reads, time. */
export function formatCaseLine(result: CaseResult): string {
  const marks = CHECKS.map(
    (name: CheckName) => MARK[result.checks.find((c) => c.check === name)?.status ?? 'fail'],
  ).join('');
  const { offsets, exact, errors, refused, skipped, wrong } = result.reads;
  const verdict = result.passed ? 'PASS' : 'FAIL';
  const intact = refused > 0 ? ` (+${refused} on intact records)` : '';
  return (
    `${verdict} ${result.id.padEnd(32)} [${marks}] ${String(offsets).padStart(5)} reads: ${exact} exact, ` +
    `${errors} CORRUPT_MESSAGE${intact}, ${skipped} skipped, ${wrong} wrong  (${result.seconds.toFixed(1)} s)`
  );
}

/** The run in a few lines: totals, the checks' legend, and the known defects with the cases that show them. */
export function formatCorruptionSummary(summary: CorruptionSummary): string {
  const { reads } = summary;
  const n = (value: number): string => value.toLocaleString('en-US');
  const lines = [
    `corruption matrix (seed ${summary.seed}${summary.quick ? ', quick' : ''}): ${summary.cases.length} cases ` +
      `(${summary.clean} after a clean stop, ${summary.unclean} after a kill), ${summary.passed} passed, ` +
      `${summary.failed} failed, in ${Math.round(summary.seconds)} s`,
    `  victim-0 read ${n(reads.offsets)} times (walks and single-offset reads, /v1 and Kafka): ${n(reads.exact)} exact, ` +
      `${n(reads.errors)} CORRUPT_MESSAGE at damaged offsets, ${n(reads.refused)} CORRUPT_MESSAGE on intact records ` +
      `(known defects), ${reads.skipped} skipped, ${reads.wrong} wrong, ${reads.other} other`,
    `  logged at start as expected in ${summary.logged.found} of ${summary.logged.expected} cases that lose or hide something; ` +
      `verify right in ${summary.verify.found} of ${summary.verify.expected}`,
    `  checks: [${CHECKS.join(' ')}]; + pass, k known defect, X fail, S known defect gone, . not applicable`,
  ];
  for (const [id, cases] of Object.entries(summary.defects)) {
    const count = `${cases.length} case${cases.length === 1 ? '' : 's'}`;
    lines.push(`  known defect ${id} (${count}: ${cases.join(', ')}): ${DEFECTS[id] ?? '?'}`);
  }
  return lines.join('\n');
}
