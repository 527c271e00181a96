/**
 * The verdicts of one corruption case: its observation (corruption-run.ts) held against its
 * expectation, one check at a time (the CHECKS of corruption-case.ts):
 * - served: victim-0 read four ways (consumer walks and a read at every offset, over /v1
 *   and Kafka): each acknowledged offset is exact, or fails with CORRUPT_MESSAGE where the
 *   case says it is unreadable; never skipped, never different; the high watermark where
 *   the rules put it; an offline or unknown partition refuses reads with its error;
 * - others: victim-1 and bystander-0 serve every record, exact (victim-1 unless the case hides it on purpose);
 * - logged: the expected start-up lines (level, fields, text), or no warn or error line;
 * - verify: `mini-kafka verify --json`'s exit code, and the problem it must list;
 * - described: victim-0's damage summary (ranges, data loss), offline, or neither;
 * - keptAside: the damaged bytes copied to damaged/, byte for byte, or nothing copied;
 * - produce: the next record's offset, and the record read back; or a refusal;
 * - commits: every group's committed offsets as committed, except the ones the damage took,
 *   and none past victim-0's log end (a group there would skip new records);
 * - timeLookup: a seek by time (GET .../offsets?timestamp=) at each batch's first timestamp
 *   answers the first offset at that time; where that offset is unreadable, the start of its
 *   damaged range or an error, never an offset past the records it held (a consumer seeking
 *   there would skip them without an error); past a torn write's cut, the new log end.
 * A failing check a case lists under a known defect is 'known'; a listed one that passes
 * is 'stale' (the defect is gone: remove the entry).
 */
import { isDeepStrictEqual } from 'node:util';
import type { DataDirVerification } from '@mini-kafka/storage';
import type { CheckName, CorruptionCase, ExpectedLine, Range } from './corruption-case.js';
import { committedBy, DAMAGED_PARTITION, VICTIM } from './corruption-fixture.js';
import { ERROR, WARN } from './corruption-observe.js';
import type { Outcome, PartitionRead } from './corruption-reads.js';
import type { CaseRun } from './corruption-run.js';

export type CheckStatus = 'pass' | 'fail' | 'known' | 'stale' | 'n/a';

export interface CheckResult {
  check: CheckName;
  status: CheckStatus;
  /** What was found, in a few words (what went wrong, for a failure). */
  detail: string;
  /** The known defect the case lists for this check, if any. */
  defect?: string;
}

type Verdict = { ok: boolean; detail: string } | 'n/a';

const inRanges = (offset: number, ranges: readonly Range[]): boolean =>
  ranges.some(([from, to]) => offset >= from && offset <= to);

/** Offsets listed as compact ranges: "40-79, 85". */
function spans(offsets: number[]): string {
  const parts: string[] = [];
  let start = offsets[0];
  for (let i = 0; i < offsets.length; i++) {
    const offset = offsets[i]!;
    if (offsets[i + 1] === offset + 1) continue;
    parts.push(start === offset ? `${offset}` : `${start}-${offset}`);
    start = offsets[i + 1];
  }
  return parts.join(', ');
}

/** Where a read's outcomes differ from `want(offset)`, grouped by outcome; empty when none do. */
function differences(read: PartitionRead, end: number, want: (offset: number) => Outcome): string[] {
  const wrong = new Map<string, number[]>();
  for (let offset = read.logStartOffset; offset < Math.max(end, read.highWatermark); offset++) {
    const seen = read.outcomes.get(offset) ?? (offset < read.highWatermark ? 'skipped' : 'not served');
    const expected = offset < end ? want(offset) : 'not served';
    if (seen === expected || (offset >= end && seen === 'new')) continue;
    const key = `${seen} (expected ${expected})`;
    wrong.set(key, [...(wrong.get(key) ?? []), offset]);
  }
  return [...wrong].map(([key, offsets]) => `offsets ${spans(offsets)}: ${key}`);
}

