/**
 * Checks one partition directory offline: each segment (verify-segment.ts), offsets that
 * follow on from one segment to the next (above the log start offset DeleteRecords left),
 * the producer state snapshots, stray files, and the bytes earlier recoveries kept aside.
 * Damage is judged by the loader's own rules (damage-recovery.ts), so the report says what
 * the next open will do: cut a tail (and continue past the offsets it names), leave a closed
 * segment whole with a range that reads as missing, or cut a torn write and reuse its offsets.
 */
import { join } from 'node:path';
import { isTornWrite } from '../log/damage-recovery.js';
import { describeReason } from '../log/damage-report.js';
import { DAMAGED_DIRECTORY } from '../log/damaged-bytes.js';
import { CLEAN_SHUTDOWN_FILE, parseSegmentFileName } from '../log/file-names.js';
import { MAX_SEGMENT_BYTES } from '../log/log-config.js';
import { readLogStartOffset } from '../log/log-start-offset.js';
import { parseProducerSnapshot, parseSnapshotFileName } from '../log/producer-snapshot.js';
import type { ReadOnlyFileSystem } from './read-only-file-system.js';
import type { PartitionVerification, SegmentSummary, Severity, VerifyProblem } from './verify-report.js';
import { type SegmentCheck, verifySegment } from './verify-segment.js';

const SEVERITY_ORDER: Record<Severity, number> = { damage: 0, warning: 1, info: 2 };

export async function verifyPartition(
  fs: ReadOnlyFileSystem,
  directory: string,
  topic: string,
  partition: number,
): Promise<PartitionVerification> {
  const names = await fs.readdir(directory);
  const cleanShutdown = names.includes(CLEAN_SHUTDOWN_FILE);
  const problems: VerifyProblem[] = [];
  if (!cleanShutdown) {
    problems.push({
      severity: 'info',
      file: CLEAN_SHUTDOWN_FILE,
      message: 'not closed cleanly: the tail segment is recovered when the log opens',
    });
  }
  const logOffsets = names.flatMap((name) => {
    const parsed = parseSegmentFileName(name);
    return parsed?.kind === 'log' ? [parsed.baseOffset] : [];
  });
  logOffsets.sort((a, b) => a - b);
  for (const name of names) {
    const parsed = parseSegmentFileName(name);
    if (
      (parsed !== undefined && parsed.kind !== 'log' && !logOffsets.includes(parsed.baseOffset)) ||
      name.endsWith('.tmp')
    ) {
      problems.push({
        severity: 'warning',
        file: name,
        message: 'a leftover file (no segment of its own, or temporary): removed when the log opens',
      });
    }
  }
  const stored = await readLogStartOffset(fs, directory);
  const snapshots = names.flatMap((name) => {
    const offset = parseSnapshotFileName(name);
    return offset === undefined ? [] : [{ name, offset }];
  });
  const checks: SegmentCheck[] = [];
  for (const base of logOffsets) checks.push(await verifySegment(fs, directory, base, MAX_SEGMENT_BYTES));
  const logStartOffset = Math.max(stored ?? 0, checks[0]?.baseOffset ?? 0);
  const newestSnapshot = snapshots.reduce((max, snapshot) => Math.max(max, snapshot.offset), -1);

  // What the next open makes the log end: the tail's valid end, or past the offsets a damaged tail names.
  let logEndOffset = checks.at(-1)?.nextOffset ?? 0;
  checks.forEach((check, i) => {
    const next = checks[i + 1];
    // After an unclean stop the open rebuilds the tail's indexes whatever they say.
    if (next !== undefined || cleanShutdown) problems.push(...check.problems);
    if (check.damage !== undefined) {
      const problem = segmentDamage(check, next?.baseOffset, { cleanShutdown, newestSnapshot, logStartOffset });
      problems.push(problem);
      if (next === undefined && problem.severity === 'damage' && problem.toOffset !== undefined) {
        logEndOffset = problem.toOffset + 1;
      }
    } else if (next !== undefined) {
      const gap = offsetsBetween(check, next, logStartOffset);
      if (gap !== undefined) problems.push(gap);
    }
  });
  for (const { name, offset } of snapshots) {
    const valid = parseProducerSnapshot(await fs.readFile(join(directory, name))) !== undefined;
    if (!valid)
      problems.push({
        severity: 'warning',
        file: name,
        message: 'a corrupt producer snapshot: removed when the log opens, the state rebuilt from the log',
      });
    else if (offset > logEndOffset)
      problems.push({
        severity: 'warning',
        file: name,
        message: `a producer snapshot past the log end (${logEndOffset})`,
      });
  }
  return {
    topic,
    partition,
    directory,
    cleanShutdown,
    logStartOffset,
    logEndOffset,
    records: checks.reduce((sum, check) => sum + check.records, 0),
    bytes: checks.reduce((sum, check) => sum + check.bytes, 0),
    segments: checks.map(summary),
    snapshots: snapshots.length,
    keptAside: await keptAside(fs, directory),
    problems: problems.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]),
    damaged: problems.some((problem) => problem.severity === 'damage'),
  };
}

