/**
 * Encodes records into uncompressed RecordBatch v2 batches, byte for byte as Kafka's own
 * producers do: sizes are computed first, then one buffer is filled in a single pass,
 * then each batch's CRC-32C over attributes..end is stored.
 *
 * Record layout: varint length, int8 attributes (0), varlong timestampDelta,
 * varint offsetDelta, varint keyLength (-1 = null) + key, varint valueLength
 * (-1 = null) + value, varint headerCount, then per header varint keyLength + UTF-8
 * key and varint valueLength (-1 = null) + value.
 *
 * `encodeRecordBatch` makes one batch of all the records. `encodeRecordBatches` starts a
 * new batch before one would grow past a byte limit, and returns the batches back to back
 * in one buffer, with consecutive offsets: the same records in the same order, only cut.
 *
 * The CRC-32C is injected (`crc32c`): the plain JavaScript one by default, the broker's
 * storage passes its native one.
 */
import {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LENGTH_OFFSET,
  CRC_OFFSET,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAGIC_V2,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  RECORDS_COUNT_OFFSET,
} from './batch-header.js';
import { type Crc32c, crc32c as javascriptCrc32c } from './crc32c.js';
import type { BytesInput, RecordInput } from './record.js';
import { varintSize, varlongSize, writeInt64, writeVarint, writeVarlong } from './varint.js';

export interface EncodeBatchOptions {
  /** Base offset written into the (first) batch; a log overwrites it on append. Default 0. */
  baseOffset?: number;
  /** Timestamp for records that have none (ms since the epoch). Default `Date.now()`. */
  timestamp?: number;
  /** Default 0. */
  partitionLeaderEpoch?: number;
  /** Default -1 (not idempotent), as Kafka's producer writes. */
  producerId?: number;
  /** Default -1. */
  producerEpoch?: number;
  /** Default -1. */
  baseSequence?: number;
  /** The CRC-32C function. Default: the plain JavaScript one of this package. */
  crc32c?: Crc32c;
}

export interface EncodeBatchesOptions extends EncodeBatchOptions {
  /**
   * Bytes a batch may have (header included). A record too large for any batch still gets
   * a batch of its own, larger than this: the caller decides whether to refuse it.
   */
  maxBatchBytes: number;
}

function byteLength(bytes: BytesInput): number {
  return typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.length;
}

function writeBytes(target: Buffer, offset: number, bytes: BytesInput, length: number): number {
  if (typeof bytes === 'string') target.write(bytes, offset, length, 'utf8');
  else target.set(bytes, offset);
  return offset + length;
}

function nullableBytesSize(bytes: BytesInput | null | undefined): number {
  if (bytes === null || bytes === undefined) return 1;
  const length = byteLength(bytes);
  return varintSize(length) + length;
}

function writeNullableBytes(target: Buffer, offset: number, bytes: BytesInput | null | undefined): number {
  if (bytes === null || bytes === undefined) return writeVarint(target, offset, -1);
  const length = byteLength(bytes);
  return writeBytes(target, writeVarint(target, offset, length), bytes, length);
}

/** Bytes of a record's key, value and headers: everything after its offset delta. */
function fieldsSize(record: RecordInput): number {
  let size = nullableBytesSize(record.key) + nullableBytesSize(record.value);
  const headers = record.headers;
  const headerCount = headers === undefined ? 0 : headers.length;
  size += varintSize(headerCount);
  for (let h = 0; h < headerCount; h++) {
    const header = headers![h]!;
    const keyLength = Buffer.byteLength(header.key, 'utf8');
    size += varintSize(keyLength) + keyLength + nullableBytesSize(header.value);
  }
  return size;
}

/** Writes a batch header at `at` for records [start, end) of `size` bytes; the CRC comes last. */
function writeHeader(
  buffer: Buffer,
  at: number,
  options: EncodeBatchOptions,
  start: number,
  end: number,
  size: number,
  baseTimestamp: number,
  maxTimestamp: number,
): void {
  writeInt64(buffer, at + BASE_OFFSET_OFFSET, (options.baseOffset ?? 0) + start);
  buffer.writeInt32BE(size - LOG_OVERHEAD, at + BATCH_LENGTH_OFFSET);
  buffer.writeInt32BE(options.partitionLeaderEpoch ?? 0, at + PARTITION_LEADER_EPOCH_OFFSET);
  buffer.writeInt8(MAGIC_V2, at + MAGIC_OFFSET);
  buffer.writeInt16BE(0, at + ATTRIBUTES_OFFSET);
  buffer.writeInt32BE(end - start - 1, at + LAST_OFFSET_DELTA_OFFSET);
  writeInt64(buffer, at + BASE_TIMESTAMP_OFFSET, baseTimestamp);
  writeInt64(buffer, at + MAX_TIMESTAMP_OFFSET, maxTimestamp);
  writeInt64(buffer, at + PRODUCER_ID_OFFSET, options.producerId ?? -1);
  buffer.writeInt16BE(options.producerEpoch ?? -1, at + PRODUCER_EPOCH_OFFSET);
  // An idempotent producer's sequence numbers count records: a later batch of a split starts further on.
  const baseSequence = options.baseSequence ?? -1;
  buffer.writeInt32BE(baseSequence < 0 ? -1 : incrementSequence(baseSequence, start), at + BASE_SEQUENCE_OFFSET);
  buffer.writeInt32BE(end - start, at + RECORDS_COUNT_OFFSET);
}

