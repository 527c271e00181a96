/**
 * Opens a partition directory (Kafka's LogLoader): its segments, the log start offset
 * DeleteRecords left (log-start-offset.ts) and the producer state, rebuilt from snapshots
 * and batches (producer-state-loader.ts). The segments are opened Kafka's way:
 * - stray index files without a .log and leftover temporary files are removed;
 * - after a clean shutdown (the marker file is present) every segment's indexes are
 *   loaded if they pass a sanity check and rebuilt otherwise (checking every batch);
 * - after an unclean one, the tail segment is recovered: every batch is checked
 *   (size, magic, CRC, contiguous offsets) and its indexes are rebuilt. Older segments
 *   were fsynced, with their indexes written, when they were rolled, so they only need
 *   the sanity check.
 * Where a segment's valid batches stop before its data does, damage-recovery.ts decides:
 * the tail is cut there (its bytes kept in `damaged/` first, and offsets the cut bytes name
 * never reused), a closed segment is left whole with its damaged range unreadable. Every
 * such place, and every range of offsets missing between segments, is one SegmentDamage
 * in the report. The marker is removed (durably) before the log is used, so a crash from
 * then on is seen as unclean at the next open.
 */
import { join } from 'node:path';
import type { Clock } from '@mini-kafka/protocol/core';
import type { FileSystem } from '../fs/file-system.js';
import { closedSegmentDamage, type DamageContext, gapDamage, tailDamage } from './damage-recovery.js';
import type { SegmentDamage } from './damage-report.js';
import { CLEAN_SHUTDOWN_FILE, parseSegmentFileName } from './file-names.js';
import type { LogConfig } from './log-config.js';
import { LogSegment, type SegmentOptions } from './log-segment.js';
import { readLogStartOffset } from './log-start-offset.js';
import type { LogName } from './partition-log.js';
import { loadProducerState, type ProducerStateLoadReport } from './producer-state-loader.js';
import { ProducerStateManager } from './producer-state-manager.js';

export interface LoadReport {
  /** Whether the log had been closed cleanly. */
  cleanShutdown: boolean;
  /** Bytes cut from the tail because they were not whole, valid batches (kept in `damaged/` first). */
  truncatedBytes: number;
  /** Base offsets of segments whose indexes were rebuilt. */
  rebuiltIndexes: number[];
  /** Every place where valid batches stop short, or offsets are missing, oldest first. */
  damage: SegmentDamage[];
}

/** What opening a partition directory found. */
export interface LoadedLog {
  segments: LogSegment[];
  report: LoadReport;
  /** The stored log start offset, 0 when DeleteRecords never moved it. */
  logStartOffset: number;
  producerState: ProducerStateManager;
  producerReport: ProducerStateLoadReport;
}

export interface LoadOptions extends SegmentOptions {
  clock: Clock;
  producerIdExpirationMs: number | undefined;
  /** Names the partition in the report. */
  name: LogName;
  /** The flush policy in force: whether lost records may have been acknowledged as durable. */
  flush: LogConfig['flush'];
}

/** Opens the partition directory `directory` (created when missing), recovering it after an unclean stop. */
export async function loadLog(fs: FileSystem, directory: string, options: LoadOptions): Promise<LoadedLog> {
  const { clock, producerIdExpirationMs, name, flush, ...segmentOptions } = options;
  const logStartOffset = (await readLogStartOffset(fs, directory)) ?? 0;
  const context: DamageContext = { fs, directory, name, flush, maxBatchSize: segmentOptions.maxBatchSize };
  const { segments, report } = await loadSegments(context, segmentOptions, logStartOffset);
  const producerState = new ProducerStateManager(producerIdExpirationMs);
  const producerReport = await loadProducerState(fs, directory, segments, producerState, clock.now());
  return { segments, report, logStartOffset, producerState, producerReport };
}

