/**
 * OffsetIndex: a sparse map from offset to byte position in one segment's .log file.
 *
 * File layout (.index), big-endian, 8 bytes an entry, entries in increasing order:
 *   int32 relativeOffset   offset - segment base offset
 *   int32 position         byte position of the batch holding that offset
 * One entry is added once more than `indexIntervalBytes` were appended since the last.
 *
 * The entries live in memory; the file is written when the segment is rolled or
 * closed, and read back on open only after a sanity check: a missing or corrupt index
 * is rebuilt from the log, never trusted. Only the log's single writer mutates it.
 */
export const OFFSET_INDEX_ENTRY_SIZE = 8;

export class OffsetIndex {
  private offsets = new Int32Array(64);
  private positions = new Int32Array(64);
  private count = 0;

  constructor(readonly baseOffset: number) {}

  get entries(): number {
    return this.count;
  }

  /** Adds an entry; offsets and positions must grow strictly. */
  append(offset: number, position: number): void {
    const relative = offset - this.baseOffset;
    if (this.count > 0 && (relative <= this.offsets[this.count - 1]! || position <= this.positions[this.count - 1]!)) {
      return;
    }
    if (this.count === this.offsets.length) {
      const offsets = new Int32Array(this.count * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const positions = new Int32Array(this.count * 2);
      positions.set(this.positions);
      this.positions = positions;
    }
    this.offsets[this.count] = relative;
    this.positions[this.count] = position;
    this.count++;
  }

  /** Byte position of the largest entry whose offset is <= `offset`, or 0. */
  lookup(offset: number): number {
    const relative = offset - this.baseOffset;
    let low = 0;
    let high = this.count - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.offsets[middle]! <= relative) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found < 0 ? 0 : this.positions[found]!;
  }

  /** The last entry, or `undefined` when empty. */
  lastEntry(): { offset: number; position: number } | undefined {
    if (this.count === 0) return undefined;
    return { offset: this.baseOffset + this.offsets[this.count - 1]!, position: this.positions[this.count - 1]! };
  }

  /** Every entry, in order. */
  entryList(): { offset: number; position: number }[] {
    return Array.from({ length: this.count }, (_, i) => ({
      offset: this.baseOffset + this.offsets[i]!,
      position: this.positions[i]!,
    }));
  }

  /** Drops entries at or past byte `position` (after the log was truncated there). */
  truncateToPosition(position: number): void {
    while (this.count > 0 && this.positions[this.count - 1]! >= position) this.count--;
  }

  serialize(): Buffer {
    const buffer = Buffer.allocUnsafe(this.count * OFFSET_INDEX_ENTRY_SIZE);
    for (let i = 0; i < this.count; i++) {
      buffer.writeInt32BE(this.offsets[i]!, i * OFFSET_INDEX_ENTRY_SIZE);
      buffer.writeInt32BE(this.positions[i]!, i * OFFSET_INDEX_ENTRY_SIZE + 4);
    }
    return buffer;
  }

  /**
   * Parses an index file, or returns `undefined` when it cannot be trusted: a size that
   * is not a whole number of entries, entries that do not grow strictly, a negative
   * relative offset, or a position at or past the end of the log.
   */
  static parse(baseOffset: number, bytes: Buffer, logSize: number): OffsetIndex | undefined {
    if (bytes.length % OFFSET_INDEX_ENTRY_SIZE !== 0) return undefined;
    const index = new OffsetIndex(baseOffset);
    let previousOffset = -1;
    let previousPosition = -1;
    for (let at = 0; at < bytes.length; at += OFFSET_INDEX_ENTRY_SIZE) {
      const relative = bytes.readInt32BE(at);
      const position = bytes.readInt32BE(at + 4);
      if (relative <= previousOffset || position <= previousPosition || position >= logSize) return undefined;
      index.append(baseOffset + relative, position);
      previousOffset = relative;
      previousPosition = position;
    }
    return index;
  }
}
