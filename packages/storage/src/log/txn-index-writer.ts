/**
 * TxnIndexWriter: keeps a file log's .txnindex files (txn-index.ts) in step with the aborted
 * transactions its producer state records. After each write the log's single writer hands it
 * the markers just written: their entries are appended to the active segment's file. A failed
 * append is not the append's failure (the markers are in the log): the files from that
 * segment on are marked stale and rewritten whole before the next producer snapshot (roll,
 * close), so a snapshot never vouches for an index that misses entries; until then, recovery
 * rescans those segments and rebuilds them anyway. Writer only.
 */
import type { FileSystem } from '../fs/file-system.js';
import type { ProducerStateManager } from './producer-state-manager.js';
import { appendTxnEntries, writeTxnIndex } from './txn-index.js';

/** What the writer needs of a segment. */
interface SegmentRange {
  baseOffset: number;
  nextOffset: number;
}

export class TxnIndexWriter {
  /** Aborted transactions whose marker is below this are in the files. */
  private indexedUpTo: number;
  /** The first segment whose file may miss entries, or undefined. */
  private staleFrom: number | undefined;

  constructor(
    private readonly fs: FileSystem,
    private readonly directory: string,
    private readonly state: ProducerStateManager,
    logEndOffset: number,
    staleFrom?: number,
  ) {
    this.indexedUpTo = logEndOffset;
    this.staleFrom = staleFrom;
  }

  /** After recovery rebuilt the state (repair): the files hold everything below `logEndOffset`, but from `staleFrom`. */
  reset(logEndOffset: number, staleFrom: number | undefined): void {
    this.indexedUpTo = logEndOffset;
    if (staleFrom !== undefined) this.markStale(staleFrom);
  }

  private markStale(from: number): void {
    this.staleFrom = Math.min(this.staleFrom ?? from, from);
  }

  /** Appends the entries of the markers written since the last call to the active segment's file. */
  async written(activeBase: number, logEndOffset: number, sync: boolean): Promise<void> {
    const fresh = this.state.abortedFrom(this.indexedUpTo);
    this.indexedUpTo = logEndOffset;
    if (fresh.length === 0) return;
    try {
      await appendTxnEntries(this.fs, this.directory, activeBase, fresh, sync);
    } catch {
      this.markStale(activeBase);
    }
  }

  /** Rewrites the stale files; false when that fails too (the caller then writes no snapshot). */
  async rewriteStale(segments: readonly SegmentRange[]): Promise<boolean> {
    const from = this.staleFrom;
    if (from === undefined) return true;
    try {
      const aborted = this.state.abortedFrom(from);
      for (const { baseOffset, nextOffset } of segments) {
        if (nextOffset <= from) continue;
        const entries = aborted.filter((txn) => txn.lastOffset >= baseOffset && txn.lastOffset < nextOffset);
        await writeTxnIndex(this.fs, this.directory, baseOffset, entries);
      }
      this.staleFrom = undefined;
      return true;
    } catch {
      return false;
    }
  }
}