/** Kafka's rule: sequence numbers wrap from 2^31 - 1 to 0. */
function incrementSequence(sequence: number, increment: number): number {
  const next = sequence + increment;
  return next > 0x7fffffff ? next - 0x80000000 : next;
}

function encode(records: readonly RecordInput[], options: EncodeBatchOptions, maxBatchBytes: number): Buffer {
  const count = records.length;
  if (count === 0) throw new RangeError('A record batch needs at least one record');
  const now = options.timestamp ?? Date.now();
  const crc32c = options.crc32c ?? javascriptCrc32c;

  // Pass 1: every record's size given its place in its batch, cutting a new batch before
  // one would grow past maxBatchBytes. `cuts` holds the index of each later batch's first record.
  const bodySizes = new Array<number>(count);
  const cuts: number[] = [];
  let start = 0;
  let baseTimestamp = records[0]!.timestamp ?? now;
  let size = BATCH_HEADER_SIZE;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const record = records[i]!;
    const timestamp = record.timestamp ?? now;
    const fields = fieldsSize(record);
    let body = 1 + varlongSize(timestamp - baseTimestamp) + varintSize(i - start) + fields;
    let bytes = varintSize(body) + body;
    if (size + bytes > maxBatchBytes && i > start) {
      cuts.push(i);
      total += size;
      start = i;
      baseTimestamp = timestamp;
      size = BATCH_HEADER_SIZE;
      body = 1 + varlongSize(0) + varintSize(0) + fields;
      bytes = varintSize(body) + body;
    }
    bodySizes[i] = body;
    size += bytes;
  }
  total += size;
  cuts.push(count);

  // Pass 2: bytes, batch by batch.
  const buffer = Buffer.allocUnsafe(total);
  let at = 0;
  start = 0;
  for (const end of cuts) {
    const batchStart = at;
    const batchBase = records[start]!.timestamp ?? now;
    let maxTimestamp = -1;
    let offset = at + BATCH_HEADER_SIZE;
    for (let i = start; i < end; i++) {
      const record = records[i]!;
      const timestamp = record.timestamp ?? now;
      if (timestamp > maxTimestamp) maxTimestamp = timestamp;
      offset = writeVarint(buffer, offset, bodySizes[i]!);
      buffer[offset++] = 0; // record attributes: unused
      offset = writeVarlong(buffer, offset, timestamp - batchBase);
      offset = writeVarint(buffer, offset, i - start);
      offset = writeNullableBytes(buffer, offset, record.key);
      offset = writeNullableBytes(buffer, offset, record.value);
      const headers = record.headers;
      const headerCount = headers === undefined ? 0 : headers.length;
      offset = writeVarint(buffer, offset, headerCount);
      for (let h = 0; h < headerCount; h++) {
        const header = headers![h]!;
        const keyLength = Buffer.byteLength(header.key, 'utf8');
        offset = writeBytes(buffer, writeVarint(buffer, offset, keyLength), header.key, keyLength);
        offset = writeNullableBytes(buffer, offset, header.value);
      }
    }
    writeHeader(buffer, batchStart, options, start, end, offset - batchStart, batchBase, maxTimestamp);
    buffer.writeUInt32BE(crc32c(buffer.subarray(batchStart + ATTRIBUTES_OFFSET, offset)), batchStart + CRC_OFFSET);
    at = offset;
    start = end;
  }
  return buffer;
}

/** Encodes `records` (at least one) as one RecordBatch v2. */
export function encodeRecordBatch(records: readonly RecordInput[], options: EncodeBatchOptions = {}): Buffer {
  return encode(records, options, Number.POSITIVE_INFINITY);
}

/**
 * Encodes `records` (at least one) as as few RecordBatch v2 batches as fit `maxBatchBytes`
 * each (cut greedily, in order), back to back; batch n's base offset follows batch n-1's.
 */
export function encodeRecordBatches(records: readonly RecordInput[], options: EncodeBatchesOptions): Buffer {
  return encode(records, options, options.maxBatchBytes);
}
