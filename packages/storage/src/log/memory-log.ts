/**
 * MemoryLog: the PartitionLog contract held in memory, for tests and the broker's
 * in-memory mode. It keeps the same RecordBatch bytes, segments, rolling and
 * retention rules as the file log (shared code decides them), only nothing is
 * durable: the high watermark is always the log end offset. Transactions follow the same
 * producer state code as the file log (markers, last stable offset, aborted transactions).
 */
import { type Clock, systemClock } from '@mini-kafka/protocol/core';
import { batchBaseOffset, batchLastOffset, batchMaxTimestamp, batchSize } from '../record-batch/batch-header.js';
import { DEFAULT_INFLATERS, type Inflaters } from '../record-batch/compression.js';
import { decodeBatchRecords } from '../record-batch/decode.js';
import type { RecordInput } from '../record-batch/record.js';
import { assignOffsets } from './assign-offsets.js';
import { encodeControlBatch } from './control-batches.js';
import { DataWaiters } from './data-waiters.js';
import { type LogConfig, resolveLogConfig } from './log-config.js';
import { logClosed, offsetOutOfRange } from './log-errors.js';
import { decodeRead } from './log-reads.js';
import { segmentsBelow } from './log-start-offset.js';
import { encodeForAppend, validateBatches } from './log-validator.js';
import type {
  AbortedTransaction,
  AppendResult,
  IsolationLevel,
  LogName,
  PartitionLog,
  ProducerAppendOptions,
  ProducerDescription,
  RawReadResult,
  ReadOptions,
  ReadResult,
  TimestampOffset,
  TransactionMarker,
} from './partition-log.js';
import { appendResult, duplicateResult, ProducerStateManager } from './producer-state-manager.js';
import { type SegmentStats, segmentsToDelete, shouldRoll } from './retention.js';
import { hiddenBatches, readVisible } from './txn-reads.js';

const DEFAULT_MAX_READ_BYTES = 1024 * 1024;

interface MemorySegment extends SegmentStats {
  batches: Buffer[];
  nextOffset: number;
}

export interface MemoryLogOptions extends LogName {
  config?: Partial<LogConfig>;
  clock?: Clock;
  /** How `read` and `offsetForTimestamp` inflate compressed batches. Default: gzip only. */
  inflaters?: Inflaters;
  /** Kafka's producer.id.expiration.ms: an idempotent producer is forgotten this long after its last append. Default 1 day. */
  producerIdExpirationMs?: number;
}

function newSegment(baseOffset: number): MemorySegment {
  return { baseOffset, nextOffset: baseOffset, size: 0, maxTimestamp: -1, rollingTimestamp: -1, batches: [] };
}

export class MemoryLog implements PartitionLog {
  private settings: LogConfig;
  private segments: MemorySegment[] = [newSegment(0)];
  /** The log start offset DeleteRecords set; the first segment's base when higher. */
  private startOffset = 0;
  private readonly waiters = new DataWaiters();
  /** read_committed waiters: woken by the last stable offset. */
  private readonly committedWaiters = new DataWaiters();
  private readonly clock: Clock;
  private readonly tp: LogName;
  private readonly inflaters: Inflaters;
  /** The partition's idempotent producers (shared code with the file log). */
  readonly producerState: ProducerStateManager;
  private closed = false;

  constructor(options: MemoryLogOptions = {}) {
    this.settings = resolveLogConfig(options.config);
    this.clock = options.clock ?? systemClock;
    this.inflaters = options.inflaters ?? DEFAULT_INFLATERS;
    this.tp = { topic: options.topic, partition: options.partition };
    this.producerState = new ProducerStateManager(options.producerIdExpirationMs);
  }

  private get active(): MemorySegment {
    return this.segments[this.segments.length - 1]!;
  }

  get config(): LogConfig {
    return this.settings;
  }

  reconfigure(config: Partial<LogConfig>): void {
    this.settings = resolveLogConfig(config);
  }

  get logStartOffset(): number {
    return Math.max(this.segments[0]!.baseOffset, this.startOffset);
  }

  get logEndOffset(): number {
    return this.active.nextOffset;
  }

  get highWatermark(): number {
    return this.logEndOffset;
  }

  get size(): number {
    return this.segments.reduce((sum, segment) => sum + segment.size, 0);
  }

  get lastStableOffset(): number {
    return this.producerState.lastStableOffset(this.highWatermark);
  }

  async appendControl(marker: TransactionMarker): Promise<AppendResult> {
    return this.write(encodeControlBatch(marker, this.clock.now()));
  }

  async abortedTransactions(fetchOffset: number, upperBoundOffset: number): Promise<AbortedTransaction[]> {
    if (this.closed) throw logClosed(this.tp);
    return this.producerState.abortedTransactions(fetchOffset, upperBoundOffset);
  }

