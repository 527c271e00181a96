/**
 * The read path of a file Log, apart from its writer: whole, CRC-checked batches from the
 * batch holding an offset, across segments while a byte budget lasts, their records, and
 * seek by time. These functions see a snapshot of the segment list and the high watermark
 * (a ReadView), so they run concurrently with appends; they never return bytes at or past
 * the high watermark.
 *
 * Offsets in a log are contiguous (there is no compaction; DeleteRecords only moves the log
 * start), so a read never jumps: a batch that does not start where the previous one ended, a
 * segment that ends before the next one's base offset, a first batch that starts past the
 * offset asked for, or a batch whose framing or CRC is broken, ends the read before it, and a
 * read that starts there fails with CORRUPT_MESSAGE naming the offset (damage-errors.ts).
 */
import { checkBatch } from '../record-batch/batch-check.js';
import {
  BATCH_HEADER_SIZE,
  batchBaseOffset,
  batchLastOffset,
  batchMaxTimestamp,
  batchSize,
} from '../record-batch/batch-header.js';
import type { Inflaters } from '../record-batch/compression.js';
import { decodeBatchRecords, decodeRecordBatches } from '../record-batch/decode.js';
import { brokenFraming, missingOffsets, timeLookupAcrossDamage } from './damage-errors.js';
import { corruptStoredBatch, offsetOutOfRange, segmentsDeletedUnderRead } from './log-errors.js';
import { type LogSegment, SegmentClosedError } from './log-segment.js';
import type { LogName, RawReadResult, ReadResult, TimestampOffset } from './partition-log.js';

/** Extra bytes read past the budget so the walk from an index entry to the wanted batch fits. */
const READ_AHEAD_BYTES = 16 * 1024;

/**
 * How much a read limited by a record count takes from the file at a time: it stops at the
 * batch holding its last record, so reading the whole byte budget at once would mostly read
 * (and allocate) bytes it then drops.
 */
const RECORD_LIMITED_WINDOW_BYTES = 256 * 1024;

/** What a reader sees, taken in one synchronous step. */
export interface ReadView {
  /** The segment list, oldest first. */
  segments: readonly LogSegment[];
  highWatermark: number;
  logStartOffset: number;
}

/** How many times a read starts again on a fresh view when retention deletes its segment under it. */
const VIEW_ATTEMPTS = 4;

/**
 * Runs `read` on a view `view` takes (it throws when the log is closed). When retention or
 * DeleteRecords deletes a segment under the read, it starts again on a fresh view; after
 * VIEW_ATTEMPTS such losses in a row it fails with a retriable KAFKA_STORAGE_ERROR.
 */
export async function onFreshView<T>(
  tp: LogName,
  view: () => ReadView,
  read: (view: ReadView) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read(view());
    } catch (error) {
      if (!(error instanceof SegmentClosedError)) throw error;
      if (attempt >= VIEW_ATTEMPTS) throw segmentsDeletedUnderRead(tp, attempt);
    }
  }
}

/**
 * Raw batches from the batch holding `offset`, within `maxBytes`, ending with the batch that
 * holds the `maxRecords`-th record from `offset` when a count is given (see onFreshView for a
 * segment deleted under the read). OFFSET_OUT_OF_RANGE outside [logStartOffset, logEndOffset].
 */
export function readRaw(
  tp: LogName,
  view: () => ReadView,
  offset: number,
  maxBytes: number,
  maxRecords?: number,
): Promise<RawReadResult> {
  const endOffset = maxRecords === undefined ? Number.POSITIVE_INFINITY : offset + Math.max(1, maxRecords);
  return onFreshView(tp, view, async ({ segments, highWatermark, logStartOffset }) => {
    const end = segments[segments.length - 1]!.nextOffset;
    if (!Number.isSafeInteger(offset) || offset < logStartOffset || offset > end)
      throw offsetOutOfRange(tp, offset, logStartOffset, end);
    const { bytes, nextOffset } = await readBatches(tp, segments, offset, maxBytes, highWatermark, endOffset);
    return { bytes, nextOffset, highWatermark, logStartOffset };
  });
}

