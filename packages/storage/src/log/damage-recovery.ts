/**
 * What the loader does about a segment whose valid batches stop before its data does, and
 * about offsets missing between segments. Each case yields a SegmentDamage
 * (damage-report.ts); the rules, and why:
 *
 * - Closed (non-tail) segment. It was fsynced whole when it was rolled, so bad bytes in it
 *   are damage to data at rest (Kafka trusts these segments, and fails the log dir when a
 *   read finds them corrupt). It is left as it is, never cut: its batches before the damage
 *   serve, the offsets from there to the next segment's base read as missing
 *   (CORRUPT_MESSAGE), every later segment serves. Its bad bytes are copied to `damaged/`
 *   once. Cutting it would change nothing for readers and destroy evidence.
 * - Tail segment. Kafka's recovery: cut the file at the first invalid batch. The cut bytes
 *   are copied to `damaged/` first (a copy that fails stops the open: nothing is cut that
 *   is not kept). Then, unlike Kafka, offsets are not reused when the cut bytes name later
 *   ones (an intact batch after the bad one, a bad batch's own credible header, or a
 *   producer snapshot written at a clean close past the cut): the next record gets the offset
 *   after them, in a new segment, so a consumer that had read or committed them never
 *   mistakes new records for old ones, and the lost range reads as missing.
 * - A torn write: after an unclean stop, a tail whose cut bytes prove nothing was durable
 *   after the cut (no intact batch after it, no snapshot past it; the file ends inside the
 *   first bad batch, or its bytes name no offset, as zeros or garbage do) is an interrupted
 *   write. It was never acknowledged and never read, so it is cut and its offsets reused,
 *   as before; it is still reported, at a lower level, and kept aside, or, when the disk is
 *   too full for the copy, cut without one (the report names no copy): a partition must not
 *   stay offline for want of space to keep bytes nobody wrote to completion.
 * - Data loss: records lost that were durable (not a torn write), when the flush policy is
 *   `always`, may have been acknowledged to a producer as durable.
 * - Damage the background scrub finds (log-scrub.ts) in a segment the open trusted (a closed
 *   one, or the tail after a clean stop): the segment is left whole, as a closed segment's
 *   damage is, the tail included (cutting a tail that appends are writing to would race
 *   them). Only the damaged range is unreadable: from the first bad batch to the offset
 *   before the next intact batch (or the segment's end when none follows); its bytes are
 *   copied to `damaged/` once.
 * - Offsets missing between two segments (a gap left by an earlier recovery, or files
 *   removed by hand) are reported at every open, until retention or DeleteRecords passes them.
 */
import type { FileSystem } from '../fs/file-system.js';
import { ioErrorCode, OUT_OF_SPACE_CODES } from '../fs/io-errors.js';
import type { DamageReason, SegmentDamage } from './damage-report.js';
import { type DamagedBytes, examineDamage } from './damage-scan.js';
import { keepDamagedBytes } from './damaged-bytes.js';
import { LOG_SUFFIX, offsetFileName } from './file-names.js';
import type { LogConfig } from './log-config.js';
import type { KnownDamage, LogSegment } from './log-segment.js';
import type { LogName } from './partition-log.js';
import { listSnapshotOffsets } from './producer-snapshot.js';

export interface DamageContext {
  fs: FileSystem;
  directory: string;
  name: LogName;
  flush: LogConfig['flush'];
  maxBatchSize: number;
}

interface Found {
  segment: LogSegment;
  /** Where the valid batches end, and why. */
  at: number;
  reason: DamageReason;
  fileSize: number;
}

function finding(
  context: DamageContext,
  segment: LogSegment,
  fields: Omit<SegmentDamage, 'topic' | 'partition' | 'segment' | 'segmentBaseOffset' | 'droppedRecords' | 'dataLoss'>,
): SegmentDamage {
  const { lastOffset, fromOffset, tornWrite } = fields;
  const droppedRecords = lastOffset === undefined || lastOffset < fromOffset ? 0 : lastOffset - fromOffset + 1;
  return {
    topic: context.name.topic,
    partition: context.name.partition,
    segment: offsetFileName(segment.baseOffset, LOG_SUFFIX),
    segmentBaseOffset: segment.baseOffset,
    ...fields,
    droppedRecords,
    dataLoss: context.flush === 'always' && !tornWrite && droppedRecords > 0,
  };
}

/** A closed segment's damage: nothing cut, the bytes copied aside once, the offsets up to `nextBase` unreadable. */
export async function closedSegmentDamage(
  context: DamageContext,
  found: Found,
  nextBase: number,
): Promise<SegmentDamage> {
  const { segment, at, fileSize, reason } = found;
  let keptAs: string | undefined;
  try {
    const read = (position: number, length: number) => segment.read(position, length);
    keptAs = await keepDamagedBytes(
      context.fs,
      context.directory,
      segment.baseOffset,
      { from: at, to: fileSize },
      read,
      true,
    );
  } catch {
    keptAs = undefined; // The bytes are still in the segment; the report says no copy was made.
  }
  return finding(context, segment, {
    closedSegment: true,
    fromOffset: segment.nextOffset,
    lastOffset: nextBase > segment.nextOffset ? nextBase - 1 : undefined,
    fromByte: at,
    droppedBytes: fileSize - at,
    reason,
    tornWrite: false,
    keptAs,
  });
}

