/**
 * Opens the segments of a partition directory, Kafka's way:
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
import type { FileSystem } from '../fs/file-system.js';
import { CLEAN_SHUTDOWN_FILE, parseSegmentFileName } from './file-names.js';
import { LogSegment, type SegmentOptions } from './log-segment.js';

export interface LoadReport {
  /** Whether the log had been closed cleanly. */
  cleanShutdown: boolean;
  /** Bytes cut from the tail because they were not whole, valid batches. */
  truncatedBytes: number;
  /** Base offsets of segments whose indexes were rebuilt. */
  rebuiltIndexes: number[];
}

export async function loadSegments(
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