function served({ expected: e, observed, fixture }: CaseRun): Verdict {
  const victim = observed.partitions.get(DAMAGED_PARTITION)!;
  if (e.offline || e.topicUnknown) {
    const want = e.offline
      ? { http: '500 KAFKA_STORAGE_ERROR', kafka: 56 }
      : { http: '404 UNKNOWN_TOPIC_OR_PARTITION', kafka: 3 };
    const ok = isDeepStrictEqual(victim.refused, want);
    return { ok, detail: `reads refused: ${JSON.stringify(victim.refused ?? 'no, the partition serves')}` };
  }
  if (victim.status === undefined || victim.refused !== undefined) {
    return { ok: false, detail: `victim-0 is not served: ${JSON.stringify(victim.refused)}` };
  }
  const acknowledged = fixture.records.get(DAMAGED_PARTITION)!.length;
  const end = e.givenBackFrom ?? acknowledged;
  const problems: string[] = [];
  if (victim.status.highWatermark !== end)
    problems.push(`high watermark ${victim.status.highWatermark}, expected ${end}`);
  for (const { name, read } of victim.reads) {
    for (const found of differences(read, end, (offset) => (inRanges(offset, e.unreadable) ? 'error' : 'exact'))) {
      problems.push(`${name}: ${found}`);
    }
  }
  const errors = e.unreadable.reduce((sum, [from, to]) => sum + to - from + 1, 0);
  const gone = acknowledged - end;
  const summary = `${end - errors} exact, ${errors} CORRUPT_MESSAGE${gone > 0 ? `, ${gone} given back` : ''}`;
  return problems.length === 0 ? { ok: true, detail: summary } : { ok: false, detail: problems.join('; ') };
}

function others({ expected: e, observed, fixture }: CaseRun): Verdict {
  const problems: string[] = [];
  for (const [name, partition] of observed.partitions) {
    if (name === DAMAGED_PARTITION || (name.startsWith(`${VICTIM}/`) && e.topicUnknown)) continue;
    // Hidden on purpose (topic.json names fewer partitions): the logged and verify checks hold the broker to saying so.
    if (name === `${VICTIM}/1` && e.victim1Served === false) continue;
    const acknowledged = fixture.records.get(name)!.length;
    if (partition.status === undefined || partition.refused !== undefined) {
      problems.push(`${name} is not served (${partition.refused?.http ?? 'unknown'}): ${acknowledged} records hidden`);
      continue;
    }
    for (const { name: how, read } of partition.reads) {
      for (const found of differences(read, acknowledged, () => 'exact')) problems.push(`${name} ${how}: ${found}`);
    }
  }
  return problems.length === 0 ? { ok: true, detail: 'whole' } : { ok: false, detail: problems.join('; ') };
}

function matches(line: Record<string, unknown>, expected: ExpectedLine): boolean {
  if (line.level !== (expected.level === 'error' ? ERROR : WARN)) return false;
  if (expected.text !== undefined && !expected.text.test(String(line.msg ?? ''))) return false;
  return Object.entries(expected.fields ?? {}).every(([key, value]) => isDeepStrictEqual(line[key], value));
}

function logged({ expected: e, observed }: CaseRun): Verdict {
  const lines = observed.findings;
  const level = (line: Record<string, unknown>): string => (line.level === ERROR ? 'error' : 'warn');
  const seen = lines.map((line) => `${level(line)}: ${String(line.msg).slice(0, 100)}`).join(' | ') || 'nothing';
  if (e.logged.length === 0)
    return { ok: lines.length === 0, detail: lines.length === 0 ? 'nothing, as nothing was lost' : seen };
  const missing = e.logged.filter((expected) => !lines.some((line) => matches(line, expected)));
  if (missing.length === 0) return { ok: true, detail: e.logged.map((line) => line.level).join(' + ') };
  const wanted = missing.map((m) => `${m.level} ${JSON.stringify(m.fields ?? {})} ${m.text ?? ''}`.trim());
  return { ok: false, detail: `missing ${wanted.join('; ')}; logged ${seen}` };
}

