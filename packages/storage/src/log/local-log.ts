/**
 * LocalLog (Kafka's LocalLog): the segments of one partition directory and the disk work
 * of the log's single writer on them: append to the active segment, roll, delete the
 * oldest segments, fsync (group commit, and a flush timer), close. It decides nothing
 * about offsets, producers, retention or what readers may see: `Log` does, and calls in.
 *
 * The segment list is replaced, never mutated, so a reader holding `segments` keeps a
 * consistent view while the writer rolls or deletes. Every method that changes the list
 * or writes runs in the single writer; `segments`, the sizes and `waitDurable` may be used
 * from anywhere. Segments deleted (retention, DeleteRecords) or closed have their files
 * closed at once, readers in flight finishing on the handle they hold.
 *
 * Failures (Kafka takes the whole log directory offline on an I/O error; here the log
 * repairs itself, so a full disk needs no restart once space comes back):
 * - a failed write is cut back off the file at once (LogSegment.append), and the log stays
 *   healthy; when the cut fails too, the log refuses writes until `repair` cuts it (each
 *   writer turn of `Log` tries): nothing acknowledged is ever past the cut;
 * - a roll whose index files or new segment cannot be written changes nothing (a new
 *   segment file left over is removed, as a repair if need be): the active segment stays;
 * - a failed fsync makes everything written since the last good one suspect (after an
 *   fsync error the page cache cannot be trusted): the log refuses writes until `repair`
 *   has cut the active segment back to its size at that fsync (flush `always`: nothing past
 *   it was acknowledged; the other policies keep what they acknowledged), synced it and
 *   read it again from disk, every batch checked, as recovery after a restart would.
 */
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol/core';
import type { FileSystem } from '../fs/file-system.js';
import { storageError } from '../fs/io-errors.js';
import { CLEAN_SHUTDOWN_FILE, LOG_SUFFIX, offsetFileName } from './file-names.js';
import { GroupCommit } from './group-commit.js';
import { MAX_SEGMENT_BYTES } from './log-config.js';
import { describeLog, logFailed, writeFailed } from './log-errors.js';
import { LogSegment } from './log-segment.js';
import type { LogName } from './partition-log.js';

/** The longest delay a Node timer takes (2^31 - 1 ms); a longer one fires after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Why the log refuses writes, and what puts it right: resolves to the offset the log was
 * cut back to when records went (a failed fsync), undefined when none did.
 */
interface Failure {
  cause: unknown;
  kind: 'partial-write' | 'stray-segment' | 'sync';
  repair: (how: RepairOptions) => Promise<number | undefined>;
}

export interface RepairOptions {
  indexIntervalBytes: number;
  /** Keep what was written but never synced when an fsync failed (it was acknowledged: flush interval or never). */
  keepWritten: boolean;
}

export class LocalLog {
  private list: readonly LogSegment[];
  private groupCommit: GroupCommit;
  private flushTimer: NodeJS.Timeout | undefined;
  private failure: Failure | undefined;
  /** The active segment's size and the log end offset at the last good fsync: where a failed fsync goes back to. */
  private synced: { segment: LogSegment; size: number; offset: number };

  /**
   * @param segments the loaded segments, oldest first (at least one).
   * @param onDurable called with the offset below which everything is durable, each time it moves.
   */
  constructor(
    private readonly fs: FileSystem,
    private readonly directory: string,
    private readonly name: LogName,
    segments: readonly LogSegment[],
    private readonly onDurable: (offset: number) => void,
  ) {
    this.list = segments;
    this.groupCommit = new GroupCommit(() => this.syncActive(), this.logEndOffset, onDurable);
    this.synced = { segment: this.active, size: this.active.size, offset: this.logEndOffset };
  }

  /** The segments, oldest first: a snapshot that rolls and deletions never change. */
  get segments(): readonly LogSegment[] {
    return this.list;
  }

  get active(): LogSegment {
    return this.list[this.list.length - 1]!;
  }

  get logEndOffset(): number {
    return this.active.nextOffset;
  }

  get size(): number {
    let total = 0;
    for (const segment of this.list) total += segment.size;
    return total;
  }

  get maxTimestamp(): number {
    return this.list.reduce((max, segment) => Math.max(max, segment.maxTimestamp), -1);
  }

  /** Whether no write, roll or fsync has failed the log. */
  get healthy(): boolean {
    return this.failure === undefined;
  }

  /** KAFKA_STORAGE_ERROR, naming the cause, while a failed write, roll or fsync is not repaired. */
  assertHealthy(): void {
    if (this.failure !== undefined) throw logFailed(this.name, this.failure.cause);
  }

