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
import { crc32c } from './crc32c.js';
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
}

export interface EncodeBatchesOptions extends EncodeBatchOptions {
  /**
   * Bytes a batch may have (header included). A record too large for any batch still gets
   * a batch of its own, larger than this: the caller decides whether to refuse it.
   */
  maxBatchBytes: number;
}

/** The batches of one encode: record index ranges with their sizes. */
interface Plan {
  /** Body bytes of each record (after its length varint), given its place in its batch. */
  bodySizes: number[];
  /** Index of each batch's first record; one more entry, `records.length`, ends the last. */
  starts: number[];
  /** Bytes of each batch. */
  sizes: number[];
  maxTimestamps: number[];
  total: number;
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

/** Pass 1: every record's size, cutting a new batch before one would exceed `maxBatchBytes`. */
function plan(records: readonly RecordInput[], now: number, maxBatchBytes: number): Plan {
  const count = records.length;
  const bodySizes = new Array<number>(count);
  const starts = [0];
  const sizes: number[] = [];
  const maxTimestamps: number[] = [];
  let start = 0;
  let baseTimestamp = records[0]!.timestamp ?? now;
  let size = BATCH_HEADER_SIZE;
  let maxTimestamp = -1;
  for (let i = 0; i < count; i++) {
    const record = records[i]!;
    const timestamp = record.timestamp ?? now;
    const fields = fieldsSize(record);
    let body = 1 + varlongSize(timestamp - baseTimestamp) + varintSize(i - start) + fields;
    if (i > start && size + varintSize(body) + body > maxBatchBytes) {
      sizes.push(size);
      maxTimestamps.push(maxTimestamp);
      starts.push(i);
      start = i;
      baseTimestamp = timestamp;
      size = BATCH_HEADER_SIZE;
      maxTimestamp = -1;
      body = 1 + varlongSize(0) + varintSize(0) + fields;
    }
    if (timestamp > maxTimestamp) maxTimestamp = timestamp;
    bodySizes[i] = body;
    size += varintSize(body) + body;
  }
  sizes.push(size);
  maxTimestamps.push(maxTimestamp);
  starts.push(count);
  let total = 0;
  for (const batchBytes of sizes) total += batchBytes;
  return { bodySizes, starts, sizes, maxTimestamps, total };
}

/** Pass 2: writes batch `b` of the plan at `at`. */
function writeBatch(
  buffer: Buffer,
  at: number,
  records: readonly RecordInput[],
  layout: Plan,
  b: number,
  now: number,
  options: EncodeBatchOptions,
): void {
  const start = layout.starts[b]!;
  const end = layout.starts[b + 1]!;
  const size = layout.sizes[b]!;
  const baseTimestamp = records[start]!.timestamp ?? now;
  writeInt64(buffer, at + BASE_OFFSET_OFFSET, (options.baseOffset ?? 0) + start);
  buffer.writeInt32BE(size - LOG_OVERHEAD, at + BATCH_LENGTH_OFFSET);
  buffer.writeInt32BE(options.partitionLeaderEpoch ?? 0, at + PARTITION_LEADER_EPOCH_OFFSET);
  buffer.writeInt8(MAGIC_V2, at + MAGIC_OFFSET);
  buffer.writeInt16BE(0, at + ATTRIBUTES_OFFSET);
  buffer.writeInt32BE(end - start - 1, at + LAST_OFFSET_DELTA_OFFSET);
  writeInt64(buffer, at + BASE_TIMESTAMP_OFFSET, baseTimestamp);
  writeInt64(buffer, at + MAX_TIMESTAMP_OFFSET, layout.maxTimestamps[b]!);
  writeInt64(buffer, at + PRODUCER_ID_OFFSET, options.producerId ?? -1);
  buffer.writeInt16BE(options.producerEpoch ?? -1, at + PRODUCER_EPOCH_OFFSET);
  buffer.writeInt32BE(options.baseSequence ?? -1, at + BASE_SEQUENCE_OFFSET);
  buffer.writeInt32BE(end - start, at + RECORDS_COUNT_OFFSET);

  let offset = at + BATCH_HEADER_SIZE;
  for (let i = start; i < end; i++) {
    const record = records[i]!;
    offset = writeVarint(buffer, offset, layout.bodySizes[i]!);
    buffer[offset++] = 0; // record attributes: unused
    offset = writeVarlong(buffer, offset, (record.timestamp ?? now) - baseTimestamp);
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
  buffer.writeUInt32BE(crc32c(buffer.subarray(at + ATTRIBUTES_OFFSET, at + size)), at + CRC_OFFSET);
}

function encode(records: readonly RecordInput[], options: EncodeBatchOptions, maxBatchBytes: number): Buffer {
  if (records.length === 0) throw new RangeError('A record batch needs at least one record');
  const now = options.timestamp ?? Date.now();
  const layout = plan(records, now, maxBatchBytes);
  const buffer = Buffer.allocUnsafe(layout.total);
  let at = 0;
  for (let b = 0; b < layout.sizes.length; b++) {
    writeBatch(buffer, at, records, layout, b, now, options);
    at += layout.sizes[b]!;
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
