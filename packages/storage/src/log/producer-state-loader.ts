/**
 * Rebuilds a file log's producer state when it opens, after the segments are loaded (and
 * a torn tail cut): from the newest intact snapshot within [logStartOffset, logEndOffset]
 * plus a scan of the batch headers after it, or from a scan of the whole log when there is
 * none. Snapshots past the log end (their batches were cut off by recovery) and corrupt
 * ones are removed. The batches carry producer id, epoch and base sequence, so the log
 * alone is enough; the snapshots only keep the scan short (after a SIGKILL: the segments
 * since the last roll). Runs before the log serves anything.
 *
 * The aborted transactions come from the segments' .txnindex files (txn-index.ts) below the
 * snapshot, and from the markers the scan reads after it; the .txnindex of every segment the
 * scan covered is rewritten to match them (a torn or lost one is rebuilt, one that lists
 * markers cut off by recovery loses them).
 */
import { join } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import { batchBaseOffset } from '../record-batch/batch-header.js';
import type { LogSegment } from './log-segment.js';
import { listSnapshotOffsets, parseProducerSnapshot, snapshotFileName } from './producer-snapshot.js';
import type { ProducerStateManager } from './producer-state-manager.js';
import {
  type AbortedTxn,
  parseTxnEntries,
  readTxnIndexes,
  TXN_ENTRY_BYTES,
  txnIndexFileName,
  writeTxnIndex,
} from './txn-index.js';

export interface ProducerStateLoadReport {
  /** The snapshot the state started from, or -1 when it was rebuilt from the log start. */
  snapshotOffset: number;
  /** Batches whose headers were read after the snapshot. */
  batchesScanned: number;
  /** Snapshot files removed: corrupt, or past the log end. */
  snapshotsRemoved: number;
  /**
   * Set when the .txnindex files of the rescanned segments (from this offset) could not be
   * rewritten (a full disk): the state in memory is right, the log rewrites them at its next roll or close.
   */
  txnIndexStaleFrom?: number;
}

export async function loadProducerState(
  fs: FileSystem,
  directory: string,
  segments: readonly LogSegment[],
  state: ProducerStateManager,
  now: number,
): Promise<ProducerStateLoadReport> {
  const logStart = segments[0]!.baseOffset;
  const logEnd = segments[segments.length - 1]!.nextOffset;
  const report: ProducerStateLoadReport = { snapshotOffset: -1, batchesScanned: 0, snapshotsRemoved: 0 };
  const remove = async (offset: number): Promise<void> => {
    await fs.unlink(join(directory, snapshotFileName(offset)));
    report.snapshotsRemoved++;
  };

  state.clear();
  const offsets = await listSnapshotOffsets(fs, directory);
  for (const offset of [...offsets].reverse()) {
    if (offset > logEnd) {
      await remove(offset);
      continue;
    }
    if (offset < logStart) break;
    let entries: ReturnType<typeof parseProducerSnapshot>;
    try {
      entries = parseProducerSnapshot(await fs.readFile(join(directory, snapshotFileName(offset))));
    } catch {
      entries = undefined;
    }
    if (entries === undefined) {
      await remove(offset);
      continue;
    }
    state.restore(entries);
    report.snapshotOffset = offset;
    break;
  }

  const from = report.snapshotOffset >= 0 ? report.snapshotOffset : logStart;
  const indexed = await readTxnIndexes(fs, directory);
  state.restoreAborted(indexed.filter((txn) => txn.lastOffset >= logStart && txn.lastOffset < from));
  for (const segment of segments) {
    if (segment.nextOffset <= from) continue;
    const position = segment.lookupPosition(Math.max(from, segment.baseOffset));
    await segment.scan(position, (chunk, at) => {
      if (batchBaseOffset(chunk, at) < from) return undefined;
      state.loadBatch(chunk, at);
      report.batchesScanned++;
      return undefined;
    });
  }
  state.removeExpired(now);
  try {
    await rebuildTxnIndexes(fs, directory, segments, from, state.abortedList());
  } catch {
    report.txnIndexStaleFrom = from;
  }
  return report;
}

/** Rewrites the .txnindex of each segment holding offsets at or after `from` where it differs from `aborted`. */
async function rebuildTxnIndexes(
  fs: FileSystem,
  directory: string,
  segments: readonly LogSegment[],
  from: number,
  aborted: readonly AbortedTxn[],
): Promise<void> {
  for (const segment of segments) {
    if (segment.nextOffset <= from) continue;
    const entries = aborted.filter(
      (txn) => txn.lastOffset >= segment.baseOffset && txn.lastOffset < segment.nextOffset,
    );
    let stored: AbortedTxn[] = [];
    let size = 0;
    try {
      const bytes = await fs.readFile(join(directory, txnIndexFileName(segment.baseOffset)));
      stored = parseTxnEntries(bytes);
      size = bytes.length;
    } catch {
      // Missing: no entries.
    }
    const same =
      size === stored.length * TXN_ENTRY_BYTES &&
      stored.length === entries.length &&
      stored.every(
        (txn, i) => txn.lastOffset === entries[i]!.lastOffset && txn.firstOffset === entries[i]!.firstOffset,
      );
    if (!same) await writeTxnIndex(fs, directory, segment.baseOffset, entries);
  }
}