  /**
   * Puts right what failed the log (see the header), so that it takes writes again; throws
   * when it cannot yet (the disk still full, say). `afterCut(offset)` runs when records were
   * cut off, before the log is healthy again, for `Log` to forget what it knew of them.
   * Writer only.
   */
  async repair(how: RepairOptions, afterCut: (offset: number) => Promise<void>): Promise<void> {
    const failure = this.failure;
    if (failure === undefined) return;
    const cutTo = await failure.repair(how);
    if (cutTo !== undefined) await afterCut(cutTo);
    if (this.failure === failure) this.failure = undefined;
  }

  /** Fails the log with `cause` until `repair`; a failed fsync wins over the others, whose repair its own covers. */
  private fail(cause: unknown, kind: Failure['kind'], repair: Failure['repair']): void {
    if (this.failure === undefined || (kind === 'sync' && this.failure.kind !== 'sync')) {
      this.failure = { cause, kind, repair };
    }
  }

  /** Cuts the active segment's file back to the bytes it holds (a failed write left more). */
  private async cutPartialWrite(): Promise<undefined> {
    const segment = this.active;
    const handle = await this.fs.open(segment.logPath);
    try {
      await handle.truncate(segment.size);
    } finally {
      await handle.close();
    }
    return undefined;
  }

