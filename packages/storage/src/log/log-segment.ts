/**
 * LogSegment: one .log file of whole RecordBatches with its OffsetIndex and TimeIndex.
 *
 * The .log file is batches back to back, exactly as they are sent on the wire, each
 * with its final base offset. Only the owning Log's single writer appends, truncates,
 * flushes or closes a segment; any number of readers may call `read` at the same
 * time. A reader only asks for bytes below the `size` it saw, which the writer
 * advances after the bytes are written, so readers never see half a batch. A
 * deleted segment's file handle stays open until its last reader is done. Damaged ranges
 * the scrub finds inside a segment are held on it (`markDamaged`): reads and seeks by time
 * treat them as missing offsets, and lookups for later offsets start past them.
 */
import { join } from 'node:path';
import type { FileHandle, FileSystem } from '../fs/file-system.js';
import {
  BATCH_HEADER_SIZE,
  batchBaseOffset,
  batchLastOffset,
  batchMaxTimestamp,
  batchSize,
} from '../record-batch/batch-header.js';
import { type ScanResult, scanBatches } from './batch-scanner.js';
import { type DamageReason, damageReason } from './damage-report.js';
import { INDEX_SUFFIX, LOG_SUFFIX, offsetFileName, TIME_INDEX_SUFFIX } from './file-names.js';
import { OffsetIndex } from './offset-index.js';
import { type BatchSeen, type WalkedBatches, walkCheckedBatches } from './segment-batches.js';
import { type IndexedBatch, SegmentIndexes } from './segment-indexes.js';
import { TimeIndex } from './time-index.js';

/** Thrown to a reader whose segment was deleted (by retention) before it could read. */
export class SegmentClosedError extends Error {
  override readonly name = 'SegmentClosedError';
}

/** A failed append whose partial bytes could not be cut off again: the segment is unusable. */
export class PartialWriteError extends Error {
  override readonly name = 'PartialWriteError';
  readonly partial = true;
}

export interface SegmentOptions {
  indexIntervalBytes: number;
  maxBatchSize: number;
}

/** What opening a segment found. */
export interface SegmentOpenReport {
  /** Whether the indexes had to be rebuilt from the log. */
  rebuiltIndex: boolean;
  /** The size of the file when it was opened. */
  fileSize: number;
  /** Where the valid batches stop short of the end of the file, and why; the loader decides what to do. */
  damage?: { at: number; reason: DamageReason };
}

/** A damaged range inside a segment: bytes [fromByte, toByte), offsets fromOffset to toOffset (inclusive). */
export interface KnownDamage {
  fromByte: number;
  toByte: number;
  fromOffset: number;
  toOffset: number;
}

/** A batch's place and offsets, for the indexes. */
function batchOf(buffer: Buffer, at: number, position: number): IndexedBatch {
  return {
    position,
    size: batchSize(buffer, at),
    baseOffset: batchBaseOffset(buffer, at),
    lastOffset: batchLastOffset(buffer, at),
    maxTimestamp: batchMaxTimestamp(buffer, at),
  };
}

export class LogSegment {
  /** Bytes in the .log file that hold whole, acknowledged-or-pending batches. */
  size = 0;
  /** The offset after the last record in this segment. */
  nextOffset: number;
  /** The first batch's max timestamp: the age of the segment for time-based rolling. */
  rollingTimestamp = -1;
  private readers = 0;
  private closed = false;
  private closeWhenIdle: (() => void) | undefined;

  private indexes: SegmentIndexes;
  /** Damaged ranges found inside the segment (by the scrub), in file order: reads and seeks treat them as missing. */
  private damaged: KnownDamage[] = [];

  private constructor(
    private readonly fs: FileSystem,
    readonly directory: string,
    readonly baseOffset: number,
    private readonly handle: FileHandle,
    private readonly options: SegmentOptions,
  ) {
    this.nextOffset = baseOffset;
    this.indexes = new SegmentIndexes(baseOffset);
  }

  get logPath(): string {
    return join(this.directory, offsetFileName(this.baseOffset, LOG_SUFFIX));
  }

  get indexPath(): string {
    return join(this.directory, offsetFileName(this.baseOffset, INDEX_SUFFIX));
  }

