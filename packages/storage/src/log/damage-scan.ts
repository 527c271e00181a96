/**
 * Reads what it can out of the bytes of a segment past the point where its valid batches
 * end: which offsets they held, and whether they look like what an interrupted write
 * leaves. Used by recovery (to know which offsets a cut drops) and by `verify` (to list
 * what is left after the damage). Reads only; never throws on bad bytes.
 *
 * It walks batches by their length fields while the framing holds:
 * - a batch whose CRC passes names its offsets, provided they come after the ones before and
 *   skip no more offsets than bytes were passed over since (its base offset is outside the
 *   CRC: a flipped bit there must not push the log end out by 2^56);
 * - a batch that fails its checks names its offsets only when its base offset is the one
 *   expected next and its record count matches its last offset delta (two fields a random
 *   flip will not keep in agreement); either way it is stepped over by its length;
 * - where the framing is lost (an impossible length, or one past the end), it searches
 *   byte by byte for the next batch whose CRC passes (magic 2, a possible length, offsets
 *   after the known ones, at most one offset per byte searched) and walks on from there.
 * A first batch that runs past the end of the file, with no intact batch after it, is what
 * a write cut short leaves.
 */
import { checkBatch } from '../record-batch/batch-check.js';
import {
  BATCH_HEADER_SIZE,
  batchBaseOffset,
  batchLastOffset,
  batchLastOffsetDelta,
  batchRecordsCount,
  batchSize,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAGIC_V2,
} from '../record-batch/batch-header.js';

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

const SEARCH_CHUNK_BYTES = 1 << 20;

export interface DamagedBytes {
  /** The last offset the bytes credibly name, or `undefined` when they name none. */
  lastOffset: number | undefined;
  /** The first batch runs past the end of the file (or fewer bytes than a header are left). */
  endsInsideFirstBatch: boolean;
  /** Batches after the damage whose CRC passes, and the offsets they span. */
  intact: {
    batches: number;
    records: number;
    fromOffset: number | undefined;
    toOffset: number | undefined;
    /** Where the first intact batch starts in the file. */
    fromPosition: number | undefined;
  };
}

/** Examines the bytes [from, to) of a segment whose next offset, had they been valid, was `expectedOffset`. */
export async function examineDamage(
  read: ReadAt,
  from: number,
  to: number,
  expectedOffset: number,
  maxBatchSize: number,
): Promise<DamagedBytes> {
  const result: DamagedBytes = {
    lastOffset: undefined,
    endsInsideFirstBatch: false,
    intact: { batches: 0, records: 0, fromOffset: undefined, toOffset: undefined, fromPosition: undefined },
  };
  let known = expectedOffset - 1;
  // Where the bytes after the last credited batch start: offsets skipped are bounded by bytes passed since.
  let creditedEnd = from;
  const credit = (lastOffset: number, end: number): void => {
    known = lastOffset;
    creditedEnd = end;
    result.lastOffset = lastOffset;
  };
  let position = from;
  while (position < to) {
    const header = await read(position, Math.min(BATCH_HEADER_SIZE, to - position));
    const size = header.length >= LOG_OVERHEAD ? batchSize(header, 0) : -1;
    const framed = size >= BATCH_HEADER_SIZE && size <= maxBatchSize && position + size <= to;
    if (!framed) {
      if (position === from && (header.length < LOG_OVERHEAD || position + size > to)) {
        result.endsInsideFirstBatch = true;
      }
      if (header.length === BATCH_HEADER_SIZE && credibleHeader(header, known))
        credit(batchLastOffset(header, 0), position);
      const next = await searchBatch(read, { from: position + 1, to, origin: creditedEnd }, known, maxBatchSize);
      if (next === undefined) break;
      position = next;
      continue;
    }
    const batch = await read(position, size);
    const base = batchBaseOffset(batch, 0);
    if (checkBatch(batch, 0, size, maxBatchSize) === undefined && follows(base, known, position - creditedEnd)) {
      credit(batchLastOffset(batch, 0), position + size);
      result.intact.batches++;
      result.intact.records += batchRecordsCount(batch, 0);
      result.intact.fromOffset ??= batchBaseOffset(batch, 0);
      result.intact.fromPosition ??= position;
      result.intact.toOffset = known;
    } else if (credibleHeader(batch, known)) {
      // Its length may be what is damaged: count the bytes passed from its start.
      credit(batchLastOffset(batch, 0), position);
    }
    position += size;
  }
  return result;
}

/** Whether an intact batch at `base` can follow offset `known` after `passed` bytes that named no offset. */
function follows(base: number, known: number, passed: number): boolean {
  return base > known && base - known - 1 <= passed;
}

/** A failed batch's header is believed when it starts right after `known` and its count and delta agree. */
function credibleHeader(header: Buffer, known: number): boolean {
  const delta = batchLastOffsetDelta(header, 0);
  return batchBaseOffset(header, 0) === known + 1 && delta >= 0 && batchRecordsCount(header, 0) === delta + 1;
}

/**
 * The position of the next intact batch in [from, to) whose offsets follow `known`, searching
 * byte by byte; the offsets it skips may not outnumber the bytes since `origin`.
 */
async function searchBatch(
  read: ReadAt,
  { from, to, origin }: { from: number; to: number; origin: number },
  known: number,
  maxBatchSize: number,
): Promise<number | undefined> {
  for (let start = from; start + BATCH_HEADER_SIZE <= to; start += SEARCH_CHUNK_BYTES) {
    const chunk = await read(start, Math.min(SEARCH_CHUNK_BYTES + BATCH_HEADER_SIZE, to - start));
    const limit = Math.min(SEARCH_CHUNK_BYTES, chunk.length - BATCH_HEADER_SIZE + 1);
    for (let at = 0; at < limit; at++) {
      if (chunk[at + MAGIC_OFFSET] !== MAGIC_V2) continue;
      const size = batchSize(chunk, at);
      const position = start + at;
      if (size < BATCH_HEADER_SIZE || size > maxBatchSize || position + size > to) continue;
      if (!follows(batchBaseOffset(chunk, at), known, position - origin)) continue;
      const batch = at + size <= chunk.length ? chunk.subarray(at, at + size) : await read(position, size);
      if (checkBatch(batch, 0, size, maxBatchSize) === undefined) return position;
    }
  }
  return undefined;
}
