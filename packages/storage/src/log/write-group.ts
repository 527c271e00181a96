/**
 * A write group (write coalescing): appends the log's single writer found queued
 * together, put on disk in one write, each keeping its own offsets, its own answer and
 * the record that undoes what it told the producer state. State only, no I/O: the log
 * assigns offsets and decides rolls with `nextOffset` and `segmentStats`, writes `parts`,
 * then calls `resolve` or `reject`. A duplicate (a producer's retry of batches already
 * accepted) writes nothing and is answered with the group, failing with it.
 */
import type { PendingAppend } from './append-queue.js';
import type { AppendResult } from './partition-log.js';
import type { ProducerUndo } from './producer-state-manager.js';
import type { SegmentStats } from './retention.js';

/** One append of a group: its bytes to write (none for a duplicate) and what they do to producer state. */
interface GroupMember {
  append: PendingAppend;
  bytes: Buffer;
  result: AppendResult;
  undo: ProducerUndo | undefined;
}

export class WriteGroup {
  private readonly members: GroupMember[] = [];
  private bytes = 0;
  /** The first written append's max timestamp, -1 until there is one. */
  private rollingTimestamp = -1;

  get isEmpty(): boolean {
    return this.members.length === 0;
  }

  /** The bytes to write, in order (duplicates write none). */
  get parts(): Buffer[] {
    return this.members.filter((member) => member.bytes.length > 0).map((member) => member.bytes);
  }

  /** Where the next append's offsets start: after the group's last written append, else at `logEndOffset`. */
  nextOffset(logEndOffset: number): number {
    const last = this.members.findLast((member) => member.bytes.length > 0);
    return last === undefined ? logEndOffset : last.result.lastOffset + 1;
  }

  /** The `active` segment as it will be once the group is written: what the roll decision looks at. */
  segmentStats(active: SegmentStats): SegmentStats {
    return {
      baseOffset: active.baseOffset,
      size: active.size + this.bytes,
      maxTimestamp: active.maxTimestamp,
      rollingTimestamp: active.rollingTimestamp >= 0 ? active.rollingTimestamp : this.rollingTimestamp,
    };
  }

  /** Adds a duplicate: answered with `result` (the original offsets) when the group's write succeeds. */
  addDuplicate(append: PendingAppend, result: AppendResult): void {
    this.members.push({ append, bytes: Buffer.alloc(0), result, undo: undefined });
  }

  /**
   * Adds an append writing `bytes`, offsets assigned, whose records' largest timestamp is
   * `maxTimestamp`; `undo` takes back what it told the producer state, if anything.
   */
  add(
    append: PendingAppend,
    bytes: Buffer,
    result: AppendResult,
    undo: ProducerUndo | undefined,
    maxTimestamp: number,
  ): void {
    this.members.push({ append, bytes, result, undo });
    this.bytes += bytes.length;
    if (this.rollingTimestamp < 0) this.rollingTimestamp = maxTimestamp;
  }

  /** The write succeeded: every append gets its answer. */
  resolve(): void {
    for (const { append, result } of this.members) append.resolve(result);
  }

  /**
   * The write failed and kept nothing: what the group told the producer state is undone
   * (newest first, with `undo`), and every append fails with `failure`.
   */
  reject(failure: unknown, undo: (record: ProducerUndo) => void): void {
    for (const member of [...this.members].reverse()) if (member.undo) undo(member.undo);
    for (const member of this.members) member.append.reject(failure);
  }
}
