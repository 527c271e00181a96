/**
 * Log: a partition's durable log (Kafka's UnifiedLog), over a LocalLog (local-log.ts: the
 * directory of LogSegments and the disk work on them).
 *
 * Appends go through one SerialQueue (the single writer): assign offsets, roll if needed,
 * write; appends that arrive while a write is in flight are written together in the next
 * one (append-queue.ts, write-group.ts), each keeping its own offsets and answer.
 * Durability then follows the flush policy: with `always`, the append waits for a
 * group-commit fdatasync and only then moves the high watermark; with `interval` and
 * `never`, the high watermark moves at once and syncs happen on a timer, on roll and on
 * close. Readers (log-reads.ts) run concurrently with the writer, on a snapshot of the
 * segment list, and never see past the high watermark, so with `always` a reader never
 * sees a record that a crash could still take away.
 *
 * DeleteRecords moves the log start offset above the first segment's base (kept durably
 * by log-start-offset.ts); reads below it are OFFSET_OUT_OF_RANGE. `reconfigure` applies
 * a new config live: the next append, roll and retention pass see it.
 *
 * Transactions: the producer state tracks each producer's ongoing transaction and the aborted
 * ones (producer-state-manager.ts); appendControl writes a COMMIT/ABORT marker through the same
 * writer, and an ABORT's entry goes to the active segment's .txnindex (txn-index.ts) once the
 * marker is written. The last stable offset bounds read_committed reads and waits.
 */
import { type Clock, isMiniKafkaError, systemClock } from '@mini-kafka/protocol/core';
import type { FileSystem } from '../fs/file-system.js';
import { storageError } from '../fs/io-errors.js';
import { nodeFileSystem } from '../fs/node-file-system.js';
import { DEFAULT_INFLATERS, type Inflaters } from '../record-batch/compression.js';
import type { RecordInput } from '../record-batch/record.js';
import { AppendQueue, type PendingAppend } from './append-queue.js';
import { assignOffsets } from './assign-offsets.js';
import { segmentFor } from './batch-reads.js';
import { encodeControlBatch } from './control-batches.js';
import { DataWaiters } from './data-waiters.js';
import { LocalLog } from './local-log.js';
import { type LogConfig, MAX_SEGMENT_BYTES, resolveLogConfig } from './log-config.js';
import { describeLog, logClosed, offsetOutOfRange } from './log-errors.js';
import { type LoadedLog, type LoadReport, loadLog } from './log-loader.js';
import { decodeRead, findOffsetByTime, onFreshView, type ReadView, readRaw } from './log-reads.js';
import { type ScrubReport, scrubLog } from './log-scrub.js';
import type { LogSegment } from './log-segment.js';
import { segmentsBelow, writeLogStartOffset } from './log-start-offset.js';
import { encodeForAppend, validateBatches } from './log-validator.js';
import { lostPastEnd } from './lost-past-floor.js';
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
import { deleteSnapshotsBelow, writeProducerSnapshot } from './producer-snapshot.js';
import { loadProducerState, type ProducerStateLoadReport } from './producer-state-loader.js';
import { appendResult, duplicateResult, type ProducerStateManager } from './producer-state-manager.js';
import { segmentsToDelete, shouldRoll } from './retention.js';
import { SerialQueue } from './serial-queue.js';
import { deleteTxnIndexesBelow } from './txn-index.js';
import { TxnIndexWriter } from './txn-index-writer.js';
import { hiddenBatches, readVisible } from './txn-reads.js';
import { WriteGroup } from './write-group.js';

export const DEFAULT_MAX_READ_BYTES = 1024 * 1024;

export interface LogOptions extends LogName {
  /** The partition directory; created when missing. */
  directory: string;
  config?: Partial<LogConfig>;
  fs?: FileSystem;
  clock?: Clock;
  /** How `read` and `offsetForTimestamp` inflate compressed batches. Default: gzip only. */
  inflaters?: Inflaters;
  /** Kafka's producer.id.expiration.ms: an idempotent producer is forgotten this long after its last append. Default 1 day. */
  producerIdExpirationMs?: number;
  /** Told of each segment roll, once the new segment is the active one. */
  onRoll?: (rolled: SegmentRolled) => void;
}

