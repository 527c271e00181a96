/**
 * LocalLog (Kafka's LocalLog): the segments of one partition directory and the disk work
 * of the log's single writer on them: append to the active segment, roll, delete the
 * oldest segments, fsync (group commit, and a flush timer), close. It decides nothing
 * about offsets, producers, retention or what readers may see: `Log` does, and calls in.
 *
 * The segment list is replaced, never mutated, so a reader holding `segments` keeps a
 * consistent view while the writer rolls or deletes. Every method that changes the list
 * or writes runs in the single writer; `segments`, the sizes and `waitDurable` may be used
 * from anywhere. A write, roll or fsync that fails in a way that cannot be undone fails the
 * log: every later write is LOG_FAILED (after an fsync error the page cache cannot be trusted).
 */
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import type { FileSystem } from '../fs/file-system.js';
import { CLEAN_SHUTDOWN_FILE } from './file-names.js';
import { GroupCommit } from './group-commit.js';
import { MAX_SEGMENT_BYTES } from './log-config.js';
import { logFailed, writeFailed } from './log-errors.js';
import { LogSegment } from './log-segment.js';
import type { LogName } from './partition-log.js';

/** The longest delay a Node timer takes (2^31 - 1 ms); a longer one fires after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

export class LocalLog {
  private list: readonly LogSegment[];
  private readonly groupCommit: GroupCommit;
  private flushTimer: NodeJS.Timeout | undefined;
  private failure: unknown;

  /**
   * @param segments the loaded segments, oldest first (at least one).
   * @param onDurable called with the offset below which everything is durable, each time it moves.
   */
  constructor(
    private readonly fs: FileSystem,
    private readonly directory: string,
    private readonly name: LogName,
    segments: readonly LogSegment[],
    onDurable: (offset: number) => void,
  ) {
    this.list = segments;
    this.groupCommit = new GroupCommit(() => this.syncActive(), this.logEndOffset, onDurable);
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

  /** LOG_FAILED once a write, roll or fsync failed the log. */
  assertHealthy(): void {
    if (this.failure !== undefined) throw logFailed(this.name, this.failure);
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
      this.failure = error;
      return logFailed(this.name, error);
    }
    return writeFailed(this.name, error);
  }

  /**
   * Flushes the active segment, writes its indexes and starts a new one at its end.
   * Resolves to that end offset (now durable), or `undefined` when the active segment was
   * empty and nothing happened. A failure fails the log.
   */
  async roll(indexIntervalBytes: number): Promise<number | undefined> {
    const previous = this.active;
    if (previous.isEmpty) return undefined;
    try {
      await previous.flush();
      await previous.writeIndexes();
      const next = await LogSegment.create(this.fs, this.directory, previous.nextOffset, {
        indexIntervalBytes,
        maxBatchSize: MAX_SEGMENT_BYTES,
      });
      this.list = [...this.list, next];
    } catch (error) {
      this.failure = error;
      throw logFailed(this.name, error);
    }
    this.groupCommit.markDurable(previous.nextOffset);
    return previous.nextOffset;
  }

  /** Removes the `count` oldest segments from the list and deletes their files. */
  async deleteOldest(count: number): Promise<void> {
    if (count === 0) return;
    const doomed = this.list.slice(0, count);
    this.list = this.list.slice(count);
    for (const segment of doomed) await segment.delete();
  }

  /** Resolves once every record below `offset` is durable (group commit); a failed fsync fails the log. */
  async waitDurable(offset: number): Promise<void> {
    try {
      await this.groupCommit.waitFor(offset);
    } catch (error) {
      this.failure ??= error;
      throw logFailed(this.name, error);
    }
  }

  /** Makes every record written so far durable. */
  flush(): Promise<void> {
    return this.waitDurable(this.logEndOffset);
  }

  private async syncActive(): Promise<number> {
    const upTo = this.logEndOffset;
    await this.active.flush();
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

  /** Closes every segment; a healthy log then leaves the clean-shutdown marker, so the next open skips recovery. */
  async close(): Promise<void> {
    this.flushEvery(undefined);
    for (const segment of this.list) await segment.close();
    if (this.failure === undefined) {
      await this.fs.writeFileAtomic(join(this.directory, CLEAN_SHUTDOWN_FILE), Buffer.alloc(0));
    }
  }
}
