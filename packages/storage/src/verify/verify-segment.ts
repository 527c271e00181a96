/**
 * Checks one segment offline, as Kafka's DumpLogSegments does: every batch's framing,
 * magic, CRC and offsets (each batch starting where the previous one ended, the first at
 * the segment's base offset), then its .index and .timeindex entries against the batches
 * found. What the bytes after the first bad batch still hold is read by `examineDamage`
 * (the loader's own reader). Reads only. The partition-level check (verify-partition.ts)
 * decides what a damaged range means, knowing the next segment and the shutdown state.
 */
import { join } from 'node:path';
import { hasErrorCode } from '../fs/file-system.js';
import { type DamageReason, damageReason } from '../log/damage-report.js';
import { type DamagedBytes, examineDamage } from '../log/damage-scan.js';
import { INDEX_SUFFIX, LOG_SUFFIX, offsetFileName, TIME_INDEX_SUFFIX } from '../log/file-names.js';
import { OffsetIndex } from '../log/offset-index.js';
import {
  type BatchSeen,
  misplacedIndexEntries,
  walkCheckedBatches,
  wrongTimeIndexEntry,
} from '../log/segment-batches.js';
import { TimeIndex } from '../log/time-index.js';
import type { ReadOnlyFileSystem } from './read-only-file-system.js';
import type { VerifyProblem } from './verify-report.js';

export interface SegmentCheck {
  file: string;
  baseOffset: number;
  bytes: number;
  /** Bytes of whole, valid, contiguous batches from the start. */
  validBytes: number;
  batches: number;
  records: number;
  /** The offset after the last valid batch (the base offset when there is none). */
  nextOffset: number;
  indexEntries: number;
  timeIndexEntries: number;
  /** Where the valid batches stop short of the end, why, and what the rest still holds. */
  damage?: { at: number; reason: DamageReason; examined: DamagedBytes };
  /** Problems of the index files (the log's own damage is the partition check's to word). */
  problems: VerifyProblem[];
}

export async function verifySegment(
  fs: ReadOnlyFileSystem,
  directory: string,
  baseOffset: number,
  maxBatchSize: number,
): Promise<SegmentCheck> {
  const file = offsetFileName(baseOffset, LOG_SUFFIX);
  const handle = await fs.openForReading(join(directory, file));
  try {
    const bytes = await handle.size();
    const seen: BatchSeen[] = [];
    const { scan, nextOffset } = await walkCheckedBatches(
      handle,
      { from: 0, to: bytes },
      baseOffset,
      maxBatchSize,
      seen,
    );
    const check: SegmentCheck = {
      file,
      baseOffset,
      bytes,
      validBytes: scan.end,
      batches: seen.length,
      records: seen.reduce((sum, batch) => sum + batch.records, 0),
      nextOffset,
      indexEntries: 0,
      timeIndexEntries: 0,
      problems: [],
    };
    if (scan.end < bytes) {
      const read = async (position: number, length: number): Promise<Buffer> => {
        const buffer = Buffer.alloc(length);
        return buffer.subarray(0, await handle.read(buffer, 0, length, position));
      };
      const examined = await examineDamage(read, scan.end, bytes, nextOffset, maxBatchSize);
      check.damage = { at: scan.end, reason: damageReason(scan.problem), examined };
    }
    await checkOffsetIndex(fs, directory, check, seen);
    await checkTimeIndex(fs, directory, check, seen);
    return check;
  } finally {
    await handle.close();
  }
}

async function readIndexFile(fs: ReadOnlyFileSystem, path: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(path);
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/** The .index: it must parse as the open's sanity check does, and every entry must point at the batch of its offset. */
async function checkOffsetIndex(
  fs: ReadOnlyFileSystem,
  directory: string,
  check: SegmentCheck,
  seen: readonly BatchSeen[],
): Promise<void> {
  const file = offsetFileName(check.baseOffset, INDEX_SUFFIX);
  const bytes = await readIndexFile(fs, join(directory, file));
  if (bytes === undefined) {
    if (check.bytes > 0)
      check.problems.push({ severity: 'info', file, message: 'no offset index: rebuilt when the log opens' });
    return;
  }
  const index = OffsetIndex.parse(check.baseOffset, bytes, check.bytes);
  if (index === undefined) {
    check.problems.push({
      severity: 'warning',
      file,
      message: 'the offset index fails the sanity check (size, order or positions): rebuilt when the log opens',
    });
    return;
  }
  check.indexEntries = index.entries;
  const entries = index.entryList();
  for (const i of misplacedIndexEntries(entries, seen, check.validBytes)) {
    const { offset, position } = entries[i]!;
    // The last entry is where the open's check starts walking: a wrong one there is caught and rebuilt.
    const last = i === entries.length - 1;
    check.problems.push({
      severity: last ? 'warning' : 'damage',
      file,
      position,
      fromOffset: offset,
      message: last
        ? `the last index entry (offset ${offset}) does not point at its batch (byte ${position}): rebuilt when the log opens`
        : `index entry ${i} (offset ${offset}) does not point at its batch (byte ${position}): reads near offset ${offset} fail until the broker's start-up scrub rebuilds it (or remove ${file} with the broker stopped)`,
    });
  }
}

/** The .timeindex: it must parse, and each entry must carry the largest timestamp up to its offset. */
async function checkTimeIndex(
  fs: ReadOnlyFileSystem,
  directory: string,
  check: SegmentCheck,
  seen: readonly BatchSeen[],
): Promise<void> {
  const file = offsetFileName(check.baseOffset, TIME_INDEX_SUFFIX);
  const bytes = await readIndexFile(fs, join(directory, file));
  if (bytes === undefined) return;
  const index = TimeIndex.parse(check.baseOffset, bytes, Math.max(check.nextOffset, check.baseOffset + 1));
  if (index === undefined) {
    check.problems.push({
      severity: 'warning',
      file,
      message: 'the time index fails the sanity check: rebuilt when the log opens',
    });
    return;
  }
  check.timeIndexEntries = index.entries;
  const entries = index.entryList();
  const i = wrongTimeIndexEntry(entries, seen);
  if (i === undefined) return;
  const { timestamp, offset } = entries[i]!;
  check.problems.push({
    severity: 'warning',
    file,
    fromOffset: offset,
    message: `time index entry ${i} (timestamp ${timestamp}, offset ${offset}) disagrees with the log: seeks by time may land wrong`,
  });
}
