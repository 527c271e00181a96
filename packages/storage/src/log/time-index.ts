/**
 * TimeIndex: a sparse map from timestamp to offset in one segment, for seek-by-time.
 *
 * File layout (.timeindex), big-endian, 12 bytes an entry:
 *   int64 timestamp        the largest timestamp seen in the segment up to here
 *   int32 relativeOffset   offset of the record carrying it, minus the base offset
 * An entry is added with the offset index's, and only when the timestamp grew, so
 * both columns increase. On roll and close a final entry records the segment's
 * largest timestamp, which is how a reopened segment knows it without a scan.
 * Held in memory and written like OffsetIndex; single writer.
 */
import { readInt64, writeInt64 } from '../record-batch/varint.js';

export const TIME_INDEX_ENTRY_SIZE = 12;

export class TimeIndex {
  private timestamps: number[] = [];
  private offsets: number[] = [];

  constructor(readonly baseOffset: number) {}

  get entries(): number {
    return this.timestamps.length;
  }

  /** Adds an entry when `timestamp` is larger than the last one's. */
  maybeAppend(timestamp: number, offset: number): void {
    const last = this.timestamps.length - 1;
    if (last >= 0 && (timestamp <= this.timestamps[last]! || offset < this.offsets[last]!)) return;
    if (last >= 0 && offset === this.offsets[last]) {
      this.timestamps[last] = timestamp;
      return;
    }
    this.timestamps.push(timestamp);
    this.offsets.push(offset);
  }

  /**
   * The offset of the largest entry whose timestamp is < `timestamp` (where a scan
   * for the first record at or after `timestamp` can safely start), or the base offset.
   */
  lookup(timestamp: number): number {
    let low = 0;
    let high = this.timestamps.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.timestamps[middle]! < timestamp) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found < 0 ? this.baseOffset : this.offsets[found]!;
  }

  lastEntry(): { timestamp: number; offset: number } | undefined {
    const last = this.timestamps.length - 1;
    if (last < 0) return undefined;
    return { timestamp: this.timestamps[last]!, offset: this.offsets[last]! };
  }

  /** Every entry, in order. */
  entryList(): { timestamp: number; offset: number }[] {
    return this.timestamps.map((timestamp, i) => ({ timestamp, offset: this.offsets[i]! }));
  }

  /** Drops entries at or past `offset` (after the log was truncated there). */
  truncateToOffset(offset: number): void {
    while (this.offsets.length > 0 && this.offsets[this.offsets.length - 1]! >= offset) {
      this.offsets.pop();
      this.timestamps.pop();
    }
  }

  serialize(): Buffer {
    const buffer = Buffer.allocUnsafe(this.timestamps.length * TIME_INDEX_ENTRY_SIZE);
    for (let i = 0; i < this.timestamps.length; i++) {
      writeInt64(buffer, i * TIME_INDEX_ENTRY_SIZE, this.timestamps[i]!);
      buffer.writeInt32BE(this.offsets[i]! - this.baseOffset, i * TIME_INDEX_ENTRY_SIZE + 8);
    }
    return buffer;
  }

  /**
   * Parses a time index file, or `undefined` when it cannot be trusted (partial entry,
   * columns that do not increase, offsets outside [base, nextOffset)).
   */
  static parse(baseOffset: number, bytes: Buffer, nextOffset: number): TimeIndex | undefined {
    if (bytes.length % TIME_INDEX_ENTRY_SIZE !== 0) return undefined;
    const index = new TimeIndex(baseOffset);
    for (let at = 0; at < bytes.length; at += TIME_INDEX_ENTRY_SIZE) {
      const timestamp = readInt64(bytes, at);
      const offset = baseOffset + bytes.readInt32BE(at + 8);
      const last = index.lastEntry();
      if (offset < baseOffset || offset >= nextOffset) return undefined;
      if (last !== undefined && (timestamp <= last.timestamp || offset < last.offset)) return undefined;
      index.timestamps.push(timestamp);
      index.offsets.push(offset);
    }
    return index;
  }
}