function verify({ expected: e, observed }: CaseRun): Verdict {
  const { exitCode, report, stderr } = observed.verify;
  if (report === undefined) return { ok: false, detail: `no JSON report (exit ${exitCode}): ${stderr.slice(0, 200)}` };
  const victim = report.topics.find((topic) => topic.name === VICTIM)?.partitions[0];
  const listed = (victim?.problems ?? []).filter((problem) => problem.severity !== 'info');
  const said = `exit ${exitCode}; ${listed.map((p) => `${p.severity} at ${p.fromOffset ?? '-'}`).join(', ') || 'no problem'}`;
  if (e.verify === 'clean') return { ok: exitCode === 0 && !listed.some((p) => p.severity === 'damage'), detail: said };
  const { finds } = e.verify;
  let found: boolean;
  if ('partition' in finds) {
    found = listed.some(
      (p) =>
        p.severity === finds.severity &&
        (finds.fromOffset === undefined || p.fromOffset === finds.fromOffset) &&
        (finds.toOffset === undefined || p.toOffset === finds.toOffset),
    );
  } else if ('offsetsStore' in finds) {
    found = !report.skipped.some((skipped) => skipped.name === '~coordinator');
  } else {
    const damaged = (topic: DataDirVerification['topics'][number]): boolean =>
      topic.partitions.some((p) => p.damaged) || topic.problems.some((p) => p.severity === 'damage');
    found = !report.topics.some((topic) => topic.name === finds.topic && !damaged(topic));
  }
  const skipped = report.skipped.map((s) => `${s.name} skipped (${s.reason.slice(0, 60)})`).join(', ');
  return { ok: exitCode === e.verify.exitCode && found, detail: skipped === '' ? said : `${said}; ${skipped}` };
}

function described({ expected: e, observed }: CaseRun): Verdict {
  if (e.topicUnknown) return 'n/a';
  const status = observed.partitions.get(DAMAGED_PARTITION)!.status;
  const shown = JSON.stringify(status?.damage ?? status?.offline ?? 'no damage');
  if (e.described === 'offline')
    return { ok: status?.offline !== undefined, detail: `offline: ${shown.slice(0, 120)}` };
  if (e.described === 'clean')
    return { ok: status?.damage === undefined && status?.offline === undefined, detail: shown };
  const want = { ranges: e.described.ranges.map(([from, to]) => ({ from, to })), dataLoss: e.described.dataLoss };
  const got =
    status?.damage === undefined ? undefined : { ranges: status.damage.ranges, dataLoss: status.damage.dataLoss };
  return { ok: isDeepStrictEqual(got, want), detail: shown };
}

function kept({ expected: e, observed }: CaseRun): Verdict {
  const { partition, coordinator } = observed.kept;
  const listing = `${partition.length} in ${VICTIM}-0/damaged, ${coordinator.length} in ~coordinator/damaged`;
  if (e.keptAside === 'none') return { ok: partition.length === 0 && coordinator.length === 0, detail: listing };
  if (e.keptAside === 'coordinator') return { ok: partition.length === 0 && coordinator.length > 0, detail: listing };
  const copy = observed.keptBytes.get(e.keptAside.name);
  if (copy === undefined) return { ok: false, detail: `no ${e.keptAside.name}; ${listing}` };
  const same = copy.equals(e.keptAside.bytes);
  return {
    ok: same && partition.length === 1,
    detail: `${e.keptAside.name}, ${copy.length} bytes${same ? ', identical' : ', DIFFERENT'}`,
  };
}

function produce({ expected: e, observed }: CaseRun): Verdict {
  const { status, offsets, readBack, detail } = observed.produced;
  if (e.nextOffset === 'refused') {
    return {
      ok: status >= 400,
      detail: status >= 400 ? `refused: ${status} ${detail}` : `stored at ${offsets[0]}; ${detail}`,
    };
  }
  const want = Array.from({ length: 5 }, (_, i) => (e.nextOffset as number) + i);
  const ok = status === 200 && isDeepStrictEqual(offsets, want) && readBack;
  return {
    ok,
    detail: status === 200 ? `next at ${offsets[0]}${readBack ? '' : ', NOT read back'}` : `${status} ${detail}`,
  };
}

