/**
 * LogOffsetStore: committed offsets kept durable in a storage `Log` (flush `always`) under
 * `<dataDir>/~coordinator/offsets/` (or a directory given as is), like Kafka's `__consumer_offsets`, and in memory
 * for reads. Record layout: offset-records.ts; directories and the swap: offset-log-files.ts.
 *
 * - Each `commit`/`remove` call is ONE record batch, so it is all or nothing even across
 *   a crash: recovery keeps whole, CRC-valid batches only. A call resolves after fsync.
 * - Appends are issued in call order (the Log is the single writer) and share fsyncs;
 *   their effects reach the in-memory table in the same order, once durable.
 * - Opening replays the log, latest record per key wins, null values delete. It never fails
 *   because of what the files hold: it reads the segment files itself before the storage Log
 *   opens them, skips damaged bytes and applies every intact record (offset-log-replay.ts has
 *   the rules), reports each damaged range in `openReport.damaged`, copies the damaged files
 *   aside (`openReport.keptAside`) and rewrites the log from what it read, through the
 *   compaction's swap, so later opens read it cleanly. Only I/O errors fail an open.
 * - Pending transactional offsets (txn-offset-records.ts) are written and replayed the same
 *   way; a transaction's completion is one record, applied in log order; compaction keeps
 *   what is still pending.
 * - Compaction rewrites the live entries into a fresh log and swaps it in crash-safely.
 *   It runs on open, and in the background after a write, whenever the log holds more
 *   than `compactMinRecords` records and more than `compactRatio` times the live entries.
 *   Writes issued during a compaction wait for it, then proceed in order.
 */

import type { TopicPartition } from '@mini-kafka/protocol/core';
import { type Clock, MiniKafkaError, systemClock } from '@mini-kafka/protocol/core';
import {
  type FileSystem,
  ioErrorCode,
  Log,
  type LogConfig,
  nodeFileSystem,
  OUT_OF_SPACE_CODES,
  type RecordInput,
} from '@mini-kafka/storage';
import {
  keepAside,
  type OffsetLogPaths,
  offsetLogPaths,
  offsetLogPathsAt,
  recoverOffsetDirectories,
  swapInCompacted,
} from './offset-log-files.js';
import { type OffsetLogReplay, replayOffsetLog } from './offset-log-replay.js';
import { commitRecord, tombstoneRecord } from './offset-records.js';
import type { CommittedOffset, OffsetStore } from './offset-store.js';
import type { OffsetStoreOpenReport } from './offset-store-report.js';
import { OffsetTable } from './offset-table.js';
import { storeClosed, storeFailed } from './store-errors.js';
import { completionRecord, pendingRecord } from './txn-offset-records.js';

export interface LogOffsetStoreOptions {
  /** The broker's data directory; the log goes to `<dataDir>/~coordinator/offsets/`. */
  dataDir?: string;
  /** Or the log directory itself (compaction uses `<directory>.new` and friends beside it). One of the two is required. */
  directory?: string;
  /** Compact when the log holds more records than this... Default 10,000. */
  compactMinRecords?: number;
  /** ...and more than this many times the live entries. Default 2. */
  compactRatio?: number;
  /** Segment size of the offsets log. Default 100 MiB (Kafka's offsets.topic.segment.bytes). */
  segmentBytes?: number;
  clock?: Clock;
  fs?: FileSystem;
}

export type { OffsetStoreOpenReport } from './offset-store-report.js';

const MAX_BATCH_BYTES = 64 * 1024 * 1024;
const COMPACTION_BATCH_RECORDS = 1000;

export class LogOffsetStore implements OffsetStore {
  private readonly table = new OffsetTable();
  private readonly paths: OffsetLogPaths;
  private readonly fs: FileSystem;
  private readonly clock: Clock;
  /** Set by load(); replaced by each compaction. */
  private log!: Log;
  private records = 0;
  private compactions = 0;
  /** Settles when every write issued so far has been applied (or has failed). */
  private applied: Promise<void> = Promise.resolve();
  private compaction: Promise<void> | undefined;
  private failure: unknown;
  private closing = false;
  /** Background compaction failures, one line each. */
  readonly warnings: string[] = [];
  readonly openReport: OffsetStoreOpenReport = {
    recordsReplayed: 0,
    recordsSkipped: 0,
    damaged: [],
    keptAside: [],
    repairs: [],
    recovered: false,
    compacted: false,
  };

  private constructor(private readonly options: LogOffsetStoreOptions) {
    if ((options.dataDir === undefined) === (options.directory === undefined)) {
      throw new MiniKafkaError('INVALID_CONFIG', 'LogOffsetStore needs exactly one of dataDir and directory');
    }
    this.paths =
      options.directory !== undefined ? offsetLogPathsAt(options.directory) : offsetLogPaths(options.dataDir!);
    this.fs = options.fs ?? nodeFileSystem;
    this.clock = options.clock ?? systemClock;
  }