/** A segment roll: the partition, and the base offset of its new active segment. */
export interface SegmentRolled extends LogName {
  baseOffset: number;
}

export class Log implements PartitionLog {
  private settings: LogConfig;
  /** What opening the log found (clean or not, bytes truncated, indexes rebuilt, damage: see damage-report.ts). */
  readonly loadReport: LoadReport;
  /** How opening the log rebuilt its producer state (from which snapshot, how many batches read). */
  readonly producerLoadReport: ProducerStateLoadReport;
  /** The partition's idempotent producers (shared code with the memory log). */
  readonly producerState: ProducerStateManager;
  private readonly local: LocalLog;
  private readonly writer = new SerialQueue();
  private readonly appends = new AppendQueue(this.writer, (queued) => this.writeQueued(queued));
  private readonly waiters = new DataWaiters();
  /** read_committed waiters: woken by the last stable offset. */
  private readonly committedWaiters = new DataWaiters();
  private hw: number;
  /** Appends the aborted transactions to the .txnindex files. */
  private readonly txnIndex: TxnIndexWriter;
  private closed = false;
  private readonly damageListeners = new Set<(report: ScrubReport) => void>();
  /** Base offsets of the segments a read that met damage had scrubbed. */
  private readonly readScrubbed = new Set<number>();
  /** The log start offset DeleteRecords set; the first segment's base when higher. */
  private startOffset: number;

  private constructor(
    private readonly options: LogOptions & { fs: FileSystem; clock: Clock; inflaters: Inflaters },
    config: LogConfig,
    loaded: LoadedLog,
  ) {
    this.settings = config;
    this.local = new LocalLog(options.fs, options.directory, this.tp, loaded.segments, (offset) => {
      if (this.config.flush === 'always') this.advanceHighWatermark(offset);
    });
    this.startOffset = Math.min(loaded.logStartOffset, this.logEndOffset);
    this.loadReport = loaded.report;
    this.producerState = loaded.producerState;
    this.producerLoadReport = loaded.producerReport;
    this.hw = this.logEndOffset;
    const staleFrom = loaded.producerReport.txnIndexStaleFrom;
    this.txnIndex = new TxnIndexWriter(options.fs, options.directory, this.producerState, this.logEndOffset, staleFrom);
    this.startFlushTimer();
  }

  private startFlushTimer(): void {
    this.local.flushEvery(this.config.flush === 'interval' ? this.config.flushIntervalMs : undefined);
  }

  /** The settings in force. */
  get config(): LogConfig {
    return this.settings;
  }

  /** Applies new settings live: the next append, roll, retention pass and flush timer follow them. */
  reconfigure(config: Partial<LogConfig>): void {
    const previous = this.settings;
    this.settings = resolveLogConfig(config);
    if (previous.flush !== this.settings.flush || previous.flushIntervalMs !== this.settings.flushIntervalMs) {
      if (!this.closed) this.startFlushTimer();
    }
  }

  /** Opens (or creates) the log in `options.directory`, recovering it after an unclean stop. */
  static async open(options: LogOptions): Promise<Log> {
    const fs = options.fs ?? nodeFileSystem;
    const clock = options.clock ?? systemClock;
    const inflaters = options.inflaters ?? DEFAULT_INFLATERS;
    const config = resolveLogConfig(options.config);
    const loaded = await loadLog(fs, options.directory, {
      indexIntervalBytes: config.indexIntervalBytes,
      maxBatchSize: MAX_SEGMENT_BYTES,
      clock,
      producerIdExpirationMs: options.producerIdExpirationMs,
      name: { topic: options.topic, partition: options.partition },
      flush: config.flush,
    });
    return new Log({ ...options, fs, clock, inflaters }, config, loaded);
  }

