/**
 * The read path of a file Log, apart from its writer: whole, CRC-checked batches from the
 * batch holding an offset, across segments while a byte budget lasts, their records, and
 * seek by time. These functions see a snapshot of the segment list and the high watermark
 * (a ReadView), so they run concurrently with appends; they never return bytes at or past
 * the high watermark.
 *
 * The batches come as a list of chunks, never gathered into one buffer (batch-reads.ts).
 *
 * Offsets in a log are contiguous (there is no compaction; DeleteRecords only moves the log
 * start), so a read never jumps: a batch that does not start where the previous one ended, a
 * segment that ends before the next one's base offset, a first batch that starts past the
 * offset asked for, or a batch whose framing or CRC is broken, ends the read before it, and a
 * read that starts there fails with CORRUPT_MESSAGE naming the offset (damage-errors.ts).
 */
import { loopShare, nextTurn } from '@mini-kafka/protocol/core';
import { batchBaseOffset, batchLastOffset, batchMaxTimestamp, batchSize } from '../record-batch/batch-header.js';
import type { Inflaters } from '../record-batch/compression.js';
import { decodeBatchRecords } from '../record-batch/decode.js';
import type { StoredRecord } from '../record-batch/record.js';
import { readBatches } from './batch-reads.js';
import { timeLookupAcrossDamage } from './damage-errors.js';
import { offsetOutOfRange, segmentsDeletedUnderRead } from './log-errors.js';
import { type LogSegment, SegmentClosedError } from './log-segment.js';
import type { LogName, RawReadResult, ReadResult, TimestampOffset } from './partition-log.js';
import type { BatchFilter } from './txn-reads.js';

