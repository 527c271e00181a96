/**
 * The transaction state log: every change of a transactional id, durable in a storage `Log`
 * (flush `always`) under `<dataDir>/~coordinator/transactions/` (or a directory given as is),
 * like Kafka's `__transaction_state`. Records: transaction-records.ts.
 *
 * - `write`/`remove` is one record batch; it resolves after fsync. Writes are issued in call
 *   order (the Log is the single writer).
 * - Opening replays the segment files itself before the Log opens them, like the offsets log
 *   (offsets/offset-log-scan.ts reads them): intact batches apply in order, latest record per
 *   id wins, tombstones forget; damaged bytes are skipped. Files with damage are copied aside
 *   under `~coordinator/damaged/transactions-<time>/` and the log is rewritten from what was
 *   read, through the same crash-safe directory swap as the offsets log
 *   (offsets/offset-log-files.ts, reused as is). A transaction whose latest record was lost to
 *   damage goes back to its previous recorded state, never to an invented one. On a disk too
 *   full for the copies, damage that is only the end of the last segment (an interrupted last
 *   write) is left to the storage Log's recovery, which cuts it.
 * - Compaction rewrites the live ids into a fresh log and swaps it in; it runs on open and
 *   after a write when the log holds more than `compactMinRecords` records and more than
 *   `compactRatio` times the live ids. Writes issued during a compaction wait for it.
 *
 * `MemoryTransactionStateLog` is the same surface keeping nothing (the coordinator's `inMemory`).
 */
import { join } from 'node:path';
import { type Clock, MiniKafkaError } from '@mini-kafka/protocol/core';
import {
  type FileSystem,
  ioErrorCode,
  Log,
  type LogConfig,
  OUT_OF_SPACE_CODES,
  type RecordInput,
} from '@mini-kafka/storage';
import {
  keepAside,
  type OffsetLogPaths,
  recoverOffsetDirectories,
  swapInCompacted,
} from '../offsets/offset-log-files.js';
import { scanSegment } from '../offsets/offset-log-scan.js';
import { cloneMetadata, type TransactionMetadata } from './transaction-metadata.js';
import { decodeTransactionRecord, transactionRecord, transactionTombstone } from './transaction-records.js';