  private get tp(): LogName {
    return { topic: this.options.topic, partition: this.options.partition };
  }

  get logStartOffset(): number {
    return this.startOffsetOf(this.local.segments);
  }

  /** The log start offset of `segments`, a snapshot of the segment list. */
  private startOffsetOf(segments: readonly LogSegment[]): number {
    return Math.max(segments[0]!.baseOffset, this.startOffset);
  }

  get logEndOffset(): number {
    return this.local.logEndOffset;
  }

  get highWatermark(): number {
    return this.hw;
  }

  get size(): number {
    return this.local.size;
  }

  get segmentCount(): number {
    return this.local.segments.length;
  }

  get maxTimestamp(): number {
    return this.local.maxTimestamp;
  }

  get lastStableOffset(): number {
    return this.producerState.lastStableOffset(this.hw);
  }

  appendControl(marker: TransactionMarker): Promise<AppendResult> {
    return this.write(encodeControlBatch(marker, this.options.clock.now()));
  }

  async abortedTransactions(fetchOffset: number, upperBoundOffset: number): Promise<AbortedTransaction[]> {
    if (this.closed) throw logClosed(this.tp);
    return this.producerState.abortedTransactions(fetchOffset, upperBoundOffset);
  }

  producers(): ProducerDescription[] {
    return this.producerState.describe(this.options.clock.now());
  }

  /** The base offsets of the segments, oldest first. */
  get segmentBaseOffsets(): number[] {
    return this.local.segments.map((segment) => segment.baseOffset);
  }

  async append(records: readonly RecordInput[], producer?: ProducerAppendOptions): Promise<AppendResult> {
    return this.write(encodeForAppend(this.tp, records, this.options.clock.now(), this.config.maxBatchBytes, producer));
  }

  async appendBatch(batches: Buffer): Promise<AppendResult> {
    validateBatches(this.tp, batches, this.config.maxBatchBytes);
    return this.write(batches);
  }

  private async write(batches: Buffer): Promise<AppendResult> {
    const result = await this.appends.submit(batches);
    if (this.config.flush === 'always') await this.local.waitDurable(result.lastOffset + 1);
    return result;
  }

  /**
   * The single writer's turn: the appends queued while a write was in flight go to disk in one write (write
   * coalescing), in arrival order, rolling between them when a segment fills up; each keeps its own offsets and answer.
   */
  private async writeQueued(queued: PendingAppend[]): Promise<void> {
    await this.repairIfFailed();
    const now = this.options.clock.now();
    let group = new WriteGroup();
    for (const append of queued) {
      try {
        this.assertWritable();
        const producer = this.producerState.analyze(this.tp, append.batches, now);
        if (producer !== undefined && producer.batches.length === 0) {
          // A retry of batches already accepted: answered with the group, writing nothing.
          group.addDuplicate(append, duplicateResult(producer));
          continue;
        }
        const bytes = producer === undefined ? append.batches : append.batches.subarray(producer.skipBytes);
        let prepared = assignOffsets(bytes, group.nextOffset(this.logEndOffset));
        const stats = group.segmentStats(this.local.active);
        if (shouldRoll(stats, bytes.length, prepared.lastOffset, this.config, now)) {
          await this.writeGroup(group);
          group = new WriteGroup();
          this.assertWritable();
          await this.rollNow();
          prepared = assignOffsets(bytes, this.logEndOffset);
        }
        const undo = producer === undefined ? undefined : this.producerState.apply(producer, bytes, now, now);
        group.add(append, bytes, appendResult(producer, prepared, now), undo, prepared.maxTimestamp);
      } catch (error) {
        append.reject(error);
      }
    }
    await this.writeGroup(group);
  }

