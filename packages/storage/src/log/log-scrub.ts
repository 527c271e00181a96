/**
 * The background scrub of one log (Log.scrub): it walks every segment the open trusted
 * without reading it (closed segments always, the tail after a clean stop), every batch
 * checked as recovery and `verify` check them (segment-batches.ts), and checks the .index
 * and .timeindex entries against the batches it found.
 *
 * What it does about what it finds (damage-recovery.ts has the rules):
 * - bad bytes: the segment is left whole, the tail too (cutting a tail appends are writing to
 *   would race them); the range from the first bad batch to the offset before the next intact
 *   one (or the segment's end) becomes unreadable (CORRUPT_MESSAGE, reads and seeks by time
 *   alike: LogSegment.markDamaged), its bytes are copied to `damaged/` once, and the finding
 *   joins the log's load report, so the topic description shows it;
 * - an index entry that does not point at its batch, or a time index entry that disagrees
 *   with the batches: both indexes of the segment are rebuilt from the batches and written
 *   (temporary file, then rename), in the log's single writer so no append runs meanwhile.
 *
 * It runs beside appends and reads: it only reads below the size a segment had when it got
 * there, 1 MiB a read (batch-scanner.ts), and yields to the event loop, and looks whether to
 * stop, every SCRUB_WINDOW_BYTES and between segments.
 * A segment retention deletes under it is skipped; a closed log ends it. Damage wholly below
 * the log start offset is not looked for (it is never read again).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type DamageContext, scrubbedDamage } from './damage-recovery.js';
import { damageReason, type SegmentDamage } from './damage-report.js';
import { examineDamage } from './damage-scan.js';
import { type KnownDamage, type LogSegment, SegmentClosedError } from './log-segment.js';
import { type BatchSeen, misplacedIndexEntries, wrongTimeIndexEntry } from './segment-batches.js';

/** Bytes walked between two looks at whether the scrub should stop (and a turn of the event loop). */
export const SCRUB_WINDOW_BYTES = 8 * 1024 * 1024;

/** What a scrub needs of its log. */
export interface ScrubTarget {
  context: DamageContext;
  /** The segments now, oldest first. */
  segments(): readonly LogSegment[];
  logStartOffset(): number;
  /** Runs `work` in the log's single writer. */
  inWriter(work: () => Promise<void>): Promise<void>;
  /** Bytes walked between two looks at `closed`. Default SCRUB_WINDOW_BYTES. */
  windowBytes?: number;
  /** Whether the log was closed, or the scrub told to stop (it stops within a window). */
  closed(): boolean;
}

/** What a scrub of one log found and did. */
export interface ScrubReport {
  segments: number;
  bytes: number;
  /** Damage found (each also added to the log's load report). */
  damage: SegmentDamage[];
  /** Base offsets of segments whose indexes were rebuilt, and why. */
  rebuiltIndexes: { baseOffset: number; reason: string }[];
}

/** Scrubs the log's segments (those `only` accepts, when given). */
export async function scrubLog(target: ScrubTarget, only?: (segment: LogSegment) => boolean): Promise<ScrubReport> {
  const report: ScrubReport = { segments: 0, bytes: 0, damage: [], rebuiltIndexes: [] };
  const segments = target.segments();
  for (let i = 0; i < segments.length; i++) {
    if (target.closed()) break;
    const segment = segments[i]!;
    if (only !== undefined && !only(segment)) continue;
    const nextBase = segments[i + 1]?.baseOffset;
    if (nextBase !== undefined && nextBase <= target.logStartOffset()) continue;
    try {
      await scrubSegment(target, segment, nextBase, report);
    } catch (error) {
      // Deleted by retention (or the log closed) under the scrub: nothing left to check.
      if (!(error instanceof SegmentClosedError)) throw error;
    }
    await nextTurn();
  }
  return report;
}

