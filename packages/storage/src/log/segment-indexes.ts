/**
 * The indexes of one segment as its batches are added, in file order: the sparse OffsetIndex
 * and TimeIndex (an entry once more than `indexIntervalBytes` were added since the last), and
 * the segment's largest timestamp with the offset carrying it. LogSegment keeps one for its
 * appends; a rebuild (the scrub's, after an index entry disagreed with the batches) fills a
 * fresh one and swaps it in whole. Single writer; no I/O.
 */
import { OffsetIndex } from './offset-index.js';
import { TimeIndex } from './time-index.js';

export interface IndexedBatch {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
}

export class SegmentIndexes {
  readonly index: OffsetIndex;
  readonly timeIndex: TimeIndex;
  /** The largest batch max-timestamp added, or -1. */
  maxTimestamp = -1;
  offsetOfMaxTimestamp: number;
  bytesSinceLastEntry = 0;

  constructor(
    readonly baseOffset: number,
    loaded?: { index: OffsetIndex; timeIndex: TimeIndex },
  ) {
    this.index = loaded?.index ?? new OffsetIndex(baseOffset);
    this.timeIndex = loaded?.timeIndex ?? new TimeIndex(baseOffset);
    this.offsetOfMaxTimestamp = baseOffset;
  }

  /** Records one batch (the next in the file). */
  add(batch: IndexedBatch, indexIntervalBytes: number): void {
    if (batch.maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = batch.maxTimestamp;
      this.offsetOfMaxTimestamp = batch.lastOffset;
    }
    if (this.bytesSinceLastEntry > indexIntervalBytes) {
      this.index.append(batch.baseOffset, batch.position);
      this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
      this.bytesSinceLastEntry = 0;
    }
    this.bytesSinceLastEntry += batch.size;
  }

  /** Adds the final time index entry (the segment's largest timestamp), as a roll or close does. */
  seal(): void {
    if (this.maxTimestamp >= 0) this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
  }
}