  /** Writes a group in one write and answers its appends. Writer only. */
  private async writeGroup(group: WriteGroup): Promise<void> {
    if (group.isEmpty) return;
    try {
      await this.local.append(group.parts);
    } catch (failure) {
      // Nothing of the group was kept: forget what it told the producer state.
      group.reject(failure, (undo) => this.producerState.undo(undo));
      return;
    }
    await this.txnIndex.written(this.local.active.baseOffset, this.logEndOffset, this.config.flush === 'always');
    if (this.config.flush !== 'always') this.advanceHighWatermark(this.logEndOffset);
    group.resolve();
  }

  private assertWritable(): void {
    if (this.closed) throw logClosed(this.tp);
    this.local.assertHealthy();
  }

  /**
   * Repairs what a failed write, roll or fsync left (local-log.ts), so appends resume once the disk allows; records
   * cut off take the high watermark and producer state with them. Never throws (`assertWritable` says why). Writer only.
   */
  private async repairIfFailed(): Promise<void> {
    if (this.closed || this.local.healthy) return;
    await this.local
      .repair(
        { indexIntervalBytes: this.config.indexIntervalBytes, keepWritten: this.config.flush !== 'always' },
        async (offset) => {
          this.hw = Math.min(this.hw, offset);
          const { fs, directory, clock } = this.options;
          const report = await loadProducerState(fs, directory, this.local.segments, this.producerState, clock.now());
          this.txnIndex.reset(this.logEndOffset, report.txnIndexStaleFrom);
        },
      )
      .catch(() => undefined);
  }

  private advanceHighWatermark(offset: number): void {
    if (offset <= this.hw) return;
    this.hw = offset;
    this.waiters.notify(offset);
    this.committedWaiters.notify(this.lastStableOffset);
  }

  async read(offset: number, options: ReadOptions = {}): Promise<ReadResult> {
    return readVisible(offset, options.isolation === 'read_committed', async (from) => {
      const raw = await this.readRaw(from, options);
      const hidden = hiddenBatches(this.producerState.abortedFrom(from));
      return decodeRead(raw, from, options.maxRecords, this.options.inflaters, hidden);
    });
  }