async function scrubSegment(
  target: ScrubTarget,
  segment: LogSegment,
  nextBase: number | undefined,
  report: ScrubReport,
): Promise<void> {
  // Taken together (the writer moves both at once): the tail may grow while it is walked.
  const end = segment.size;
  const endOffset = segment.nextOffset;
  const seen: BatchSeen[] = [];
  const found: { range: KnownDamage; reason: ReturnType<typeof damageReason> }[] = [];
  let from = 0;
  let expected = segment.baseOffset;
  const windowBytes = target.windowBytes ?? SCRUB_WINDOW_BYTES;
  let window = windowBytes;
  while (from < end) {
    if (target.closed()) return;
    const windowEnd = Math.min(end, from + window);
    const walked = await segment.walkChecked({ from, to: windowEnd }, expected, seen);
    report.bytes += walked.scan.end - from;
    if (walked.scan.end >= end) break;
    const { problem } = walked.scan;
    if (windowEnd < end && (problem === undefined || problem === 'truncated')) {
      // The window ended inside a batch (or one larger than the window): go on from there.
      if (walked.scan.end === from) window *= 2;
      else window = windowBytes;
      from = walked.scan.end;
      expected = walked.nextOffset;
      await nextTurn();
      continue;
    }
    const at = walked.scan.end;
    const known = segment.damageAtByte(at);
    const range = known ?? (await damagedRange(target, segment, { at, end, endOffset, nextBase }, walked.nextOffset));
    if (known === undefined) found.push({ range, reason: damageReason(walked.scan.problem) });
    report.bytes += range.toByte - at;
    from = range.toByte;
    expected = range.toOffset + 1;
  }
  report.segments++;
  for (const { range, reason } of found) {
    // Another scrub of the segment (one a read started) may have found it first.
    if (segment.damageAtByte(range.fromByte) !== undefined) continue;
    segment.markDamaged(range);
    const damage = await scrubbedDamage(target.context, segment, range, reason);
    report.damage.push(damage);
  }
  const why = indexDisagreement(segment, seen, end, endOffset);
  if (why !== undefined && !target.closed() && target.segments().includes(segment)) {
    await target.inWriter(() => segment.rebuildIndexes(seen));
    report.rebuiltIndexes.push({ baseOffset: segment.baseOffset, reason: why });
  }
}

/** The damaged range starting at byte `at`, where `fromOffset` was expected: up to the next intact batch. */
async function damagedRange(
  target: ScrubTarget,
  segment: LogSegment,
  { at, end, endOffset, nextBase }: { at: number; end: number; endOffset: number; nextBase: number | undefined },
  fromOffset: number,
): Promise<KnownDamage> {
  const read = (position: number, length: number) => segment.read(position, length);
  const examined = await examineDamage(read, at, end, fromOffset, target.context.maxBatchSize);
  const { fromPosition, fromOffset: resumeOffset } = examined.intact;
  if (fromPosition !== undefined && resumeOffset !== undefined) {
    return { fromByte: at, toByte: fromPosition, fromOffset, toOffset: resumeOffset - 1 };
  }
  // Nothing intact follows: the offsets up to the next segment (or the tail's end) are lost.
  const last = Math.max(nextBase ?? endOffset, endOffset) - 1;
  return { fromByte: at, toByte: end, fromOffset, toOffset: Math.max(last, examined.lastOffset ?? -1) };
}

/** Why the segment's indexes disagree with its batches `seen` (below byte `end`), or `undefined` when they agree. */
function indexDisagreement(
  segment: LogSegment,
  seen: readonly BatchSeen[],
  end: number,
  endOffset: number,
): string | undefined {
  // Entries into a damaged range cannot agree with batches that are gone; reads never use them.
  const entries = segment.indexEntries();
  const offsets = entries.offsets.filter((entry) => segment.damageAtByte(entry.position) === undefined);
  const times = entries.times.filter((entry) => entry.offset < endOffset && !segment.damageHolding(entry.offset));
  const misplaced = misplacedIndexEntries(offsets, seen, end);
  if (misplaced.length > 0) {
    const { offset, position } = offsets[misplaced[0]!]!;
    return `index entry ${misplaced[0]} (offset ${offset}) does not point at its batch (byte ${position})`;
  }
  const wrong = wrongTimeIndexEntry(times, seen);
  if (wrong === undefined) return undefined;
  const { timestamp, offset } = times[wrong]!;
  return `time index entry ${wrong} (timestamp ${timestamp}, offset ${offset}) disagrees with the batches`;
}
