/**
 * Opens a partition directory (Kafka's LogLoader): its segments, the log start offset
 * DeleteRecords left (log-start-offset.ts) and the producer state, rebuilt from snapshots
 * and batches (producer-state-loader.ts). The segments are opened Kafka's way:
 * - stray index files without a .log and leftover temporary files are removed;
 * - after a clean shutdown (the marker file is present) every segment's indexes are
 *   loaded if they pass a sanity check and rebuilt otherwise;
 * - after an unclean one, the tail segment is recovered: every batch is checked
 *   (size, magic, CRC, contiguous offsets), the file is cut at the first bad batch and
 *   its indexes are rebuilt. Older segments were fsynced, with their indexes written,
 *   when they were rolled, so they only need the sanity check.
 * The marker is removed (durably) before the log is used, so a crash from then on is
 * seen as unclean at the next open.
 */
import { join } from 'node:path';
import type { Clock } from '@mini-kafka/protocol';
import type { FileSystem } from '../fs/file-system.js';
import { CLEAN_SHUTDOWN_FILE, parseSegmentFileName } from './file-names.js';
import { LogSegment, type SegmentOptions } from './log-segment.js';
import { readLogStartOffset } from './log-start-offset.js';
import { loadProducerState, type ProducerStateLoadReport } from './producer-state-loader.js';
import { ProducerStateManager } from './producer-state-manager.js';

export interface LoadReport {
  /** Whether the log had been closed cleanly. */
  cleanShutdown: boolean;
  /** Bytes cut from the tail because they were not whole, valid batches. */
  truncatedBytes: number;
  /** Base offsets of segments whose indexes were rebuilt. */
  rebuiltIndexes: number[];
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

/** Opens the partition directory `directory` (created when missing), recovering it after an unclean stop. */
export async function loadLog(
  fs: FileSystem,
  directory: string,
  options: SegmentOptions & { clock: Clock; producerIdExpirationMs: number | undefined },
): Promise<LoadedLog> {
  const { clock, producerIdExpirationMs, ...segmentOptions } = options;
  const { segments, report } = await loadSegments(fs, directory, segmentOptions);
  const logStartOffset = (await readLogStartOffset(fs, directory)) ?? 0;
  const producerState = new ProducerStateManager(producerIdExpirationMs);
  const producerReport = await loadProducerState(fs, directory, segments, producerState, clock.now());
  return { segments, report, logStartOffset, producerState, producerReport };
}

async function loadSegments(
  fs: FileSystem,
  directory: string,
  options: SegmentOptions,
): Promise<{ segments: LogSegment[]; report: LoadReport }> {
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

  const report: LoadReport = { cleanShutdown, truncatedBytes: 0, rebuiltIndexes: [] };
  const offsets = [...logOffsets].sort((a, b) => a - b);
  const segments: LogSegment[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const tail = i === offsets.length - 1;
    const opened = await LogSegment.open(fs, directory, offsets[i]!, { ...options, recover: tail && !cleanShutdown });
    segments.push(opened.segment);
    report.truncatedBytes += opened.report.truncatedBytes;
    if (opened.report.rebuiltIndex) report.rebuiltIndexes.push(offsets[i]!);
  }
  if (segments.length === 0) {
    segments.push(await LogSegment.create(fs, directory, 0, options));
  } else if (!cleanShutdown) {
    // What survived the crash may sit only in the page cache: make it durable before serving it.
    await segments[segments.length - 1]!.flush();
  }
  return { segments, report };
}
