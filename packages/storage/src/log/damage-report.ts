/**
 * What opening a partition found wrong with its segments, one `SegmentDamage` per place
 * where the valid batches stop before the data does (log-loader.ts decides, this module
 * only describes), and the summary a topic description shows (`summarizeDamage`).
 *
 * The rules, in short (the loader's header has them in full):
 * - tail segment: the file is cut where its valid batches end, the cut bytes are copied
 *   to `damaged/` first; when the cut bytes name later offsets (an intact batch after the
 *   bad one, a credible header, a producer snapshot past the cut), the next record gets
 *   the offset after them, never a lost one, and the lost range reads as missing;
 * - closed segment: nothing is cut (its bytes stay where they are, and a copy goes to
 *   `damaged/`); the offsets from the first bad batch to the next segment read as missing;
 * - a torn write (an unclean stop while a final batch was being written: the file ends
 *   inside it, nothing after) is cut and its offsets reused, as Kafka does: it was never
 *   acknowledged or read;
 * - records lost that were durable, under flush `always`, may have been acknowledged:
 *   `dataLoss`.
 */
import type { BatchProblem } from '../record-batch/batch-check.js';

/** Why the valid batches stop: `checkBatch`'s problems, or offsets that do not follow on. */
export type DamageReason = BatchProblem | 'offset-gap';

/** A scan's problem as a damage reason (a scan whose visitor never stops it never says 'stopped'). */
export function damageReason(problem: BatchProblem | 'offset-gap' | 'stopped' | undefined): DamageReason {
  return problem === undefined || problem === 'stopped' ? 'truncated' : problem;
}

export interface SegmentDamage {
  topic: string | undefined;
  partition: number | undefined;
  /** The segment file's name, e.g. `00000000000000001000.log`. */
  segment: string;
  segmentBaseOffset: number;
  /**
   * Whether the segment is left whole with its damaged range unreadable: a closed (non-tail)
   * one, or any segment where the background scrub found the damage (log-scrub.ts).
   */
  closedSegment: boolean;
  /** The first offset lost or unreadable. */
  fromOffset: number;
  /** The last offset lost or unreadable, when anything names it; `undefined` when unknown. */
  lastOffset: number | undefined;
  /** Offsets known to be lost (lastOffset - fromOffset + 1; 0 when unknown). */
  droppedRecords: number;
  /** Where in the segment file the bad bytes start. */
  fromByte: number;
  /** Bytes from `fromByte` to the end of the file: cut from a tail, unreadable in a closed segment. */
  droppedBytes: number;
  reason: DamageReason;
  /** An interrupted final write, never acknowledged: cut, and its offsets reused. */
  tornWrite: boolean;
  /** The copy of the bytes in `damaged/`, or `undefined` when there were none or the copy failed. */
  keptAs: string | undefined;
  /** Records the flush policy (`always`) may have acknowledged as durable were lost. */
  dataLoss: boolean;
}

/** The damage a partition description shows: unreadable ranges and what was lost. */
export interface DamageSummary {
  /** Offsets lost or unreadable, over every range. */
  droppedRecords: number;
  /** Bytes cut or unreadable. */
  droppedBytes: number;
  /** The first lost offset. */
  at: number;
  /** The ranges reads fail in (CORRUPT_MESSAGE), `to` inclusive. */
  ranges: { from: number; to: number }[];
  dataLoss: boolean;
}

/** The summary of `findings`, or `undefined` when no record was lost (a torn write loses none). */
export function summarizeDamage(findings: readonly SegmentDamage[]): DamageSummary | undefined {
  const lost = findings.filter((finding) => !finding.tornWrite);
  if (lost.length === 0) return undefined;
  return {
    droppedRecords: lost.reduce((sum, finding) => sum + finding.droppedRecords, 0),
    droppedBytes: lost.reduce((sum, finding) => sum + finding.droppedBytes, 0),
    at: Math.min(...lost.map((finding) => finding.fromOffset)),
    ranges: lost
      .filter((finding) => finding.lastOffset !== undefined)
      .map((finding) => ({ from: finding.fromOffset, to: finding.lastOffset! })),
    dataLoss: lost.some((finding) => finding.dataLoss),
  };
}

const REASONS: Record<DamageReason, string> = {
  truncated: 'the file ends inside a batch',
  'invalid-size': 'a batch length is impossible (the framing is lost)',
  'unsupported-magic': 'a batch is not RecordBatch v2',
  'crc-mismatch': 'a batch fails its CRC check',
  'invalid-offset-delta': 'a batch header is inconsistent',
  'offset-gap': 'the offsets do not follow on',
};

/** Why the valid batches stop, in words. */
export function describeReason(reason: DamageReason): string {
  return REASONS[reason];
}

/** One sentence for logs and reports: what was found, where, and what was done. */
export function describeDamage(finding: SegmentDamage): string {
  const where = finding.topic === undefined ? 'log' : `${finding.topic}-${finding.partition ?? 0}`;
  const { fromOffset, lastOffset } = finding;
  const range = lastOffset === undefined ? `offsets from ${fromOffset}` : `offsets ${fromOffset} to ${lastOffset}`;
  const at = `${finding.segment} at byte ${finding.fromByte}`;
  const why = REASONS[finding.reason];
  const kept = finding.keptAs === undefined ? '' : `, kept in ${finding.keptAs}`;
  const loss = finding.dataLoss ? '; DATA LOSS: records acknowledged under flush "always" are gone' : '';
  if (finding.tornWrite) {
    const copy = finding.keptAs === undefined ? ', not kept: no space for a copy' : kept;
    return `${where}: cut an interrupted write of ${finding.droppedBytes} bytes (${range}, never acknowledged) from ${at} (${why})${copy}`;
  }
  if (finding.droppedBytes === 0) {
    return `${where}: ${range} are missing after ${finding.segment} (left by an earlier recovery, or files removed): reads there fail${loss}`;
  }
  let done: string;
  if (finding.closedSegment) done = `${range} cannot be read (the segment is left as it is${kept})`;
  else if (lastOffset === undefined) {
    done = `the bytes were cut from the tail segment${kept}; nothing names the offsets they held, so new records continue at ${fromOffset}`;
  } else done = `${range} were cut from the tail segment${kept}; new records continue at ${lastOffset + 1}`;
  return `${where}: ${finding.droppedBytes} bytes of ${at} are damaged (${why}): ${done}${loss}`;
}
