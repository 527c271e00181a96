/**
 * Reads one segment file of the offsets log, given as bytes, into the pieces it is made of:
 * intact batches (with their records) and damaged ranges between them. Pure: no I/O, and it
 * never throws, whatever the bytes.
 *
 * The segment is RecordBatch v2 batches back to back (`@mini-kafka/storage`'s layout). From
 * byte 0, each batch must pass `checkBatch` (length, magic, CRC-32C over attributes..end,
 * offset delta) and its records must decode. When one does not, the bytes from there are
 * damaged up to the next position where a batch of this store's shape starts again
 * (resynchronization), or to the end of the file. The pieces tile the file: every byte is in
 * exactly one piece, in file order.
 *
 * Resynchronization only accepts a batch the offsets store could have written, so that bytes
 * which happen to look like a header are not taken for one: magic 2, a length that fits in the
 * file, no compression, no transaction or control bit, producer id, epoch and base sequence
 * -1, records count = last offset delta + 1; then the CRC. Candidates are found through the
 * magic byte (`indexOf`), so a scan of random bytes costs one native search and a few header
 * reads per candidate, not a CRC per byte.
 *
 * A batch's base offset lies outside its CRC, so an intact batch may still carry a wrong one:
 * `contiguous` says whether it follows the previous intact batch of the segment (or the
 * segment's base offset), which the storage Log requires of a segment it opens.
 */
import {
  ATTRIBUTES_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BATCH_HEADER_SIZE,
  type BatchProblem,
  batchBaseOffset,
  batchLastOffset,
  batchRecordsCount,
  batchSize,
  COMPRESSION_CODEC_MASK,
  CONTROL_MASK,
  checkBatch,
  decodeRecordBatches,
  LAST_OFFSET_DELTA_OFFSET,
  MAGIC_OFFSET,
  MAGIC_V2,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  type StoredRecord,
  TRANSACTIONAL_MASK,
} from '@mini-kafka/storage';

/** Why bytes of the offsets log could not be read: the batch check's answer, or records that do not decode. */
export type DamageReason = BatchProblem | 'undecodable';

export interface IntactBatch {
  kind: 'batch';
  /** Where the batch starts in the file, and its size in bytes. */
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
  /** Whether the base offset follows the previous intact batch of the segment (or the segment's base). */
  contiguous: boolean;
  records: StoredRecord[];
}

export interface DamagedBytes {
  kind: 'damage';
  position: number;
  bytes: number;
  /** Why the first batch at `position` failed. */
  reason: DamageReason;
  /**
   * The records read from the damaged bytes ignoring their checksum (best effort, never to be
   * applied: any of their bytes may be wrong), or `undefined` when they do not even frame as
   * uncompressed batches that cover the range exactly.
   */
  unchecked: StoredRecord[] | undefined;
}

export type SegmentPiece = IntactBatch | DamagedBytes;

export interface ScanSegmentOptions {
  /** The segment's base offset (from its file name). */
  baseOffset: number;
  /** The largest batch accepted, in bytes. */
  maxBatchSize: number;
}

/** The pieces of a segment's bytes, in file order; they cover every byte exactly once. */
export function scanSegment(bytes: Buffer, { baseOffset, maxBatchSize }: ScanSegmentOptions): SegmentPiece[] {
  const pieces: SegmentPiece[] = [];
  let position = 0;
  let expected = baseOffset;
  while (position < bytes.length) {
    const batch = intactBatchAt(bytes, position, maxBatchSize);
    if (typeof batch === 'object') {
      const base = batchBaseOffset(bytes, position);
      const last = batchLastOffset(bytes, position);
      pieces.push({ kind: 'batch', ...batch, baseOffset: base, lastOffset: last, contiguous: base === expected });
      expected = last + 1;
      position += batch.size;
      continue;
    }
    // A batch whose framing and CRC hold but whose records do not decode ends where it says.
    const end =
      batch === 'undecodable' ? position + batchSize(bytes, position) : nextBatch(bytes, position + 1, maxBatchSize);
    pieces.push({
      kind: 'damage',
      position,
      bytes: end - position,
      reason: batch,
      unchecked: uncheckedRecords(bytes, position, end),
    });
    position = end;
  }
  return pieces;
}