function commits({ expected: e, observed, fixture }: CaseRun): Verdict {
  const want = committedBy(fixture.commits);
  for (const [key, offset] of Object.entries(e.commitsLost ?? {})) {
    if (offset === null) want.delete(key);
    else want.set(key, offset);
  }
  const problems: string[] = [];
  for (const key of new Set([...want.keys(), ...observed.commits.keys()])) {
    if (want.get(key) !== observed.commits.get(key)) {
      problems.push(`${key} at ${observed.commits.get(key) ?? 'none'}, expected ${want.get(key) ?? 'none'}`);
    }
  }
  const end = observed.partitions.get(DAMAGED_PARTITION)!.status?.highWatermark;
  if (end !== undefined && end >= 0) {
    for (const [key, offset] of observed.commits) {
      if (key.endsWith(` ${DAMAGED_PARTITION}`) && offset > end) {
        problems.push(
          `${key} at ${offset} is past the log end ${end}: the group will skip offsets ${end}-${offset - 1} of new records`,
        );
      }
    }
  }
  const lost = Object.keys(e.commitsLost ?? {}).length;
  return problems.length === 0
    ? {
        ok: true,
        detail: `${observed.commits.size} as expected${lost > 0 ? ` (${lost} taken back by the damage)` : ''}`,
      }
    : { ok: false, detail: problems.join('; ') };
}

function timeLookup({ expected: e, observed }: CaseRun): Verdict {
  if (e.offline || e.topicUnknown) return 'n/a';
  const wrong: string[] = [];
  for (const { expected: first, answered } of observed.timeLookups) {
    const lost = e.unreadable.find(([from, to]) => first >= from && first <= to);
    let ok: boolean;
    if (e.givenBackFrom !== undefined && first >= e.givenBackFrom) ok = answered === e.givenBackFrom;
    // Into a damaged range: its start (or an earlier offset of it), or an error; never past the records it held.
    else if (lost !== undefined)
      ok =
        answered === '500 CORRUPT_MESSAGE' ||
        (typeof answered === 'number' && answered >= lost[0] && answered <= first);
    else ok = answered === first;
    if (!ok) wrong.push(`${first} answered ${answered}`);
  }
  const asked = observed.timeLookups.length;
  if (wrong.length === 0) return { ok: true, detail: `${asked} seeks right` };
  return {
    ok: false,
    detail: `${wrong.length} of ${asked} seeks by time wrong (first offset at the timestamp, answered): ${wrong.join(', ')}`,
  };
}

const JUDGES: Record<CheckName, (run: CaseRun) => Verdict> = {
  served,
  others,
  logged,
  verify,
  described,
  keptAside: kept,
  produce,
  commits,
  timeLookup,
};

/** Every check of `testCase`'s run, with its known defects applied. */
export function judgeCase(testCase: CorruptionCase, run: CaseRun): CheckResult[] {
  const known = new Map<CheckName, string>();
  for (const [defect, checks] of Object.entries(testCase.knownDefects ?? {})) {
    for (const check of checks ?? []) known.set(check, defect);
  }
  return (Object.keys(JUDGES) as CheckName[]).map((check) => {
    const verdict = JUDGES[check](run);
    const defect = known.get(check);
    if (verdict === 'n/a') return { check, status: defect === undefined ? 'n/a' : 'stale', detail: 'not applicable' };
    if (defect === undefined) return { check, status: verdict.ok ? 'pass' : 'fail', detail: verdict.detail };
    return verdict.ok
      ? { check, status: 'stale', detail: `known defect ${defect} no longer shows: ${verdict.detail}`, defect }
      : { check, status: 'known', detail: `${defect}: ${verdict.detail}`, defect };
  });
}