async function loadSegments(
  context: DamageContext,
  options: SegmentOptions,
  logStartOffset: number,
): Promise<{ segments: LogSegment[]; report: LoadReport }> {
  const { fs, directory } = context;
  await fs.mkdir(directory);
  const names = await fs.readdir(directory);
  const cleanShutdown = names.includes(CLEAN_SHUTDOWN_FILE);
  const logOffsets = new Set<number>();
  for (const name of names) {
    const parsed = parseSegmentFileName(name);
    if (parsed?.kind === 'log') logOffsets.add(parsed.baseOffset);
  }
  for (const name of names) {
    const parsed = parseSegmentFileName(name);
    const stray = parsed !== undefined && parsed.kind !== 'log' && !logOffsets.has(parsed.baseOffset);
    if (stray || name.endsWith('.tmp')) await fs.unlink(join(directory, name));
  }
  if (cleanShutdown) {
    await fs.unlink(join(directory, CLEAN_SHUTDOWN_FILE));
    await fs.syncDirectory(directory);
  }

  const report: LoadReport = { cleanShutdown, truncatedBytes: 0, rebuiltIndexes: [], damage: [] };
  const offsets = [...logOffsets].sort((a, b) => a - b);
  const segments: LogSegment[] = [];
  try {
    await openSegments(context, options, { offsets, logStartOffset, cleanShutdown }, segments, report);
  } catch (error) {
    // The partition will not be served (it goes offline): let go of the files opened so far.
    for (const segment of segments) await segment.close().catch(() => undefined);
    throw error;
  }
  if (segments.length === 0) {
    segments.push(await LogSegment.create(fs, directory, 0, options));
  } else if (!cleanShutdown) {
    // What survived the crash may sit only in the page cache: make it durable before serving it.
    await segments[segments.length - 1]!.flush();
  }
  return { segments, report };
}

/** Opens the segments at `offsets` into `segments`, deciding about damage as it goes (see damage-recovery.ts). */
async function openSegments(
  context: DamageContext,
  options: SegmentOptions,
  { offsets, logStartOffset, cleanShutdown }: { offsets: number[]; logStartOffset: number; cleanShutdown: boolean },
  segments: LogSegment[],
  report: LoadReport,
): Promise<void> {
  const { fs, directory } = context;
  for (let i = 0; i < offsets.length; i++) {
    const tail = i === offsets.length - 1;
    const opened = await LogSegment.open(fs, directory, offsets[i]!, { ...options, recover: tail && !cleanShutdown });
    segments.push(opened.segment);
    if (opened.report.rebuiltIndex) report.rebuiltIndexes.push(offsets[i]!);
    const { damage, fileSize } = opened.report;
    if (damage === undefined) continue;
    const found = { segment: opened.segment, at: damage.at, reason: damage.reason, fileSize };
    if (!tail) {
      // Damage wholly below the log start is never read again (retention deletes the segment).
      if (offsets[i + 1]! > logStartOffset)
        report.damage.push(await closedSegmentDamage(context, found, offsets[i + 1]!));
      continue;
    }
    const cut = await tailDamage(context, found, cleanShutdown);
    report.damage.push(cut.damage);
    report.truncatedBytes += cut.damage.droppedBytes;
    if (cut.continueAt !== undefined) {
      // As a roll does: the cut segment durable with its indexes, then a new one past the lost offsets.
      await opened.segment.flush();
      await opened.segment.writeIndexes();
      segments.push(await LogSegment.create(fs, directory, cut.continueAt, options));
    }
  }
  for (let i = 0; i + 1 < offsets.length; i++) {
    const segment = segments[i]!;
    if (report.damage.some((found) => found.segmentBaseOffset === segment.baseOffset)) continue;
    const gap = gapDamage(context, segment, segments[i + 1]!.baseOffset, logStartOffset);
    if (gap !== undefined) report.damage.push(gap);
  }
  report.damage.sort((a, b) => a.fromOffset - b.fromOffset);
}