/** The batch at `position` with its records, or why there is none. */
function intactBatchAt(
  bytes: Buffer,
  position: number,
  maxBatchSize: number,
): { position: number; size: number; records: StoredRecord[] } | DamageReason {
  const problem = checkBatch(bytes, position, bytes.length, maxBatchSize);
  if (problem !== undefined) return problem;
  const size = batchSize(bytes, position);
  const records = decodeOne(bytes, position, size);
  return records === undefined ? 'undecodable' : { position, size, records };
}

/** The records of the (framed) batch at `position`, or `undefined` when they do not decode. */
function decodeOne(bytes: Buffer, position: number, size: number): StoredRecord[] | undefined {
  try {
    // From -infinity: the base offset is outside the CRC, and a damaged one must not hide records.
    return decodeRecordBatches(bytes.subarray(position, position + size), Number.NEGATIVE_INFINITY);
  } catch {
    return undefined;
  }
}

/** The first position after `from` where an intact batch of this store's shape starts; the file's end if none. */
function nextBatch(bytes: Buffer, from: number, maxBatchSize: number): number {
  let search = from + MAGIC_OFFSET;
  for (;;) {
    const magic = bytes.indexOf(MAGIC_V2, search);
    if (magic < 0) return bytes.length;
    search = magic + 1;
    const candidate = magic - MAGIC_OFFSET;
    if (
      looksWritten(bytes, candidate, maxBatchSize) &&
      typeof intactBatchAt(bytes, candidate, maxBatchSize) === 'object'
    ) {
      return candidate;
    }
  }
}

/** Whether the header at `position` is one the offsets store writes (cheap checks before any CRC). */
function looksWritten(bytes: Buffer, position: number, maxBatchSize: number): boolean {
  if (position + BATCH_HEADER_SIZE > bytes.length) return false;
  const size = batchSize(bytes, position);
  if (size < BATCH_HEADER_SIZE || size > maxBatchSize || position + size > bytes.length) return false;
  const attributes = bytes.readInt16BE(position + ATTRIBUTES_OFFSET);
  if ((attributes & (COMPRESSION_CODEC_MASK | TRANSACTIONAL_MASK | CONTROL_MASK)) !== 0) return false;
  const count = batchRecordsCount(bytes, position);
  if (count < 1 || bytes.readInt32BE(position + LAST_OFFSET_DELTA_OFFSET) !== count - 1) return false;
  return (
    bytes.readInt32BE(position + PRODUCER_ID_OFFSET) === -1 &&
    bytes.readInt32BE(position + PRODUCER_ID_OFFSET + 4) === -1 &&
    bytes.readInt16BE(position + PRODUCER_EPOCH_OFFSET) === -1 &&
    // Not the base offset: it lies outside the CRC, and a damaged one must not hide an intact batch.
    bytes.readInt32BE(position + BASE_SEQUENCE_OFFSET) === -1
  );
}

/** The records of `[from, to)` read as uncompressed batches without their CRC; `undefined` unless they cover it exactly. */
function uncheckedRecords(bytes: Buffer, from: number, to: number): StoredRecord[] | undefined {
  const records: StoredRecord[] = [];
  let position = from;
  while (position < to) {
    if (position + BATCH_HEADER_SIZE > to) return undefined;
    const size = batchSize(bytes, position);
    if (size < BATCH_HEADER_SIZE || position + size > to) return undefined;
    if ((bytes.readInt16BE(position + ATTRIBUTES_OFFSET) & COMPRESSION_CODEC_MASK) !== 0) return undefined;
    const decoded = decodeOne(bytes, position, size);
    if (decoded === undefined || decoded.length !== batchRecordsCount(bytes, position)) return undefined;
    records.push(...decoded);
    position += size;
  }
  return records;
}