/** Damage the scrub found inside a segment: left whole, the range unreadable, its bytes copied aside once. */
export async function scrubbedDamage(
  context: DamageContext,
  segment: LogSegment,
  range: KnownDamage,
  reason: DamageReason,
): Promise<SegmentDamage> {
  let keptAs: string | undefined;
  try {
    const read = (position: number, length: number) => segment.read(position, length);
    const bytes = { from: range.fromByte, to: range.toByte };
    keptAs = await keepDamagedBytes(context.fs, context.directory, segment.baseOffset, bytes, read, true);
  } catch {
    keptAs = undefined; // The bytes are still in the segment; the report says no copy was made.
  }
  return finding(context, segment, {
    closedSegment: true,
    fromOffset: range.fromOffset,
    lastOffset: range.toOffset >= range.fromOffset ? range.toOffset : undefined,
    fromByte: range.fromByte,
    droppedBytes: range.toByte - range.fromByte,
    reason,
    tornWrite: false,
    keptAs,
  });
}

/**
 * Whether the bad bytes at the end of a tail are an interrupted write: after an unclean stop,
 * with nothing after them that was durable (no intact batch, no snapshot past them), and the
 * file ending inside their first batch or the bytes naming no offset at all.
 */
export function isTornWrite(cleanShutdown: boolean, examined: DamagedBytes, snapshotPastCut: boolean): boolean {
  return (
    !cleanShutdown &&
    !snapshotPastCut &&
    examined.intact.batches === 0 &&
    (examined.endsInsideFirstBatch || examined.lastOffset === undefined)
  );
}

/**
 * The tail segment's damage: the bytes copied aside, then cut. Resolves to the finding and
 * the offset the next record must get when it is past the lost ones (`undefined`: reuse).
 */
export async function tailDamage(
  context: DamageContext,
  found: Found,
  cleanShutdown: boolean,
): Promise<{ damage: SegmentDamage; continueAt: number | undefined }> {
  const { segment, at, fileSize, reason } = found;
  const fromOffset = segment.nextOffset;
  const read = (position: number, length: number) => segment.read(position, length);
  const examined = await examineDamage(read, at, fileSize, fromOffset, context.maxBatchSize);
  let lastOffset = examined.lastOffset;
  // A snapshot written at a clean close names the log end then: every offset below it was durable.
  const snapshots = await listSnapshotOffsets(context.fs, context.directory);
  const newest = snapshots.at(-1);
  const snapshotPastCut = newest !== undefined && newest - 1 >= fromOffset;
  if (snapshotPastCut) lastOffset = Math.max(lastOffset ?? -1, newest - 1);
  const tornWrite = isTornWrite(cleanShutdown, examined, snapshotPastCut);
  let keptAs: string | undefined;
  try {
    keptAs = await keepDamagedBytes(
      context.fs,
      context.directory,
      segment.baseOffset,
      { from: at, to: fileSize },
      read,
      false,
    );
  } catch (error) {
    // An interrupted write on a full disk: never acknowledged, never read, and the partition
    // cannot take a record until it is cut. Cut without a copy (the report says none was made).
    if (!tornWrite || !isOutOfSpace(error)) throw error;
    keptAs = undefined;
  }
  await segment.truncateTo(at);
  const damage = finding(context, segment, {
    closedSegment: false,
    fromOffset,
    lastOffset,
    fromByte: at,
    droppedBytes: fileSize - at,
    reason,
    tornWrite,
    keptAs,
  });
  const continueAt = !tornWrite && lastOffset !== undefined && lastOffset >= fromOffset ? lastOffset + 1 : undefined;
  return { damage, continueAt };
}

function isOutOfSpace(error: unknown): boolean {
  const code = ioErrorCode(error);
  return code !== undefined && OUT_OF_SPACE_CODES.has(code);
}

/** Offsets missing between `segment` and the next one, at or above the log start offset. */
export function gapDamage(
  context: DamageContext,
  segment: LogSegment,
  nextBase: number,
  logStartOffset: number,
): SegmentDamage | undefined {
  const fromOffset = Math.max(segment.nextOffset, logStartOffset);
  if (fromOffset >= nextBase) return undefined;
  return finding(context, segment, {
    closedSegment: true,
    fromOffset,
    lastOffset: nextBase - 1,
    fromByte: segment.size,
    droppedBytes: 0,
    reason: 'offset-gap',
    tornWrite: false,
    keptAs: undefined,
  });
}
