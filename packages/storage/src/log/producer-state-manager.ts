/**
 * ProducerStateManager: a partition's idempotent producers (Kafka's class of the same
 * name), shared by the file log and the memory log so both dedupe and refuse alike.
 *
 * An append goes through it in the log's single writer, under the same serialization that
 * assigns offsets: `analyze` before offsets are assigned (a duplicate is answered from
 * here and nothing is written), `apply` once they are (with an undo record, so a write
 * that fails leaves the state as it was). The file log rebuilds it on open from its last
 * snapshot plus the batches after it (`loadBatch`), and snapshots it on roll and close
 * (producer-snapshot.ts).
 *
 * Producers expire `producerIdExpirationMs` after their last append (Kafka's
 * producer.id.expiration.ms, default 1 day): an expired producer is unknown again, and is
 * dropped from memory at the next `removeExpired`. A producer with an ongoing transaction
 * never expires (the transaction coordinator ends it).
 *
 * Transactions: a producer's first transactional batch opens its transaction here (its
 * first offset); a marker (control batch) ends it, and an ABORT records an aborted
 * transaction. The first offset of the oldest ongoing transaction bounds the last stable
 * offset; the aborted transactions answer read_committed fetches (the file log also keeps
 * them in per-segment .txnindex files: txn-index.ts).
 */
import {
  BASE_SEQUENCE_OFFSET,
  batchLastOffset,
  batchLastOffsetDelta,
  batchMaxTimestamp,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
} from '../record-batch/batch-header.js';
import { readInt64 } from '../record-batch/varint.js';
import { isControl, isTransactional, parseControlBatch } from './control-batches.js';
import type {
  AbortedTransaction,
  AppendResult,
  LogName,
  ProducerDescription,
  TransactionMarker,
} from './partition-log.js';
import { analyzeProducerAppend, type ProducerAppendInfo } from './producer-append-info.js';
import {
  addBatch,
  copyEntry,
  emptyEntry,
  firstOffsetOf,
  incrementSequence,
  lastSequenceOf,
  NO_PRODUCER_ID,
  type ProducerStateEntry,
} from './producer-state-entry.js';
import type { AbortedTxn } from './txn-index.js';

/** Kafka's producer.id.expiration.ms default: one day. */
export const DEFAULT_PRODUCER_ID_EXPIRATION_MS = 24 * 60 * 60 * 1000;

/** How to put a producer back as it was before an append that failed to be written. */
export interface ProducerUndo {
  producerId: number;
  previous: ProducerStateEntry | undefined;
  /** Aborted transactions recorded before the append. */
  abortedCount: number;
}