  /**
   * After a failed fsync: cuts the active segment back to its size at the last good fsync
   * (or, with `keepWritten`, to what was written: what the interval and never policies
   * acknowledged), makes it durable and reads it again from disk, every batch checked, in a
   * fresh LogSegment (the old one is closed once its readers are done). Resolves to the new
   * log end offset when records went, else undefined.
   */
  private async cutToSynced(indexIntervalBytes: number, keepWritten: boolean): Promise<number | undefined> {
    const segment = this.active;
    const end = this.logEndOffset;
    const handle = await this.fs.open(segment.logPath);
    try {
      await handle.truncate(keepWritten ? segment.size : this.synced.size);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    const { segment: reread } = await LogSegment.open(this.fs, this.directory, segment.baseOffset, {
      indexIntervalBytes,
      maxBatchSize: MAX_SEGMENT_BYTES,
      recover: true,
    });
    this.list = [...this.list.slice(0, -1), reread];
    this.synced = { segment: reread, size: reread.size, offset: reread.nextOffset };
    this.groupCommit = new GroupCommit(() => this.syncActive(), reread.nextOffset, this.onDurable);
    await segment.close();
    return reread.nextOffset < end ? reread.nextOffset : undefined;
  }

  /** Removes the file of a segment a failed roll created (it would claim offsets the active segment goes on to use). */
  private async removeStraySegment(baseOffset: number): Promise<undefined> {
    await this.fs.unlink(join(this.directory, offsetFileName(baseOffset, LOG_SUFFIX)));
    return undefined;
  }

  /**
   * Writes `parts` to the active segment in one write. A failed write is WRITE_FAILED; one
   * that may have left part of its bytes behind (it could not be undone) fails the log.
   */
  async append(parts: readonly Buffer[]): Promise<void> {
    if (parts.length === 0) return;
    try {
      await this.active.append(parts);
    } catch (error) {
      throw this.writeFailure(error);
    }
  }

  private writeFailure(error: unknown): unknown {
    if (isMiniKafkaError(error)) return error;
    if ((error as { partial?: boolean }).partial === true) {
      this.fail(error, 'partial-write', () => this.cutPartialWrite());
      return logFailed(this.name, error);
    }
    return writeFailed(this.name, error);
  }

  /** A failed fsync: the log refuses writes until `repair` cuts it back to the last good one. */
  private syncFailure(error: unknown): unknown {
    this.fail(error, 'sync', ({ indexIntervalBytes, keepWritten }) =>
      this.cutToSynced(indexIntervalBytes, keepWritten),
    );
    return logFailed(this.name, error);
  }

  /**
   * Flushes the active segment, writes its indexes and starts a new one at its end.
   * Resolves to that end offset (now durable), or `undefined` when the active segment was
   * empty and nothing happened. A failed flush fails the log; index files or a new segment
   * that cannot be written (a full disk) change nothing: the active segment stays active.
   */
  async roll(indexIntervalBytes: number): Promise<number | undefined> {
    const previous = this.active;
    if (previous.isEmpty) return undefined;
    try {
      await previous.flush();
    } catch (error) {
      throw this.syncFailure(error);
    }
    this.synced = { segment: previous, size: previous.size, offset: previous.nextOffset };
    this.groupCommit.markDurable(previous.nextOffset);
    let next: LogSegment;
    try {
      await previous.writeIndexes();
      next = await LogSegment.create(this.fs, this.directory, previous.nextOffset, {
        indexIntervalBytes,
        maxBatchSize: MAX_SEGMENT_BYTES,
      });
    } catch (error) {
      await this.removeStraySegment(previous.nextOffset).catch((unlinkError: unknown) => {
        this.fail(unlinkError, 'stray-segment', () => this.removeStraySegment(previous.nextOffset));
      });
      throw storageError(`Rolling a new segment of ${describeLog(this.name)} failed`, error, {
        topic: this.name.topic,
        partition: this.name.partition,
      });
    }
    this.list = [...this.list, next];
    this.synced = { segment: next, size: 0, offset: next.baseOffset };
    return previous.nextOffset;
  }

  /**
   * Starts a new segment at `baseOffset`, past the log end: the active segment flushed with its
   * indexes first, as a roll does. The offsets between read as missing (CORRUPT_MESSAGE) and are
   * never given to a record. Writer only.
   */
  async continueAt(baseOffset: number, indexIntervalBytes: number): Promise<void> {
    const previous = this.active;
    if (baseOffset <= previous.nextOffset) return;
    try {
      await previous.flush();
      await previous.writeIndexes();
    } catch (error) {
      throw this.syncFailure(error);
    }
    const next = await LogSegment.create(this.fs, this.directory, baseOffset, {
      indexIntervalBytes,
      maxBatchSize: MAX_SEGMENT_BYTES,
    });
    this.groupCommit.markDurable(baseOffset);
    this.list = [...this.list, next];
    this.synced = { segment: next, size: 0, offset: next.baseOffset };
  }

  /** Removes the `count` oldest segments from the list, deletes their files and closes them (readers in flight finish first). */
  async deleteOldest(count: number): Promise<void> {
    if (count === 0) return;
    const doomed = this.list.slice(0, count);
    this.list = this.list.slice(count);
    await closeAll(doomed, (segment) => segment.delete());
  }

  /** Resolves once every record below `offset` is durable (group commit); a failed fsync fails the log. */
  async waitDurable(offset: number): Promise<void> {
    try {
      await this.groupCommit.waitFor(offset);
    } catch (error) {
      throw this.syncFailure(error);
    }
  }

  /** Makes every record written so far durable. */
  flush(): Promise<void> {
    return this.waitDurable(this.logEndOffset);
  }

  private async syncActive(): Promise<number> {
    const segment = this.active;
    const size = segment.size;
    const upTo = this.logEndOffset;
    await segment.flush();
    if (segment === this.active && size >= this.synced.size) this.synced = { segment, size, offset: upTo };
    return upTo;
  }

  /**
   * Flushes every `intervalMs` while something written is not durable yet; `undefined` stops
   * the timer. An interval beyond what a timer can wait (about 24.8 days; Kafka's
   * Long.MAX_VALUE for `flush.ms` means never) flushes on roll and close only: Node would
   * otherwise take it as 1 ms and fsync a thousand times a second.
   */
  flushEvery(intervalMs: number | undefined): void {
    clearInterval(this.flushTimer);
    this.flushTimer = undefined;
    if (intervalMs === undefined || intervalMs > MAX_TIMER_MS) return;
    this.flushTimer = setInterval(() => {
      if (this.groupCommit.durable < this.logEndOffset) this.flush().catch(() => undefined);
    }, intervalMs);
    this.flushTimer.unref();
  }

  /** Flushes the active segment and writes its indexes, as a roll does, without starting a new one. */
  async checkpointActive(): Promise<void> {
    await this.active.flush();
    await this.active.writeIndexes();
  }

  /**
   * Closes every segment's file, all of them even when one fails to close (readers in flight
   * finish first). With `clean` (everything flushed, indexes written) a healthy log then
   * leaves the clean-shutdown marker, so the next open skips recovery.
   */
  async close(clean: boolean): Promise<void> {
    this.flushEvery(undefined);
    await closeAll(this.list, (segment) => segment.close());
    if (clean && this.failure === undefined) {
      await this.fs.writeFileAtomic(join(this.directory, CLEAN_SHUTDOWN_FILE), Buffer.alloc(0));
    }
  }
}

/**
 * Runs `end` (delete or close) on every segment at once, so one segment a slow reader holds
 * keeps no other open; each is closed even when `end` fails. Throws the first failure.
 */
async function closeAll(segments: readonly LogSegment[], end: (segment: LogSegment) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(
    segments.map((segment) =>
      end(segment).catch(async (error: unknown) => {
        await segment.close().catch(() => undefined);
        throw error;
      }),
    ),
  );
  const failed = results.find((result) => result.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}