export interface TransactionStateStore {
  /** What opening read: the latest state of every id. */
  readonly loaded: ReadonlyMap<string, TransactionMetadata>;
  /** One line per repair made while opening (damage skipped, directories restored). */
  readonly repairs: readonly string[];
  write(meta: TransactionMetadata): Promise<void>;
  remove(transactionalId: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryTransactionStateLog implements TransactionStateStore {
  readonly loaded = new Map<string, TransactionMetadata>();
  readonly repairs: string[] = [];
  async write(): Promise<void> {}
  async remove(): Promise<void> {}
  async close(): Promise<void> {}
}

export interface TransactionStateLogOptions {
  paths: OffsetLogPaths;
  fs: FileSystem;
  clock: Clock;
  compactMinRecords?: number;
  compactRatio?: number;
}

const MAX_BATCH_BYTES = 16 * 1024 * 1024;
const SEGMENT_FILE = /^(\d{20})\.log$/;
const COMPACTION_BATCH_RECORDS = 1000;

function storeFailed(cause: unknown): MiniKafkaError {
  return new MiniKafkaError('KAFKA_STORAGE_ERROR', 'The transaction state log failed and must be reopened', { cause });
}

export class TransactionStateLog implements TransactionStateStore {
  /** The latest record of every live id: what a compaction writes. */
  private readonly live = new Map<string, TransactionMetadata>();
  readonly repairs: string[] = [];
  private log!: Log;
  private records = 0;
  private compaction: Promise<void> | undefined;
  private failure: unknown;
  /** Settles when every write issued so far has settled. */
  private written: Promise<void> = Promise.resolve();
  compactions = 0;

  private constructor(private readonly options: TransactionStateLogOptions) {}

  static async open(options: TransactionStateLogOptions): Promise<TransactionStateLog> {
    const store = new TransactionStateLog(options);
    try {
      await store.load();
    } catch (error) {
      await (store.log as Log | undefined)?.close().catch(() => undefined);
      throw error;
    }
    return store;
  }

  get loaded(): ReadonlyMap<string, TransactionMetadata> {
    return this.live;
  }

  get directory(): string {
    return this.options.paths.current;
  }

  private openLog(directory: string, flush: LogConfig['flush']): Promise<Log> {
    return Log.open({
      directory,
      config: {
        flush,
        retentionMs: -1,
        retentionBytes: -1,
        segmentBytes: 100 * 1024 * 1024,
        maxBatchBytes: MAX_BATCH_BYTES,
      },
      fs: this.options.fs,
      clock: this.options.clock,
      topic: '~coordinator-transactions',
      partition: 0,
    });
  }

  private async load(): Promise<void> {
    const { fs, paths } = this.options;
    this.repairs.push(...(await recoverOffsetDirectories(fs, paths)));
    const { unsound, tailOnly } = await this.replay();
    if (unsound.length > 0) {
      try {
        const copies = await keepAside(fs, paths, unsound, this.options.clock.now());
        await this.writeCopy();
        await swapInCompacted(fs, paths);
        this.repairs.push(
          `rewrote the transaction state log from ${this.live.size} readable ids; damaged files kept as ${copies.join(', ')}`,
        );
      } catch (error) {
        // No room for the copies: an interrupted last write is what the storage Log's recovery cuts anyway.
        const code = ioErrorCode(error instanceof MiniKafkaError ? error.cause : error);
        if (!tailOnly || code === undefined || !OUT_OF_SPACE_CODES.has(code)) throw error;
        this.repairs.push(`no space to keep the damaged end of the transaction state log aside (${code}): it is cut`);
      }
    }
    this.log = await this.openLog(paths.current, 'always');
    this.records = this.log.logEndOffset - this.log.logStartOffset;
    if (this.compactionDue()) await this.compact();
  }

  /**
   * Reads every segment file into `live`; returns the files with damage, with their bytes, and
   * whether the only damage is the very end of the last segment (an interrupted last write).
   */
  private async replay(): Promise<{ unsound: { path: string; bytes: Buffer }[]; tailOnly: boolean }> {
    const { fs, paths } = this.options;
    const unsound: { path: string; bytes: Buffer }[] = [];
    let damages = 0;
    let tailOnly = false;
    if (!(await fs.isDirectory(paths.current))) return { unsound, tailOnly };
    const segments = (await fs.readdir(paths.current))
      .flatMap((name) => {
        const match = SEGMENT_FILE.exec(name);
        return match === null ? [] : [{ name, baseOffset: Number(match[1]) }];
      })
      .sort((a, b) => a.baseOffset - b.baseOffset);
    for (const { name, baseOffset } of segments) {
      const path = join(paths.current, name);
      const bytes = await fs.readFile(path);
      let sound = true;
      tailOnly = false;
      for (const piece of scanSegment(bytes, { baseOffset, maxBatchSize: MAX_BATCH_BYTES })) {
        tailOnly = false;
        if (piece.kind === 'damage') {
          sound = false;
          tailOnly = ++damages === 1 && piece.position + piece.bytes === bytes.length;
          this.repairs.push(
            `skipped ${piece.bytes} damaged bytes at byte ${piece.position} of ${path} (${piece.reason})`,
          );
          continue;
        }
        if (!piece.contiguous) {
          sound = false;
          damages++; // out of line: the storage Log would cut here, not only at the end
        }
        for (const record of piece.records) {
          const decoded = decodeTransactionRecord(record);
          if (decoded === undefined) continue;
          if (decoded.value === null) this.live.delete(decoded.transactionalId);
          else this.live.set(decoded.transactionalId, decoded.value);
        }
      }
      if (!sound) unsound.push({ path, bytes });
    }
    return { unsound, tailOnly: tailOnly && unsound.length === 1 };
  }

  write(meta: TransactionMetadata): Promise<void> {
    const copy = cloneMetadata(meta);
    return this.append([transactionRecord(copy)], () => this.live.set(copy.transactionalId, copy));
  }

  remove(transactionalId: string): Promise<void> {
    return this.append([transactionTombstone(transactionalId)], () => this.live.delete(transactionalId));
  }

  private append(records: RecordInput[], apply: () => void): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(storeFailed(this.failure));
    if (this.compaction !== undefined) {
      const retry = () => this.append(records, apply);
      return this.compaction.then(retry, retry);
    }
    const done = this.log.append(records).then(() => {
      apply();
      this.records += records.length;
      if (this.compactionDue()) this.compact().catch(() => undefined); // a failure marks the store failed
    });
    this.written = Promise.all([this.written, done.catch(() => undefined)]).then(() => undefined);
    return done;
  }

  private compactionDue(): boolean {
    const min = this.options.compactMinRecords ?? 10_000;
    const ratio = this.options.compactRatio ?? 2;
    return this.records > min && this.records > ratio * this.live.size;
  }

  /** Rewrites the live ids into a fresh log and swaps it in. Writes issued meanwhile wait. */
  compact(): Promise<void> {
    this.compaction ??= this.runCompaction().finally(() => {
      this.compaction = undefined;
    });
    return this.compaction;
  }

  private async runCompaction(): Promise<void> {
    await this.written;
    const entries = await this.writeCopy();
    try {
      await this.log.close();
      await swapInCompacted(this.options.fs, this.options.paths);
      this.log = await this.openLog(this.options.paths.current, 'always');
      this.records = entries;
      this.compactions++;
    } catch (error) {
      this.failure = error;
      throw storeFailed(error);
    }
  }

  /** Writes the live ids into `<log>.new`, then renames it to `<log>.ready` once durable (the commit point). */
  private async writeCopy(): Promise<number> {
    const { fs, paths } = this.options;
    const entries = [...this.live.values()];
    try {
      await fs.rmdir(paths.next);
      const fresh = await this.openLog(paths.next, 'never');
      try {
        for (let i = 0; i < entries.length; i += COMPACTION_BATCH_RECORDS) {
          await fresh.append(entries.slice(i, i + COMPACTION_BATCH_RECORDS).map(transactionRecord));
        }
      } finally {
        await fresh.close();
      }
      await fs.syncDirectory(paths.next);
      await fs.rename(paths.next, paths.ready);
      await fs.syncDirectory(paths.root);
    } catch (error) {
      await fs.rmdir(paths.next).catch(() => undefined);
      throw storeFailed(error);
    }
    return entries.length;
  }

  /** Records in the log and live ids. */
  get stats(): { records: number; live: number } {
    return { records: this.records, live: this.live.size };
  }

  async close(): Promise<void> {
    while (this.compaction !== undefined) await this.compaction.catch(() => undefined);
    await this.written;
    await this.log.close();
  }
}