export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>();
  /** Aborted transactions, by marker offset (ascending). */
  private aborted: AbortedTxn[] = [];

  constructor(readonly producerIdExpirationMs: number = DEFAULT_PRODUCER_ID_EXPIRATION_MS) {}

  /** Producers remembered (expired ones included until `removeExpired`). */
  get size(): number {
    return this.producers.size;
  }

  /** The producer's entry, or undefined when unknown or expired at `now`. */
  entry(producerId: number, now: number): ProducerStateEntry | undefined {
    const entry = this.producers.get(producerId);
    if (entry === undefined || this.isExpired(entry, now)) return undefined;
    return entry;
  }

  private isExpired(entry: ProducerStateEntry, now: number): boolean {
    return entry.currentTxnFirstOffset < 0 && now - entry.lastTimestamp >= this.producerIdExpirationMs;
  }

  /** Checks an append's idempotent batches (see producer-append-info.ts); undefined when it has none. */
  analyze(tp: LogName, bytes: Buffer, now: number): ProducerAppendInfo | undefined {
    return analyzeProducerAppend(tp, bytes, (producerId) => this.entry(producerId, now));
  }

  /**
   * Records the written batches of an analyzed append, now that `bytes` (the append
   * without its skipped duplicates) carry their offsets. Returns how to undo it.
   */
  apply(info: ProducerAppendInfo, bytes: Buffer, appendTime: number, now: number): ProducerUndo {
    const live = this.entry(info.producerId, now);
    const undo: ProducerUndo = {
      producerId: info.producerId,
      previous: live && copyEntry(live),
      abortedCount: this.aborted.length,
    };
    const entry = live ?? emptyEntry(info.producerId);
    if (info.marker !== undefined) {
      this.endTransaction(entry, info.marker, batchLastOffset(bytes, 0), appendTime);
      this.producers.set(info.producerId, entry);
      return undo;
    }
    for (const batch of info.batches) {
      const position = batch.position - info.skipBytes;
      if (batch.transactional && entry.currentTxnFirstOffset < 0) {
        entry.currentTxnFirstOffset = batchLastOffset(bytes, position) - batch.lastOffsetDelta;
      }
      addBatch(entry, batch.epoch, {
        firstSeq: batch.firstSeq,
        lastSeq: batch.lastSeq,
        lastOffset: batchLastOffset(bytes, position),
        offsetDelta: batch.lastOffsetDelta,
        timestamp: appendTime,
      });
    }
    this.producers.set(info.producerId, entry);
    return undo;
  }

  undo(undo: ProducerUndo): void {
    if (undo.previous === undefined) this.producers.delete(undo.producerId);
    else this.producers.set(undo.producerId, undo.previous);
    this.aborted.length = Math.min(this.aborted.length, undo.abortedCount);
  }

  /** A marker at `offset` ends the producer's transaction (an abort is recorded); it takes the marker's epoch. */
  private endTransaction(entry: ProducerStateEntry, marker: TransactionMarker, offset: number, time: number): void {
    if (entry.producerEpoch !== marker.producerEpoch) {
      entry.producerEpoch = marker.producerEpoch;
      entry.batches = [];
    }
    const firstOffset = entry.currentTxnFirstOffset >= 0 ? entry.currentTxnFirstOffset : offset;
    entry.currentTxnFirstOffset = -1;
    entry.coordinatorEpoch = marker.coordinatorEpoch;
    entry.lastTimestamp = time;
    if (!marker.commit) {
      const producerId = marker.producerId;
      this.producers.set(producerId, entry);
      const lastStableOffset = Math.min(this.firstUnstableOffset() ?? offset + 1, offset + 1);
      this.aborted.push({ producerId, firstOffset, lastOffset: offset, lastStableOffset });
    }
  }

  /** The first offset of the oldest ongoing transaction, or undefined when there is none. */
  firstUnstableOffset(): number | undefined {
    let first: number | undefined;
    for (const entry of this.producers.values()) {
      if (entry.currentTxnFirstOffset >= 0 && (first === undefined || entry.currentTxnFirstOffset < first)) {
        first = entry.currentTxnFirstOffset;
      }
    }
    return first;
  }

  /** min(first unstable offset, highWatermark). */
  lastStableOffset(highWatermark: number): number {
    return Math.min(this.firstUnstableOffset() ?? highWatermark, highWatermark);
  }

  /** Aborted transactions with a marker at or after `fetchOffset` that start below `upperBoundOffset`, by first offset. */
  abortedTransactions(fetchOffset: number, upperBoundOffset: number): AbortedTransaction[] {
    return this.aborted
      .filter((txn) => txn.lastOffset >= fetchOffset && txn.firstOffset < upperBoundOffset)
      .sort((a, b) => a.firstOffset - b.firstOffset || a.lastOffset - b.lastOffset)
      .map(({ producerId, firstOffset }) => ({ producerId, firstOffset }));
  }

  /** The aborted transactions whose marker is at or after `offset`, by marker offset (copies). */
  abortedFrom(offset: number): AbortedTxn[] {
    let at = this.aborted.length;
    while (at > 0 && this.aborted[at - 1]!.lastOffset >= offset) at--;
    return this.aborted.slice(at).map((txn) => ({ ...txn }));
  }

  /** Every aborted transaction remembered, by marker offset (copies). */
  abortedList(): AbortedTxn[] {
    return this.aborted.map((txn) => ({ ...txn }));
  }

  /** Replaces the aborted transactions (a file log's .txnindex files, on open). */
  restoreAborted(list: readonly AbortedTxn[]): void {
    this.aborted = [...list].sort((a, b) => a.lastOffset - b.lastOffset).map((txn) => ({ ...txn }));
  }

  /** Forgets aborted transactions whose marker is below `offset` (retention, DeleteRecords). */
  removeAbortedBelow(offset: number): void {
    this.aborted = this.aborted.filter((txn) => txn.lastOffset >= offset);
  }

  /** The unexpired producers at `now`, by producer id, as DescribeProducers shows them. */
  describe(now: number): ProducerDescription[] {
    return this.entries()
      .filter((entry) => !this.isExpired(entry, now))
      .map((entry) => ({
        producerId: entry.producerId,
        producerEpoch: entry.producerEpoch,
        lastSequence: lastSequenceOf(entry),
        lastTimestamp: entry.lastTimestamp,
        coordinatorEpoch: entry.coordinatorEpoch,
        currentTxnStartOffset: entry.currentTxnFirstOffset,
      }));
  }

  /** Records a batch read back from the log while rebuilding (no checks: it was accepted once). */
  loadBatch(bytes: Buffer, at: number): void {
    const producerId = readInt64(bytes, at + PRODUCER_ID_OFFSET);
    if (producerId === NO_PRODUCER_ID || producerId < 0) return;
    if (isControl(bytes, at)) {
      const marker = parseControlBatch(bytes, at);
      if (marker === undefined) return;
      const entry = this.producers.get(producerId) ?? emptyEntry(producerId);
      this.producers.set(producerId, entry);
      this.endTransaction(entry, marker, batchLastOffset(bytes, at), batchMaxTimestamp(bytes, at));
      return;
    }
    const firstSeq = bytes.readInt32BE(at + BASE_SEQUENCE_OFFSET);
    if (firstSeq < 0) return;
    const offsetDelta = batchLastOffsetDelta(bytes, at);
    let entry = this.producers.get(producerId);
    if (entry === undefined) {
      entry = emptyEntry(producerId);
      this.producers.set(producerId, entry);
    }
    if (isTransactional(bytes, at) && entry.currentTxnFirstOffset < 0) {
      entry.currentTxnFirstOffset = batchLastOffset(bytes, at) - offsetDelta;
    }
    addBatch(entry, bytes.readInt16BE(at + PRODUCER_EPOCH_OFFSET), {
      firstSeq,
      lastSeq: incrementSequence(firstSeq, offsetDelta),
      lastOffset: batchLastOffset(bytes, at),
      offsetDelta,
      timestamp: batchMaxTimestamp(bytes, at),
    });
  }

  /** Forgets producers that expired at `now`; resolves to how many. */
  removeExpired(now: number): number {
    let removed = 0;
    for (const [producerId, entry] of this.producers) {
      if (this.isExpired(entry, now)) {
        this.producers.delete(producerId);
        removed++;
      }
    }
    return removed;
  }

  /** Every entry, by producer id (for snapshots and tests); copies. */
  entries(): ProducerStateEntry[] {
    return [...this.producers.values()].sort((a, b) => a.producerId - b.producerId).map(copyEntry);
  }

  /** Replaces the state with `entries` (a snapshot's). */
  restore(entries: readonly ProducerStateEntry[]): void {
    this.producers.clear();
    for (const entry of entries) this.producers.set(entry.producerId, copyEntry(entry));
  }

  /** Forgets everything (before a rebuild from the log start). */
  clear(): void {
    this.producers.clear();
    this.aborted = [];
  }
}

/** The answer to an append made only of duplicates: the original batches' offsets and time. */
export function duplicateResult(info: ProducerAppendInfo): AppendResult {
  const first = info.duplicates[0]!;
  const last = info.duplicates[info.duplicates.length - 1]!;
  return {
    baseOffset: firstOffsetOf(first),
    lastOffset: last.lastOffset,
    recordCount: info.duplicateRecords,
    appendTime: first.timestamp,
  };
}

/** The answer to an append that wrote `written` after skipping `info`'s leading duplicates (if any). */
export function appendResult(
  info: ProducerAppendInfo | undefined,
  written: { baseOffset: number; lastOffset: number; recordCount: number },
  appendTime: number,
): AppendResult {
  const first = info?.duplicates[0];
  return {
    baseOffset: first === undefined ? written.baseOffset : firstOffsetOf(first),
    lastOffset: written.lastOffset,
    recordCount: written.recordCount + (info?.duplicateRecords ?? 0),
    appendTime,
  };
}