function summary(check: SegmentCheck): SegmentSummary {
  const { file, baseOffset, bytes, validBytes, batches, records, indexEntries, timeIndexEntries } = check;
  const empty = batches === 0;
  return {
    file,
    baseOffset,
    bytes,
    validBytes,
    batches,
    records,
    firstOffset: empty ? undefined : baseOffset,
    lastOffset: empty ? undefined : check.nextOffset - 1,
    indexEntries,
    timeIndexEntries,
  };
}

/** Words a segment's damage as the next open will treat it. */
function segmentDamage(
  check: SegmentCheck,
  nextBase: number | undefined,
  state: { cleanShutdown: boolean; newestSnapshot: number; logStartOffset: number },
): VerifyProblem {
  const { at, reason, examined } = check.damage!;
  const bad = `${check.bytes - at} bytes from byte ${at} are damaged (${describeReason(reason)})`;
  const intact =
    examined.intact.batches === 0
      ? ''
      : `; ${examined.intact.batches} intact batches follow (offsets ${examined.intact.fromOffset} to ${examined.intact.toOffset})`;
  const where = { file: check.file, position: at, fromOffset: check.nextOffset };
  if (nextBase !== undefined) {
    const toOffset = nextBase - 1;
    const severity = nextBase <= state.logStartOffset ? 'warning' : 'damage';
    const below = severity === 'warning' ? ', all below the log start offset' : '';
    return {
      severity,
      ...where,
      toOffset,
      message: `${bad}: offsets ${check.nextOffset} to ${toOffset} cannot be read${below}${intact}`,
    };
  }
  const snapshotPastCut = state.newestSnapshot - 1 >= check.nextOffset;
  if (isTornWrite(state.cleanShutdown, examined, snapshotPastCut)) {
    return {
      severity: 'warning',
      ...where,
      message: `${bad}: an interrupted final write, cut when the log opens (its offsets are reused)`,
    };
  }
  const last = Math.max(examined.lastOffset ?? -1, snapshotPastCut ? state.newestSnapshot - 1 : -1);
  const lost =
    last >= check.nextOffset
      ? `offsets ${check.nextOffset} to ${last} are lost; the open cuts them (kept in ${DAMAGED_DIRECTORY}/) and continues at ${last + 1}`
      : `the open cuts them (kept in ${DAMAGED_DIRECTORY}/); nothing names the offsets they held`;
  return {
    severity: 'damage',
    ...where,
    ...(last >= check.nextOffset ? { toOffset: last } : {}),
    message: `${bad}: ${lost}${intact}`,
  };
}

/** Offsets missing (or doubled) between a whole segment and the next one. */
function offsetsBetween(check: SegmentCheck, next: SegmentCheck, logStartOffset: number): VerifyProblem | undefined {
  if (next.baseOffset < check.nextOffset) {
    return {
      severity: 'damage',
      file: next.file,
      fromOffset: next.baseOffset,
      toOffset: check.nextOffset - 1,
      message: `${next.file} starts at offset ${next.baseOffset}, inside ${check.file} (which ends at ${check.nextOffset - 1}): offsets ${next.baseOffset} to ${check.nextOffset - 1} are stored twice`,
    };
  }
  const from = Math.max(check.nextOffset, logStartOffset);
  if (from >= next.baseOffset) return undefined;
  return {
    severity: 'damage',
    file: check.file,
    fromOffset: from,
    toOffset: next.baseOffset - 1,
    message: `offsets ${from} to ${next.baseOffset - 1} are missing between ${check.file} and ${next.file}: reads there fail`,
  };
}

async function keptAside(fs: ReadOnlyFileSystem, directory: string): Promise<{ files: number; bytes: number }> {
  const folder = join(directory, DAMAGED_DIRECTORY);
  if (!(await fs.isDirectory(folder))) return { files: 0, bytes: 0 };
  let bytes = 0;
  const names = await fs.readdir(folder);
  for (const name of names) {
    const file = await fs.openForReading(join(folder, name));
    try {
      bytes += await file.size();
    } finally {
      await file.close();
    }
  }
  return { files: names.length, bytes };
}
