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
 * dropped from memory at the next `removeExpired`.
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
import type { AppendResult, LogName } from './partition-log.js';
import { analyzeProducerAppend, type ProducerAppendInfo } from './producer-append-info.js';
import {
  addBatch,
  copyEntry,
  emptyEntry,
  firstOffsetOf,
  incrementSequence,
  NO_PRODUCER_ID,
  type ProducerStateEntry,
} from './producer-state-entry.js';

/** Kafka's producer.id.expiration.ms default: one day. */
export const DEFAULT_PRODUCER_ID_EXPIRATION_MS = 24 * 60 * 60 * 1000;

/** How to put a producer back as it was before an append that failed to be written. */
export interface ProducerUndo {
  producerId: number;
  previous: ProducerStateEntry | undefined;
}

export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>();

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
    return now - entry.lastTimestamp >= this.producerIdExpirationMs;
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
    const undo: ProducerUndo = { producerId: info.producerId, previous: live && copyEntry(live) };
    const entry = live ?? emptyEntry(info.producerId);
    for (const batch of info.batches) {
      const position = batch.position - info.skipBytes;
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
  }

  /** Records a batch read back from the log while rebuilding (no checks: it was accepted once). */
  loadBatch(bytes: Buffer, at: number): void {
    const producerId = readInt64(bytes, at + PRODUCER_ID_OFFSET);
    if (producerId === NO_PRODUCER_ID || producerId < 0) return;
    const firstSeq = bytes.readInt32BE(at + BASE_SEQUENCE_OFFSET);
    if (firstSeq < 0) return;
    const offsetDelta = batchLastOffsetDelta(bytes, at);
    let entry = this.producers.get(producerId);
    if (entry === undefined) {
      entry = emptyEntry(producerId);
      this.producers.set(producerId, entry);
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