  async readRaw(offset: number, options: ReadOptions = {}): Promise<RawReadResult> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
    const committed = options.isolation === 'read_committed';
    try {
      const view = () => this.readView();
      return await readRaw(this.tp, view, offset, maxBytes, options.maxRecords, options.allocate, committed);
    } catch (error) {
      this.damageMet(offset, error);
      throw error;
    }
  }

  /**
   * Calls `listener` with what a scrub found when a read that met damage started it (see
   * `damageMet`); the background scrub's own findings are its caller's to report.
   */
  onDamageFound(listener: (report: ScrubReport) => void): void {
    this.damageListeners.add(listener);
  }

  /**
   * A read failed with CORRUPT_MESSAGE at `offset`: the segment holding it is scrubbed (once
   * per segment while the log is open), so damage no scrub has reached yet is registered,
   * kept aside and reported like the scrub's, and a bad index is rebuilt.
   */
  private damageMet(offset: number, error: unknown): void {
    if (this.closed || !isMiniKafkaError(error, 'CORRUPT_MESSAGE')) return;
    const segments = this.local.segments;
    const segment = segments[segmentFor(segments, offset)]!;
    if (this.readScrubbed.has(segment.baseOffset)) return;
    this.readScrubbed.add(segment.baseOffset);
    this.scrub({ only: (candidate) => candidate === segment })
      .then((report) => {
        if (report.damage.length === 0 && report.rebuiltIndexes.length === 0) return;
        for (const listener of this.damageListeners) listener(report);
      })
      .catch(() => undefined);
  }

  /** What a reader sees now: the segment list, the high watermark, the log start offset. LOG_CLOSED once closed. */
  private readView(): ReadView {
    if (this.closed) throw logClosed(this.tp);
    const segments = this.local.segments;
    return {
      segments,
      highWatermark: this.hw,
      logStartOffset: this.startOffsetOf(segments),
      lastStableOffset: this.lastStableOffset,
    };
  }

  async offsetForTimestamp(timestamp: number): Promise<TimestampOffset | undefined> {
    return onFreshView(
      this.tp,
      () => this.readView(),
      ({ segments, highWatermark, logStartOffset }) =>
        findOffsetByTime(this.tp, segments, timestamp, highWatermark, this.options.inflaters, logStartOffset),
    );
  }

  /**
   * Checks every stored batch and index entry in the background (log-scrub.ts): damage found
   * joins `loadReport.damage` (the topic description shows it) and its range reads as
   * missing; indexes that disagree with the batches are rebuilt.
   */
  async scrub(
    options: { only?: (segment: LogSegment) => boolean; stopped?: () => boolean; windowBytes?: number } = {},
  ): Promise<ScrubReport> {
    const { only, stopped, windowBytes } = options;
    const report = await scrubLog(
      {
        context: {
          fs: this.options.fs,
          directory: this.options.directory,
          name: this.tp,
          flush: this.config.flush,
          maxBatchSize: MAX_SEGMENT_BYTES,
        },
        segments: () => this.local.segments,
        logStartOffset: () => this.logStartOffset,
        inWriter: (work) => this.writer.run(async () => (this.closed ? undefined : work())),
        closed: () => this.closed || stopped?.() === true,
        ...(windowBytes === undefined ? {} : { windowBytes }),
      },
      only,
    );
    if (report.damage.length > 0) {
      this.loadReport.damage.push(...report.damage);
      this.loadReport.damage.sort((a, b) => a.fromOffset - b.fromOffset);
    }
    return report;
  }

  waitForData(offset: number, timeoutMs: number, signal?: AbortSignal, isolation?: IsolationLevel): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (isolation === 'read_committed') {
      return this.committedWaiters.wait(offset, this.lastStableOffset, timeoutMs, signal);
    }
    return this.waiters.wait(offset, this.hw, timeoutMs, signal);
  }

  /**
   * Moves the log end up to `floor` when it is behind it: a reader's proof (a group's committed
   * offset) shows the offsets below `floor` existed, so they are lost, never reused. A new segment
   * starts at `floor`, the range reads as CORRUPT_MESSAGE and is reported as data loss in
   * `loadReport.damage`. Resolves to the number of offsets lost (0: the log end was not behind).
   * Meant for the start, before any append; storage knows nothing of who holds the proof.
   */
  continueAtLeastAt(floor: number): Promise<number> {
    return this.writer.run(async () => {
      const end = this.logEndOffset;
      if (floor <= end) return 0;
      this.assertWritable();
      const active = this.local.segments.at(-1)!;
      await this.local.continueAt(floor, this.config.indexIntervalBytes);
      const findings = lostPastEnd(this.loadReport.damage, this.tp, active.baseOffset, end, floor);
      this.loadReport.damage.splice(0, this.loadReport.damage.length, ...findings);
      this.advanceHighWatermark(this.logEndOffset);
      return floor - end;
    });
  }

  roll(): Promise<void> {
    return this.writer.run(async () => {
      await this.repairIfFailed();
      this.assertWritable();
      await this.rollNow();
    });
  }

  /** Flushes the active segment, writes its indexes and starts a new one. Writer only. */
  private async rollNow(): Promise<void> {
    const rolledAt = await this.local.roll(this.config.indexIntervalBytes);
    if (rolledAt === undefined) return;
    this.options.onRoll?.({ ...this.tp, baseOffset: rolledAt });
    await this.snapshotProducers(rolledAt);
  }

  /**
   * Snapshots the producer state at `offset` (every batch below it applied, none above).
   * Writer only. A failure costs only recovery time (the log has the batches), so it is not the append's.
   */
  private async snapshotProducers(offset: number): Promise<void> {
    try {
      // A snapshot past a .txnindex that misses entries would keep recovery from rebuilding it.
      if (!(await this.txnIndex.rewriteStale(this.local.segments))) return;
      this.producerState.removeExpired(this.options.clock.now());
      await writeProducerSnapshot(this.options.fs, this.options.directory, offset, this.producerState.entries());
    } catch {
      // The next roll or close writes a fresh one; until then recovery scans a little further.
    }
  }

  deleteOldSegments(): Promise<number> {
    return this.writer.run(async () => {
      if (this.closed) return 0;
      const now = this.options.clock.now();
      this.producerState.removeExpired(now);
      const segments = this.local.segments;
      const count = Math.max(segmentsToDelete(segments, this.config, now), segmentsBelow(segments, this.startOffset));
      return this.deleteFirstSegments(count);
    });
  }

  /** Deletes the `count` oldest segments, and the producer snapshots below the new log start. Writer only. */
  private async deleteFirstSegments(count: number): Promise<number> {
    if (count === 0) return 0;
    await this.local.deleteOldest(count);
    await deleteSnapshotsBelow(this.options.fs, this.options.directory, this.logStartOffset);
    await deleteTxnIndexesBelow(this.options.fs, this.options.directory, this.local.segments[0]!.baseOffset);
    this.producerState.removeAbortedBelow(this.logStartOffset);
    return count;
  }

  /**
   * Moves the log start to `offset` and deletes the segments wholly below it. It frees space
   * before it needs any, so it works on a full disk: the closed segments go first, then (when
   * every record goes) the active one is rolled and goes too, and only then is the new start
   * written. A crash before that write reopens at the first segment kept: never below what
   * the disk still holds, at worst a little below `offset`, as with Kafka's periodic
   * checkpoint. An I/O failure is a KAFKA_STORAGE_ERROR naming its cause (507 over HTTP for a
   * full disk); whatever was deleted by then stays deleted, and a retry finishes the job.
   */
  deleteRecords(offset: number): Promise<number> {
    return this.writer.run(async () => {
      await this.repairIfFailed();
      this.assertWritable();
      if (!Number.isSafeInteger(offset) || offset < 0 || offset > this.hw) {
        throw offsetOutOfRange(this.tp, offset, this.logStartOffset, this.hw);
      }
      if (offset <= this.logStartOffset) return this.logStartOffset;
      try {
        // Everything below the new start must be durable first, so a crash cannot leave the log shorter than it.
        await this.flush();
        await this.deleteFirstSegments(segmentsBelow(this.local.segments, offset));
        if (this.logEndOffset <= offset) {
          await this.rollNow();
          await this.deleteFirstSegments(segmentsBelow(this.local.segments, offset));
        }
        await writeLogStartOffset(this.options.fs, this.options.directory, offset);
        this.startOffset = offset;
        this.producerState.removeAbortedBelow(offset);
      } catch (error) {
        throw storageError(`Deleting the records of ${describeLog(this.tp)} below ${offset} failed`, error, {
          ...this.tp,
        });
      }
      return this.logStartOffset;
    });
  }

  async flush(): Promise<void> {
    await this.local.flush();
  }

  /** Flushes, writes the indexes and closes; the files are closed even when that fails (a full disk), and the next open recovers. */
  close(): Promise<void> {
    return this.writer.run(async () => {
      if (this.closed) return;
      await this.repairIfFailed();
      this.closed = true;
      this.local.flushEvery(undefined);
      this.waiters.closeAll();
      this.committedWaiters.closeAll();
      let clean = false;
      try {
        if (this.local.healthy) {
          await this.local.checkpointActive();
          await this.snapshotProducers(this.logEndOffset);
          clean = true;
        }
      } finally {
        await this.local.close(clean);
      }
    });
  }

  /**
   * Closes the files at once, writing nothing (Kafka's closeHandlers): for a log about to be deleted, whose space then
   * comes back as soon as its files go. Reads in flight finish on their own handles; later calls fail as after `close`.
   */
  discard(): Promise<void> {
    return this.writer.run(async () => {
      if (this.closed) return;
      this.closed = true;
      this.waiters.closeAll();
      this.committedWaiters.closeAll();
      await this.local.close(false);
    });
  }
}