  get timeIndexPath(): string {
    return join(this.directory, offsetFileName(this.baseOffset, TIME_INDEX_SUFFIX));
  }

  /** The largest batch max-timestamp in the segment, or -1 while empty. */
  get maxTimestamp(): number {
    return this.indexes.maxTimestamp;
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** Creates a new, empty segment (its .log file is created, or emptied if one was left over). */
  static async create(
    fs: FileSystem,
    directory: string,
    baseOffset: number,
    options: SegmentOptions,
  ): Promise<LogSegment> {
    const handle = await fs.open(join(directory, offsetFileName(baseOffset, LOG_SUFFIX)));
    try {
      await handle.truncate(0);
      await fs.unlink(join(directory, offsetFileName(baseOffset, INDEX_SUFFIX)));
      await fs.unlink(join(directory, offsetFileName(baseOffset, TIME_INDEX_SUFFIX)));
      // The new file's directory entry must survive a power loss as surely as its data.
      await fs.syncDirectory(directory);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    return new LogSegment(fs, directory, baseOffset, handle, options);
  }

  /**
   * Opens an existing segment. With `recover`, or when the index files do not pass a
   * sanity check, every batch is checked (size, magic, CRC, contiguous offsets) and the
   * indexes are rebuilt from the batches before the first bad one; the segment then ends
   * there (`size`, `nextOffset`) and the report says where and why. The file itself is left
   * as it is: cutting it (`truncateTo`) is the loader's decision.
   */
  static async open(
    fs: FileSystem,
    directory: string,
    baseOffset: number,
    options: SegmentOptions & { recover: boolean },
  ): Promise<{ segment: LogSegment; report: SegmentOpenReport }> {
    const handle = await fs.open(join(directory, offsetFileName(baseOffset, LOG_SUFFIX)));
    try {
      const segment = new LogSegment(fs, directory, baseOffset, handle, options);
      const fileSize = await handle.size();
      const report: SegmentOpenReport = { rebuiltIndex: false, fileSize };
      if (options.recover || !(await segment.loadIndexes(fileSize))) {
        const scan = await segment.rebuild(fileSize);
        report.rebuiltIndex = true;
        if (scan.end < fileSize) report.damage = { at: scan.end, reason: damageReason(scan.problem) };
      }
      await segment.loadRollingTimestamp();
      return { segment, report };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** Cuts the file to `position`, the end of its valid batches, durably. Loader only. */
  async truncateTo(position: number): Promise<void> {
    await this.handle.truncate(position);
    await this.handle.datasync();
  }

  /** Loads and checks the index files; false when they are missing or untrustworthy. */
  private async loadIndexes(fileSize: number): Promise<boolean> {
    let indexBytes: Buffer;
    let timeIndexBytes: Buffer;
    try {
      indexBytes = await this.fs.readFile(this.indexPath);
      timeIndexBytes = await this.fs.readFile(this.timeIndexPath);
    } catch {
      return fileSize === 0;
    }
    const index = OffsetIndex.parse(this.baseOffset, indexBytes, fileSize);
    if (index === undefined) return false;
    // Walk the (short) tail after the last index entry: it must end exactly at the file end.
    const start = index.lastEntry()?.position ?? 0;
    let lastOffset = this.baseOffset - 1;
    let tailMax = -1;
    let tailMaxOffset = this.baseOffset;
    let bytesSince = 0;
    const scan = await scanBatches(
      this.handle,
      start,
      fileSize,
      // The first batch is the last index entry's (or the segment's first); each one follows on from the last.
      {
        verify: false,
        maxBatchSize: this.options.maxBatchSize,
        expectedBaseOffset: index.lastEntry()?.offset ?? this.baseOffset,
      },
      (chunk, at) => {
        lastOffset = batchLastOffset(chunk, at);
        const max = batchMaxTimestamp(chunk, at);
        if (max > tailMax) {
          tailMax = max;
          tailMaxOffset = lastOffset;
        }
        bytesSince += batchSize(chunk, at);
        return undefined;
      },
    );
    if (scan.problem !== undefined || scan.end !== fileSize) return false;
    const entry = index.lastEntry();
    if (entry !== undefined && entry.offset > lastOffset) return false;
    const nextOffset = lastOffset + 1;
    const timeIndex = TimeIndex.parse(this.baseOffset, timeIndexBytes, Math.max(nextOffset, this.baseOffset + 1));
    if (timeIndex === undefined) return false;
    const indexes = new SegmentIndexes(this.baseOffset, { index, timeIndex });
    this.size = fileSize;
    this.nextOffset = fileSize === 0 ? this.baseOffset : nextOffset;
    const lastTime = timeIndex.lastEntry();
    indexes.maxTimestamp = lastTime?.timestamp ?? -1;
    indexes.offsetOfMaxTimestamp = lastTime?.offset ?? this.baseOffset;
    if (tailMax > indexes.maxTimestamp) {
      indexes.maxTimestamp = tailMax;
      indexes.offsetOfMaxTimestamp = tailMaxOffset;
    }
    indexes.bytesSinceLastEntry = bytesSince;
    this.indexes = indexes;
    return true;
  }

  /** Rebuilds both indexes by walking the log, checking every batch; says where the valid batches end. */
  private async rebuild(fileSize: number): Promise<ScanResult> {
    this.indexes = new SegmentIndexes(this.baseOffset);
    this.size = 0;
    this.nextOffset = this.baseOffset;
    const result: ScanResult = await scanBatches(
      this.handle,
      0,
      fileSize,
      { verify: true, maxBatchSize: this.options.maxBatchSize, expectedBaseOffset: this.baseOffset },
      (chunk, at, position) => {
        this.indexBatch(chunk, at, position);
      },
    );
    return result;
  }

  private async loadRollingTimestamp(): Promise<void> {
    if (this.size === 0) return;
    const header = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
    const read = await this.handle.read(header, 0, header.length, 0);
    this.rollingTimestamp = read === header.length ? batchMaxTimestamp(header, 0) : this.maxTimestamp;
  }

  /** Records one batch, now at file `position`, in the in-memory state and indexes. */
  private indexBatch(buffer: Buffer, at: number, position: number): void {
    const batch = batchOf(buffer, at, position);
    const { size, lastOffset } = batch;
    this.indexes.add(batch, this.options.indexIntervalBytes);
    if (this.rollingTimestamp < 0) this.rollingTimestamp = batch.maxTimestamp;
    this.size = position + size;
    this.nextOffset = lastOffset + 1;
  }

  /**
   * Appends whole batches (already checked, base offsets already assigned), given as one
   * or more buffers written back to back in a single call. On a write failure the file is
   * cut back to its previous size so no partial batch remains.
   */
  async append(parts: readonly Buffer[]): Promise<void> {
    const start = this.size;
    try {
      await this.handle.writev(parts, start);
    } catch (error) {
      try {
        await this.handle.truncate(start);
      } catch {
        throw new PartialWriteError('append failed and the partial write could not be removed', { cause: error });
      }
      throw error;
    }
    let position = start;
    for (const batches of parts) {
      let at = 0;
      while (at < batches.length) {
        this.indexBatch(batches, at, position + at);
        at += batchSize(batches, at);
      }
      position += batches.length;
    }
  }

  /** Reads `length` bytes at `position` (fewer at the end of the file), into a buffer from `allocate`. */
  read(position: number, length: number, allocate: (size: number) => Buffer = Buffer.allocUnsafe): Promise<Buffer> {
    return this.asReader(async () => {
      const buffer = allocate(length);
      const read = await this.handle.read(buffer, 0, length, position);
      return read === length ? buffer : buffer.subarray(0, read);
    });
  }

  /** Walks batches from `from` to the current end (see scanBatches). */
  scan(from: number, visit: (chunk: Buffer, at: number, position: number) => unknown): Promise<ScanResult> {
    const end = this.size;
    return this.asReader(() =>
      scanBatches(this.handle, from, end, { verify: false, maxBatchSize: this.options.maxBatchSize }, visit),
    );
  }

  /** Runs a read while counting it, so close() waits for it to finish. */
  private async asReader<T>(read: () => Promise<T>): Promise<T> {
    if (this.closed) throw new SegmentClosedError(`segment ${this.baseOffset} is closed`);
    this.readers++;
    try {
      return await read();
    } finally {
      this.readers--;
      if (this.readers === 0 && this.closeWhenIdle !== undefined) this.closeWhenIdle();
    }
  }

  /** File position from which to scan for `offset`. */
  lookupPosition(offset: number): number {
    let position = this.indexes.index.lookup(offset);
    // A walk from before a known damaged range would stop at it: start past it instead.
    for (const range of this.damaged) {
      if (range.toOffset < offset && position < range.toByte) position = range.toByte;
    }
    return position;
  }

  /** File position from which to scan for the first record with a timestamp >= `timestamp`. */
  lookupTimestampPosition(timestamp: number): number {
    return this.lookupPosition(this.indexes.timeIndex.lookup(timestamp));
  }

  flush(): Promise<void> {
    return this.handle.datasync();
  }

  /**
   * Walks the batches of [from, to) (below `size`), every one checked, into `seen`, the first
   * expected at `expectedBaseOffset` (see segment-batches.ts). A reader: runs beside appends.
   */
  walkChecked(
    range: { from: number; to: number },
    expectedBaseOffset: number,
    seen: BatchSeen[],
  ): Promise<WalkedBatches> {
    const to = Math.min(range.to, this.size);
    return this.asReader(() =>
      walkCheckedBatches(this.handle, { from: range.from, to }, expectedBaseOffset, this.options.maxBatchSize, seen),
    );
  }

  /** The offset index's entries and the time index's, in order. */
  indexEntries(): { offsets: { offset: number; position: number }[]; times: { timestamp: number; offset: number }[] } {
    return { offsets: this.indexes.index.entryList(), times: this.indexes.timeIndex.entryList() };
  }

  /**
   * Rebuilds both indexes from `seen` (the segment's valid batches, in file order, as a
   * checked walk found them) and the batches appended after the last of them, swaps them in
   * whole, then writes them durably (each to a temporary file, then renamed). Writer only.
   */
  async rebuildIndexes(seen: readonly BatchSeen[]): Promise<void> {
    const indexes = new SegmentIndexes(this.baseOffset);
    for (const batch of seen) indexes.add(batch, this.options.indexIntervalBytes);
    const last = seen.at(-1);
    const walked = last === undefined ? 0 : last.position + last.size;
    if (walked < this.size) {
      await this.scan(walked, (chunk, at, position) => {
        indexes.add(batchOf(chunk, at, position), this.options.indexIntervalBytes);
      });
    }
    this.indexes = indexes;
    await this.writeIndexes();
  }

  /** Marks bytes [fromByte, toByte), offsets fromOffset to toOffset, as damaged: reads and seeks by time treat them as missing. */
  markDamaged(range: KnownDamage): void {
    if (this.damaged.some((known) => known.fromByte === range.fromByte)) return;
    this.damaged = [...this.damaged, range].sort((a, b) => a.fromByte - b.fromByte);
  }

  /** The known damaged range holding `offset`, if any. */
  damageHolding(offset: number): KnownDamage | undefined {
    return this.damaged.find((range) => range.fromOffset <= offset && offset <= range.toOffset);
  }

  /** The known damaged range whose bytes hold file `position`, if any. */
  damageAtByte(position: number): KnownDamage | undefined {
    return this.damaged.find((range) => range.fromByte <= position && position < range.toByte);
  }

  /** Writes the index files (with a final time index entry) and makes them durable. */
  async writeIndexes(): Promise<void> {
    this.indexes.seal();
    await this.fs.writeFileAtomic(this.indexPath, this.indexes.index.serialize());
    await this.fs.writeFileAtomic(this.timeIndexPath, this.indexes.timeIndex.serialize());
  }

  /** Closes the file once no reader is using it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.readers > 0) {
      await new Promise<void>((resolve) => {
        this.closeWhenIdle = resolve;
      });
    }
    await this.handle.close();
  }

  /** Removes the segment's files; the handle is closed when the last reader finishes. */
  async delete(): Promise<void> {
    await this.fs.unlink(this.logPath);
    await this.fs.unlink(this.indexPath);
    await this.fs.unlink(this.timeIndexPath);
    await this.close();
  }
}