/** What a reader sees, taken in one synchronous step. */
export interface ReadView {
  /** The segment list, oldest first. */
  segments: readonly LogSegment[];
  highWatermark: number;
  logStartOffset: number;
  /** min(first offset of every ongoing transaction, highWatermark). */
  lastStableOffset: number;
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
 * `committed` (read_committed) stops at the view's last stable offset instead of its high watermark.
 */
export function readRaw(
  tp: LogName,
  view: () => ReadView,
  offset: number,
  maxBytes: number,
  maxRecords?: number,
  allocate?: (size: number) => Buffer,
  committed = false,
): Promise<RawReadResult> {
  const endOffset = maxRecords === undefined ? Number.POSITIVE_INFINITY : offset + Math.max(1, maxRecords);
  return onFreshView(tp, view, async ({ segments, highWatermark, logStartOffset, lastStableOffset }) => {
    const end = segments[segments.length - 1]!.nextOffset;
    if (!Number.isSafeInteger(offset) || offset < logStartOffset || offset > end)
      throw offsetOutOfRange(tp, offset, logStartOffset, end);
    // read_committed: a batch at or past the LSO is not returned (the LSO is always a batch's first offset).
    const limit = committed ? lastStableOffset : highWatermark;
    const read = await readBatches(tp, segments, offset, maxBytes, limit, endOffset, allocate);
    const { chunks, size, nextOffset } = read;
    return { chunks, size, nextOffset, highWatermark, logStartOffset, lastStableOffset };
  });
}

/** Stored bytes decoded in one turn of the event loop by `decodeRead`. */
export const DECODE_SLICE_BYTES = 256 * 1024;

/**
 * The records of `raw`, read from `offset`: at most `maxRecords`, the next offset then after
 * the last one kept. Decoded a batch at a time, with a turn of the event loop after every
 * DECODE_SLICE_BYTES or so, and sooner when the long jobs of this turn have had their share of
 * it (`loopShare`, shared with the broker's large JSON answers), so reads of many megabytes,
 * however many at once, never hold the loop for long (a batch is never split: one compressed
 * batch is decoded in one go). Batches `hidden` says so of (control batches, aborted
 * transactions: txn-reads.ts) give no records; the next offset still moves past them.
 */
export async function decodeRead(
  raw: RawReadResult,
  offset: number,
  maxRecords: number | undefined,
  inflaters: Inflaters,
  hidden?: BatchFilter,
): Promise<ReadResult> {
  const limit = maxRecords ?? Number.POSITIVE_INFINITY;
  let records: StoredRecord[] = [];
  let sinceTurn = 0;
  for (const chunk of raw.chunks) {
    for (let at = 0; at < chunk.length && records.length < limit; ) {
      // Not even one batch once the turn's share is spent: jobs that yielded earlier go first.
      while (sinceTurn >= DECODE_SLICE_BYTES || loopShare.spent()) {
        await nextTurn();
        sinceTurn = 0;
      }
      const size = batchSize(chunk, at);
      if (hidden?.(chunk, at) !== true) decodeBatchRecords(chunk, at, records, offset, inflaters);
      sinceTurn += size;
      at += size;
    }
  }
  let nextOffset = raw.nextOffset;
  if (maxRecords !== undefined && records.length >= maxRecords) {
    records = records.slice(0, Math.max(0, maxRecords));
    nextOffset = records.length > 0 ? records[records.length - 1]!.offset + 1 : offset;
  }
  const { highWatermark, logStartOffset, lastStableOffset } = raw;
  return { records, nextOffset, highWatermark, logStartOffset, lastStableOffset };
}

/** Offsets, both ends inclusive. */
interface Range {
  from: number;
  to: number;
}

/**
 * The first record in [logStartOffset, high watermark) whose timestamp is >= `timestamp`.
 * Offsets missing from the stored log (damage: between segments, between two batches of one,
 * a range the scrub found, or the end of a segment cut short) are passed over, but their
 * records' timestamps are unknown, so the answer right after them may be wrong: when the
 * search passed such a range and then answers the first offset after it with a later
 * timestamp than asked (or answers nothing), it is CORRUPT_MESSAGE instead: a lost record may
 * be the answer. An answer further on (the records between had earlier timestamps), or one
 * whose timestamp is the one asked for, stands: timestamps are taken to grow along the log.
 */
export async function findOffsetByTime(
  tp: LogName,
  segments: readonly LogSegment[],
  timestamp: number,
  hw: number,
  inflaters: Inflaters,
  logStartOffset = 0,
): Promise<TimestampOffset | undefined> {
  let passed: Range | undefined;
  const answer = (found: TimestampOffset | undefined): TimestampOffset | undefined => {
    if (passed === undefined) return found;
    const ambiguous = found === undefined || (found.offset === passed.to + 1 && found.timestamp > timestamp);
    if (ambiguous) throw timeLookupAcrossDamage(tp, timestamp, passed.from, passed.to);
    return found;
  };
  let previousEnd: number | undefined;
  for (const segment of segments) {
    if (previousEnd !== undefined && segment.baseOffset > previousEnd && previousEnd < hw)
      passed = { from: previousEnd, to: segment.baseOffset - 1 };
    previousEnd = Math.max(segment.nextOffset, logStartOffset);
    if (segment.isEmpty || segment.maxTimestamp < timestamp || segment.nextOffset <= logStartOffset) continue;
    const searched = await searchSegment(segment, timestamp, hw, inflaters, logStartOffset);
    passed = searched.passed ?? passed;
    if (searched.found !== undefined) return answer(searched.found);
    if (segment.nextOffset >= hw) return answer(undefined);
  }
  return answer(undefined);
}

/**
 * The first record of `segment` at or after `timestamp`, walking from its time index entry
 * and over known damaged ranges; `passed` is the last range of missing offsets walked over.
 */
async function searchSegment(
  segment: LogSegment,
  timestamp: number,
  hw: number,
  inflaters: Inflaters,
  logStartOffset: number,
): Promise<{ found?: TimestampOffset; passed?: Range }> {
  let passed: Range | undefined;
  let expected: number | undefined;
  let from = segment.lookupTimestampPosition(timestamp);
  for (;;) {
    let found: TimestampOffset | undefined;
    let damaged = segment.damageAtByte(from);
    const scan = await segment.scan(from, (chunk, at, position) => {
      damaged = segment.damageAtByte(position);
      if (damaged !== undefined) return false;
      const base = batchBaseOffset(chunk, at);
      if (base >= hw) return false;
      if (expected !== undefined && base !== expected && expected >= logStartOffset)
        passed = { from: Math.min(expected, base), to: Math.max(expected, base) - 1 };
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
    if (found !== undefined) return { found, passed };
    damaged ??= scan.problem === undefined ? undefined : segment.damageAtByte(scan.end);
    if (damaged !== undefined) {
      // A range the scrub found: its offsets are missing; the search goes on after it.
      if (damaged.toOffset >= damaged.fromOffset) passed = { from: damaged.fromOffset, to: damaged.toOffset };
      from = damaged.toByte;
      expected = damaged.toOffset + 1;
      continue;
    }
    // The segment's batches ended (broken framing, or the file cut) before the offsets it holds.
    const end = Math.min(segment.nextOffset, hw);
    if (expected !== undefined && expected < end && (scan.problem !== undefined || expected >= logStartOffset))
      passed = { from: expected, to: end - 1 };
    return { passed };
  }
}