  producers(): ProducerDescription[] {
    return this.producerState.describe(this.clock.now());
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  get maxTimestamp(): number {
    return this.segments.reduce((max, segment) => Math.max(max, segment.maxTimestamp), -1);
  }

  async append(records: readonly RecordInput[], producer?: ProducerAppendOptions): Promise<AppendResult> {
    return this.write(encodeForAppend(this.tp, records, this.clock.now(), this.config.maxBatchBytes, producer));
  }

  async appendBatch(batches: Buffer): Promise<AppendResult> {
    validateBatches(this.tp, batches, this.config.maxBatchBytes);
    return this.write(batches);
  }

  private write(appended: Buffer): AppendResult {
    if (this.closed) throw logClosed(this.tp);
    const now = this.clock.now();
    const producer = this.producerState.analyze(this.tp, appended, now);
    if (producer !== undefined && producer.batches.length === 0) return duplicateResult(producer);
    const batches = producer === undefined ? appended : appended.subarray(producer.skipBytes);
    const prepared = assignOffsets(batches, this.logEndOffset);
    if (shouldRoll(this.active, batches.length, prepared.lastOffset, this.config, now)) this.rollNow();
    const copy = Buffer.from(batches);
    const segment = this.active;
    for (let at = 0; at < copy.length; at += batchSize(copy, at)) {
      const batch = copy.subarray(at, at + batchSize(copy, at));
      segment.batches.push(batch);
      segment.size += batch.length;
      const max = batchMaxTimestamp(batch, 0);
      if (segment.rollingTimestamp < 0) segment.rollingTimestamp = max;
      segment.maxTimestamp = Math.max(segment.maxTimestamp, max);
      segment.nextOffset = batchLastOffset(batch, 0) + 1;
    }
    if (producer !== undefined) this.producerState.apply(producer, copy, now, now);
    this.waiters.notify(this.logEndOffset);
    this.committedWaiters.notify(this.lastStableOffset);
    return appendResult(producer, prepared, now);
  }

  async read(offset: number, options: ReadOptions = {}): Promise<ReadResult> {
    return readVisible(offset, options.isolation === 'read_committed', async (from) => {
      const raw = await this.readRaw(from, options);
      const hidden = hiddenBatches(this.producerState.abortedFrom(from));
      return decodeRead(raw, from, options.maxRecords, this.inflaters, hidden);
    });
  }

  async readRaw(offset: number, options: ReadOptions = {}): Promise<RawReadResult> {
    if (this.closed) throw logClosed(this.tp);
    const start = this.logStartOffset;
    const end = this.logEndOffset;
    if (!Number.isSafeInteger(offset) || offset < start || offset > end)
      throw offsetOutOfRange(this.tp, offset, start, end);
    const budget = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
    const lastStableOffset = this.lastStableOffset;
    // read_committed: a batch at or past the LSO is not returned (the LSO is always a batch's first offset).
    const limit = options.isolation === 'read_committed' ? lastStableOffset : end;
    const endOffset = options.maxRecords === undefined ? end : offset + Math.max(1, options.maxRecords);
    const parts: Buffer[] = [];
    let used = 0;
    let nextOffset = offset;
    outer: for (const segment of this.segments) {
      if (segment.nextOffset <= offset) continue;
      for (const batch of segment.batches) {
        if (batchLastOffset(batch, 0) < offset) continue;
        if (batchBaseOffset(batch, 0) >= limit) break outer;
        if (parts.length > 0 && (used + batch.length > budget || nextOffset >= endOffset)) break outer;
        parts.push(batch);
        used += batch.length;
        nextOffset = batchLastOffset(batch, 0) + 1;
      }
    }
    return { chunks: parts, size: used, nextOffset, highWatermark: end, logStartOffset: start, lastStableOffset };
  }

  async offsetForTimestamp(timestamp: number): Promise<TimestampOffset | undefined> {
    if (this.closed) throw logClosed(this.tp);
    for (const segment of this.segments) {
      if (segment.maxTimestamp < timestamp) continue;
      for (const batch of segment.batches) {
        if (batchMaxTimestamp(batch, 0) < timestamp || batchLastOffset(batch, 0) < this.logStartOffset) continue;
        const record = decodeBatchRecords(batch, 0, [], 0, this.inflaters).find(
          (candidate) => candidate.timestamp >= timestamp && candidate.offset >= this.logStartOffset,
        );
        if (record !== undefined) return { offset: record.offset, timestamp: record.timestamp };
      }
    }
    return undefined;
  }

  waitForData(offset: number, timeoutMs: number, signal?: AbortSignal, isolation?: IsolationLevel): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (isolation === 'read_committed') {
      return this.committedWaiters.wait(offset, this.lastStableOffset, timeoutMs, signal);
    }
    return this.waiters.wait(offset, this.highWatermark, timeoutMs, signal);
  }

  async roll(): Promise<void> {
    if (this.closed) throw logClosed(this.tp);
    this.rollNow();
  }

  private rollNow(): void {
    if (this.active.size === 0) return;
    this.segments.push(newSegment(this.logEndOffset));
  }

  async deleteOldSegments(): Promise<number> {
    if (this.closed) return 0;
    const now = this.clock.now();
    const count = Math.max(
      segmentsToDelete(this.segments, this.config, now),
      segmentsBelow(this.segments, this.startOffset),
    );
    this.segments = this.segments.slice(count);
    this.producerState.removeExpired(now);
    this.producerState.removeAbortedBelow(this.logStartOffset);
    return count;
  }

  async deleteRecords(offset: number): Promise<number> {
    if (this.closed) throw logClosed(this.tp);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > this.highWatermark) {
      throw offsetOutOfRange(this.tp, offset, this.logStartOffset, this.highWatermark);
    }
    if (offset <= this.logStartOffset) return this.logStartOffset;
    this.startOffset = offset;
    if (this.active.nextOffset <= offset) this.rollNow();
    this.segments = this.segments.slice(segmentsBelow(this.segments, offset));
    this.producerState.removeAbortedBelow(this.logStartOffset);
    return this.logStartOffset;
  }

  async flush(): Promise<void> {
    if (this.closed) throw logClosed(this.tp);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiters.closeAll();
    this.committedWaiters.closeAll();
  }
}
