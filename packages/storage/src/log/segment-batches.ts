/**
 * The batches of one segment file as a list, every one checked (framing, magic, CRC,
 * offsets that follow on), and the checks of index entries against that list. Shared by
 * the offline checker (verify-segment.ts) and the background scrub (log-scrub.ts), so both
 * judge a segment and its .index and .timeindex by the same rules:
 * - an .index entry must point at the first byte of the batch whose base offset it names;
 * - a .timeindex entry must carry the largest batch max-timestamp up to the batch holding
 *   its offset (what the writer records, see time-index.ts).
 * Reads only, through a `read` the caller gives; never throws on bad bytes.
 */
import {
  batchBaseOffset,
  batchLastOffset,
  batchMaxTimestamp,
  batchRecordsCount,
  batchSize,
} from '../record-batch/batch-header.js';
import { type ScanResult, scanBatches } from './batch-scanner.js';

export interface BatchSeen {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
  records: number;
  maxTimestamp: number;
  /** The largest max timestamp of the batches up to and including this one. */
  runningMaxTimestamp: number;
}

export interface WalkedBatches {
  scan: ScanResult;
  /** The offset after the last valid batch (`expectedBaseOffset` when there is none). */
  nextOffset: number;
}

/**
 * Walks the valid batches of [from, to), the first at `expectedBaseOffset`, into `seen`
 * (the running max timestamp carrying on from what `seen` already holds).
 */
export async function walkCheckedBatches(
  handle: { read(buffer: Buffer, offset: number, length: number, position: number): Promise<number> },
  range: { from: number; to: number },
  expectedBaseOffset: number,
  maxBatchSize: number,
  seen: BatchSeen[],
): Promise<WalkedBatches> {
  let nextOffset = expectedBaseOffset;
  let runningMax = seen.at(-1)?.runningMaxTimestamp ?? -1;
  const scan = await scanBatches(
    handle,
    range.from,
    range.to,
    { verify: true, maxBatchSize, expectedBaseOffset },
    (chunk, at, position) => {
      const maxTimestamp = batchMaxTimestamp(chunk, at);
      runningMax = Math.max(runningMax, maxTimestamp);
      nextOffset = batchLastOffset(chunk, at) + 1;
      seen.push({
        position,
        size: batchSize(chunk, at),
        baseOffset: batchBaseOffset(chunk, at),
        lastOffset: nextOffset - 1,
        records: batchRecordsCount(chunk, at),
        maxTimestamp,
        runningMaxTimestamp: runningMax,
      });
      return undefined;
    },
  );
  return { scan, nextOffset };
}

/** The indexes (into `entries`) of the .index entries below byte `validEnd` that do not point at their batch. */
export function misplacedIndexEntries(
  entries: readonly { offset: number; position: number }[],
  seen: readonly BatchSeen[],
  validEnd: number,
): number[] {
  const batchAt = new Map(seen.map((batch) => [batch.position, batch.baseOffset]));
  const wrong: number[] = [];
  entries.forEach(({ offset, position }, i) => {
    if (position < validEnd && batchAt.get(position) !== offset) wrong.push(i);
  });
  return wrong;
}

/** The index of the first .timeindex entry that disagrees with the batches, or `undefined`. */
export function wrongTimeIndexEntry(
  entries: readonly { timestamp: number; offset: number }[],
  seen: readonly BatchSeen[],
): number | undefined {
  const i = entries.findIndex(({ timestamp, offset }) => batchHolding(seen, offset)?.runningMaxTimestamp !== timestamp);
  return i < 0 ? undefined : i;
}

/** The batch of `seen` (in offset order) holding `offset`, by binary search. */
export function batchHolding(seen: readonly BatchSeen[], offset: number): BatchSeen | undefined {
  let low = 0;
  let high = seen.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const batch = seen[middle]!;
    if (batch.lastOffset < offset) low = middle + 1;
    else if (batch.baseOffset > offset) high = middle - 1;
    else return batch;
  }
  return undefined;
}