  static async open(options: LogOffsetStoreOptions): Promise<LogOffsetStore> {
    const store = new LogOffsetStore(options);
    try {
      await store.load();
    } catch (error) {
      await (store.log as Log | undefined)?.close().catch(() => undefined);
      throw error;
    }
    return store;
  }

  /** The live log's directory. */
  get directory(): string {
    return this.paths.current;
  }

  /** Records in the log, live entries in memory, compactions done since open. */
  get stats(): { records: number; live: number; compactions: number } {
    return { records: this.records, live: this.table.size, compactions: this.compactions };
  }

  private logConfig(flush: LogConfig['flush']): Partial<LogConfig> {
    return {
      flush,
      retentionMs: -1,
      retentionBytes: -1,
      segmentBytes: this.options.segmentBytes ?? 100 * 1024 * 1024,
      maxBatchBytes: MAX_BATCH_BYTES,
    };
  }

  private openLog(directory: string, flush: LogConfig['flush']): Promise<Log> {
    return Log.open({
      directory,
      config: this.logConfig(flush),
      fs: this.fs,
      clock: this.clock,
      topic: '~coordinator-offsets',
      partition: 0,
    });
  }

  private async load(): Promise<void> {
    const report = this.openReport;
    report.repairs = await recoverOffsetDirectories(this.fs, this.paths);
    // Read the files before the Log opens them: its recovery would cut at the first bad batch.
    const replay = await replayOffsetLog(this.fs, this.paths.current, this.table, MAX_BATCH_BYTES);
    report.recordsReplayed = replay.recordsReplayed;
    report.recordsSkipped = replay.recordsSkipped;
    report.damaged = replay.damaged;
    report.repairs.push(...replay.misaligned);
    const rewritten = replay.unsound.length > 0 && (await this.keepAsideAndRewrite(replay));
    if (rewritten) {
      await swapInCompacted(this.fs, this.paths).catch((error: unknown) => {
        throw storeFailed(error);
      });
      report.repairs.push(`rewrote the offsets log from its ${this.table.size} readable live entries`);
    }
    this.log = await this.openLog(this.paths.current, 'always');
    report.recovered = !this.log.loadReport.cleanShutdown && this.log.logEndOffset > 0;
    this.records = this.log.logEndOffset - this.log.logStartOffset;
    const disagrees =
      replay.unsound.length === 0 &&
      (this.log.loadReport.truncatedBytes > 0 || this.log.logEndOffset !== replay.endOffset);
    // Left to the Log's recovery for want of space: no compaction now, it would need space too.
    const cutWithoutCopy = replay.unsound.length > 0 && !rewritten;
    if (disagrees || (!cutWithoutCopy && this.compactionDue())) {
      // Disagreeing, the Log cut something the replay read: rewrite the files from the table.
      if (disagrees) report.repairs.push('rewrote the offsets log: the storage log recovered less than was read');
      await this.compact();
      report.compacted = true;
    }
  }

  /**
   * Copies the unsound files aside, then writes the table into a fresh log (offsets.ready);
   * resolves true when both are done. On a disk too full for them, damage that is only at the
   * end of the last segment (an interrupted last write) is left to the storage Log's recovery,
   * which cuts it without a copy: resolves false, and the report says so. Anything else throws.
   */
  private async keepAsideAndRewrite(replay: OffsetLogReplay): Promise<boolean> {
    const report = this.openReport;
    try {
      // Copies first: once they are durable, the log may be replaced.
      report.keptAside = await keepAside(this.fs, this.paths, replay.unsound, this.clock.now());
      await this.writeCopy();
      return true;
    } catch (error) {
      const code = ioErrorCode(error);
      if (!replay.tailOnly || code === undefined || !OUT_OF_SPACE_CODES.has(code)) throw error;
      report.keptAside = [];
      report.repairs.push(
        `no space to keep the damaged end of the offsets log aside or rewrite the log (${code}): it is cut without a copy`,
      );
      return false;
    }
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.table.get(groupId, topic, partition);
  }

  list(groupId: string, topic?: string): CommittedOffset[] {
    return this.table.list(groupId, topic);
  }

  groupIds(): string[] {
    return this.table.groupIds();
  }

  commit(groupId: string, offsets: readonly CommittedOffset[]): Promise<void> {
    const entries = offsets.map((entry) => ({ ...entry }));
    return this.write(
      entries.map((entry) => commitRecord(groupId, entry)),
      () => {
        for (const entry of entries) this.table.set(groupId, entry);
      },
    );
  }

  remove(groupId: string, partitions: readonly TopicPartition[]): Promise<void> {
    const targets = partitions.map(({ topic, partition }) => ({ topic, partition }));
    return this.write(
      targets.map(({ topic, partition }) => tombstoneRecord(groupId, topic, partition)),
      () => {
        for (const { topic, partition } of targets) this.table.deleteWithPending(groupId, topic, partition);
      },
    );
  }

