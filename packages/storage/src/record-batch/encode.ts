/**
 * Encodes records into one uncompressed RecordBatch v2, byte for byte as Kafka's own
 * producers do: sizes are computed first, then one buffer is filled in a single pass,
 * then the CRC-32C over attributes..end is stored.
 *
 * Record layout: varint length, int8 attributes (0), varlong timestampDelta,
 * varint offsetDelta, varint keyLength (-1 = null) + key, varint valueLength
 * (-1 = null) + value, varint headerCount, then per header varint keyLength + UTF-8
 * key and varint valueLength (-1 = null) + value.
 */
import {
  ATTRIBUTES_OFFSET,
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
  /** Base offset written into the batch; a log overwrites it on append. Default 0. */
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

/** Encodes `records` (at least one) as one RecordBatch v2. */
export function encodeRecordBatch(records: readonly RecordInput[], options: EncodeBatchOptions = {}): Buffer {
  const count = records.length;
  if (count === 0) throw new RangeError('A record batch needs at least one record');
  const now = options.timestamp ?? Date.now();
  const baseTimestamp = records[0]!.timestamp ?? now;
  let maxTimestamp = -1;

  // Pass 1: sizes.
  const bodySizes = new Array<number>(count);
  let total = BATCH_HEADER_SIZE;
  for (let i = 0; i < count; i++) {
    const record = records[i]!;
    const timestamp = record.timestamp ?? now;
    if (timestamp > maxTimestamp) maxTimestamp = timestamp;
    let body = 1 + varlongSize(timestamp - baseTimestamp) + varintSize(i);
    body += nullableBytesSize(record.key) + nullableBytesSize(record.value);
    const headers = record.headers;
    const headerCount = headers === undefined ? 0 : headers.length;
    body += varintSize(headerCount);
    for (let h = 0; h < headerCount; h++) {
      const header = headers![h]!;
      const keyLength = Buffer.byteLength(header.key, 'utf8');
      body += varintSize(keyLength) + keyLength + nullableBytesSize(header.value);
    }
    bodySizes[i] = body;
    total += varintSize(body) + body;
  }

  // Pass 2: bytes.
  const buffer = Buffer.allocUnsafe(total);
  writeInt64(buffer, 0, options.baseOffset ?? 0);
  buffer.writeInt32BE(total - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  buffer.writeInt32BE(options.partitionLeaderEpoch ?? 0, PARTITION_LEADER_EPOCH_OFFSET);
  buffer.writeInt8(MAGIC_V2, MAGIC_OFFSET);
  buffer.writeInt16BE(0, ATTRIBUTES_OFFSET);
  buffer.writeInt32BE(count - 1, LAST_OFFSET_DELTA_OFFSET);
  writeInt64(buffer, BASE_TIMESTAMP_OFFSET, baseTimestamp);
  writeInt64(buffer, MAX_TIMESTAMP_OFFSET, maxTimestamp);
  writeInt64(buffer, PRODUCER_ID_OFFSET, options.producerId ?? -1);
  buffer.writeInt16BE(options.producerEpoch ?? -1, PRODUCER_EPOCH_OFFSET);
  buffer.writeInt32BE(options.baseSequence ?? -1, BASE_SEQUENCE_OFFSET);
  buffer.writeInt32BE(count, RECORDS_COUNT_OFFSET);

  let offset = BATCH_HEADER_SIZE;
  for (let i = 0; i < count; i++) {
    const record = records[i]!;
    offset = writeVarint(buffer, offset, bodySizes[i]!);
    buffer[offset++] = 0; // record attributes: unused
    offset = writeVarlong(buffer, offset, (record.timestamp ?? now) - baseTimestamp);
    offset = writeVarint(buffer, offset, i);
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
  buffer.writeUInt32BE(crc32c(buffer.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return buffer;
}