/** The records of `raw`, read from `offset`: at most `maxRecords`, the next offset then after the last one kept. */
export function decodeRead(
  raw: RawReadResult,
  offset: number,
  maxRecords: number | undefined,
  inflaters: Inflaters,
): ReadResult {
  let records = decodeRecordBatches(raw.bytes, offset, inflaters, maxRecords);
  let nextOffset = raw.nextOffset;
  if (maxRecords !== undefined && records.length >= maxRecords) {
    records = records.slice(0, Math.max(0, maxRecords));
    nextOffset = records.length > 0 ? records[records.length - 1]!.offset + 1 : offset;
  }
  return { records, nextOffset, highWatermark: raw.highWatermark, logStartOffset: raw.logStartOffset };
}

/** The segment holding `offset`: the last one whose base offset is <= it. */
export function segmentFor(segments: readonly LogSegment[], offset: number): number {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (segments[middle]!.baseOffset <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Whole batches from the batch holding `offset`, across segments, within `maxBytes` (the first
 * batch always whole), up to the batch holding `endOffset - 1`.
 */
export async function readBatches(
  tp: LogName,
  segments: readonly LogSegment[],
  offset: number,
  maxBytes: number,
  hw: number,
  endOffset = Number.POSITIVE_INFINITY,
): Promise<{ bytes: Buffer; nextOffset: number }> {
  const parts: Buffer[] = [];
  let nextOffset = offset;
  let budget = maxBytes;
  let index = segmentFor(segments, offset);
  while (nextOffset < hw && nextOffset < endOffset && index < segments.length) {
    const segment = segments[index]!;
    if (segment.baseOffset > nextOffset) {
      // The previous segment ends before this one starts: the offsets between are missing.
      if (parts.length > 0) break;
      const from = index > 0 ? Math.min(nextOffset, segments[index - 1]!.nextOffset) : nextOffset;
      throw missingOffsets(tp, offset, from, segment.baseOffset - 1);
    }
    const part = await readFromSegment(tp, segment, nextOffset, budget, parts.length === 0, hw, endOffset);
    if (part.bytes.length > 0) {
      parts.push(part.bytes);
      nextOffset = part.nextOffset;
      budget -= part.bytes.length;
    }
    if (budget <= 0) break;
    if (nextOffset < segment.nextOffset) {
      if (part.windowEnded && part.bytes.length > 0) continue; // the segment has more within the budget
      break;
    }
    index++;
  }
  return { bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts), nextOffset };
}

/**
 * Whole batches of one segment from the batch holding `offset`, within `budget` bytes, up to
 * the batch holding `endOffset - 1`. One read from the nearest index entry usually covers
 * both the short walk to that batch and the batches to return; a second read happens only
 * when it does not. A read limited by a record count reads a window at a time: `windowEnded`
 * says it stopped at the window's end, with budget and records to go.
 */
async function readFromSegment(
  tp: LogName,
  segment: LogSegment,
  offset: number,
  budget: number,
  wholeFirstBatch: boolean,
  hw: number,
  endOffset: number,
): Promise<{ bytes: Buffer; nextOffset: number; windowEnded?: boolean }> {
  const empty = { bytes: Buffer.alloc(0), nextOffset: offset };
  const end = segment.size;
  const window = endOffset === Number.POSITIVE_INFINITY ? budget : Math.min(budget, RECORD_LIMITED_WINDOW_BYTES);
  let filePosition = segment.lookupPosition(offset);
  let bytes = await segment.read(filePosition, Math.min(end - filePosition, window + READ_AHEAD_BYTES));
  // Walk to the batch holding `offset`.
  let at = 0;
  for (;;) {
    if (at + BATCH_HEADER_SIZE > bytes.length) {
      if (filePosition + at >= end) return empty;
      filePosition += at;
      bytes = await segment.read(filePosition, Math.min(end - filePosition, window + READ_AHEAD_BYTES));
      at = 0;
      if (bytes.length < BATCH_HEADER_SIZE) return empty;
    }
    const size = batchSize(bytes, at);
    if (size < BATCH_HEADER_SIZE || filePosition + at + size > end) {
      // Records before the damage are served first; a read that starts at it fails.
      if (!wholeFirstBatch) return empty;
      throw brokenFraming(tp, offset);
    }
    if (batchLastOffset(bytes, at) >= offset) break;
    at += size;
  }
  const firstBase = batchBaseOffset(bytes, at);
  if (firstBase > offset) {
    // Within a segment: the batch before ends below `offset`, this one starts above it.
    if (!wholeFirstBatch) return empty;
    throw missingOffsets(tp, offset, offset, firstBase - 1);
  }
  const firstSize = batchSize(bytes, at);
  if (!wholeFirstBatch && firstSize > budget) return empty;
  const wanted = Math.max(firstSize, window);
  if (at + wanted > bytes.length && filePosition + bytes.length < end) {
    // The window ends before the budget does: read again from the batch itself.
    filePosition += at;
    bytes = await segment.read(filePosition, Math.min(end - filePosition, wanted));
    at = 0;
  }
  const start = at;
  let nextOffset = offset;
  let windowEnded = false;
  while (at + BATCH_HEADER_SIZE <= bytes.length && nextOffset < endOffset) {
    const size = batchSize(bytes, at);
    if (at > start && at + size - start > budget) break;
    if (at + size > bytes.length) {
      windowEnded = window < budget && filePosition + at < end;
      break;
    }
    if (batchBaseOffset(bytes, at) >= hw) break;
    if (at > start && batchBaseOffset(bytes, at) !== nextOffset) break; // a gap: the next read reports it
    if (checkBatch(bytes, at, at + size) !== undefined) {
      if (at === start && wholeFirstBatch) throw corruptStoredBatch(tp, batchBaseOffset(bytes, at));
      break;
    }
    nextOffset = batchLastOffset(bytes, at) + 1;
    at += size;
  }
  if (at === start) return empty;
  windowEnded ||=
    window < budget && nextOffset < endOffset && at + BATCH_HEADER_SIZE > bytes.length && filePosition + at < end;
  return { bytes: bytes.subarray(start, at), nextOffset, windowEnded };
}

/**
 * The first record in [logStartOffset, high watermark) whose timestamp is >= `timestamp`.
 * Offsets missing from the stored log (damage: between segments, or between two batches of
 * one) before the answer make it CORRUPT_MESSAGE: the lost records' timestamps are unknown,
 * and one of them may be the answer, so a later offset would skip them silently.
 */
export async function findOffsetByTime(
  tp: LogName,
  segments: readonly LogSegment[],
  timestamp: number,
  hw: number,
  inflaters: Inflaters,
  logStartOffset = 0,
): Promise<TimestampOffset | undefined> {
  let previousEnd: number | undefined;
  for (const segment of segments) {
    if (previousEnd !== undefined && segment.baseOffset > previousEnd && previousEnd < hw)
      throw timeLookupAcrossDamage(tp, timestamp, previousEnd, segment.baseOffset - 1);
    previousEnd = Math.max(segment.nextOffset, logStartOffset);
    if (segment.isEmpty || segment.maxTimestamp < timestamp || segment.nextOffset <= logStartOffset) continue;
    let found: TimestampOffset | undefined;
    let expected: number | undefined;
    const scan = await segment.scan(segment.lookupTimestampPosition(timestamp), (chunk, at) => {
      const base = batchBaseOffset(chunk, at);
      if (base >= hw) return false;
      if (expected !== undefined && base !== expected && expected >= logStartOffset)
        throw timeLookupAcrossDamage(tp, timestamp, Math.min(expected, base), Math.max(expected, base) - 1);
      expected = batchLastOffset(chunk, at) + 1;
      if (batchMaxTimestamp(chunk, at) < timestamp) return undefined;
      const records = decodeBatchRecords(chunk, at, [], 0, inflaters);
      const record = records.find(
        (candidate) => candidate.timestamp >= timestamp && candidate.offset < hw && candidate.offset >= logStartOffset,
      );
      if (record === undefined) return undefined;
      found = { offset: record.offset, timestamp: record.timestamp };
      return false;
    });
    if (found !== undefined) return found;
    // The segment's batches ended (broken framing, or the file cut) before the offsets it holds.
    const end = Math.min(segment.nextOffset, hw);
    if (expected !== undefined && expected < end && (scan.problem !== undefined || expected >= logStartOffset))
      throw timeLookupAcrossDamage(tp, timestamp, expected, end - 1);
    if (segment.nextOffset >= hw) return undefined;
  }
  return undefined;
}