  commitPending(groupId: string, producerId: number, offsets: readonly CommittedOffset[]): Promise<void> {
    const entries = offsets.map((entry) => ({ ...entry }));
    return this.write(
      entries.map((entry) => pendingRecord(groupId, producerId, entry)),
      () => {
        for (const entry of entries) this.table.setPending(groupId, producerId, entry);
      },
    );
  }

  completePending(groupId: string, producerId: number, commit: boolean): Promise<void> {
    // One record, applied in log order: what it commits is what is pending when it is applied.
    return this.write([completionRecord(groupId, producerId, commit)], () =>
      this.table.completePending(groupId, producerId, commit),
    );
  }

  pending(groupId: string, producerId: number): CommittedOffset[] {
    return this.table.listPending(groupId, producerId);
  }

  pendingProducers(groupId: string): number[] {
    return this.table.pendingProducers(groupId);
  }

  hasPending(groupId: string, topic: string, partition: number): boolean {
    return this.table.hasPending(groupId, topic, partition);
  }

  pendingGroupIds(): string[] {
    return this.table.pendingGroupIds();
  }

  private write(records: RecordInput[], apply: () => void, admitted = false): Promise<void> {
    if (!admitted && this.closing) return Promise.reject(storeClosed());
    if (this.failure !== undefined) return Promise.reject(storeFailed(this.failure));
    if (records.length === 0) return this.applied;
    if (this.compaction !== undefined) {
      const retry = () => this.write(records, apply, true);
      return this.compaction.then(retry, retry);
    }
    const appended = this.log.append(records);
    appended.catch(() => undefined); // observed below, in order; this only keeps it from counting as unhandled
    const done = this.applied
      .then(() => appended)
      .then(() => {
        apply();
        this.records += records.length;
        if (!this.closing && this.compactionDue()) {
          this.compact().catch((error: unknown) => {
            this.warnings.push(`Background compaction of the offsets log failed: ${(error as Error).message}`);
          });
        }
      });
    this.applied = done.catch(() => undefined);
    return done;
  }

  private compactionDue(): boolean {
    const min = this.options.compactMinRecords ?? 10_000;
    const ratio = this.options.compactRatio ?? 2;
    return this.records > min && this.records > ratio * this.table.size;
  }

  /** Rewrites the live entries into a fresh log and swaps it in. Writes issued meanwhile wait. */
  compact(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(storeFailed(this.failure));
    this.compaction ??= this.runCompaction().finally(() => {
      this.compaction = undefined;
    });
    return this.compaction;
  }

  private async runCompaction(): Promise<void> {
    await this.applied;
    const entries = await this.writeCopy();
    // Phase 2: swap. A failure here leaves the store unusable until reopened; opening repairs.
    try {
      await this.log.close();
      await swapInCompacted(this.fs, this.paths);
      this.log = await this.openLog(this.paths.current, 'always');
      this.records = entries;
      this.compactions++;
    } catch (error) {
      this.failure = error;
      throw storeFailed(error);
    }
  }

  /**
   * Phase 1 of a compaction: writes the live entries into `offsets.new` and renames it to
   * `offsets.ready` once durable (the commit point). A failure leaves the live log untouched.
   * Resolves to the number of entries written.
   */
  private async writeCopy(): Promise<number> {
    // In write order: which of a plain commit and a transaction's offset came first must survive the rewrite.
    const entries: RecordInput[] = this.table
      .inWriteOrder()
      .map(({ groupId, producerId, entry }) =>
        producerId === undefined ? commitRecord(groupId, entry) : pendingRecord(groupId, producerId, entry),
      );
    try {
      await this.fs.rmdir(this.paths.next);
      const fresh = await this.openLog(this.paths.next, 'never');
      try {
        for (let i = 0; i < entries.length; i += COMPACTION_BATCH_RECORDS) {
          const chunk = entries.slice(i, i + COMPACTION_BATCH_RECORDS);
          await fresh.append(chunk);
        }
      } finally {
        await fresh.close(); // flushes and fsyncs the copy
      }
      await this.fs.syncDirectory(this.paths.next);
      await this.fs.rename(this.paths.next, this.paths.ready); // the commit point
      await this.fs.syncDirectory(this.paths.root);
    } catch (error) {
      await this.fs.rmdir(this.paths.next).catch(() => undefined);
      throw storeFailed(error);
    }
    return entries.length;
  }

  /** Resolves when every write issued so far, and any compaction, has finished. */
  async idle(): Promise<void> {
    while (this.compaction !== undefined) await this.compaction.catch(() => undefined);
    await this.applied;
    if (this.compaction !== undefined) await this.idle();
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.idle();
    await this.log.close();
  }
}
