/**
 * Decodes the records of RecordBatch v2 batches. A compressed batch is inflated first
 * (its recordsCount stays plain; the rest is one compressed stream) by the caller's
 * inflaters (gzip built in, others only when given; see compression.ts), else it is
 * UNSUPPORTED_COMPRESSION_TYPE. Malformed record bytes are a CORRUPT_MESSAGE error naming
 * the batch's base offset, never a crash or a partial record.
 *
 * Records come out as `StoredRecord`s, or as whatever a `RecordFactory` makes of their
 * fields (the SDK builds its consumer records directly, one object per record). Keys,
 * values and header values are views of the batch bytes (or of the inflated records).
 */
import { MiniKafkaError } from '../errors.js';
import {
  BATCH_HEADER_SIZE,
  batchAttributes,
  batchBaseOffset,
  batchBaseTimestamp,
  batchMaxTimestamp,
  batchRecordsCount,
  batchSize,
  COMPRESSION_CODEC_MASK,
  CompressionCodec,
  TIMESTAMP_TYPE_MASK,
} from './batch-header.js';
import { CODEC_NAMES, DEFAULT_INFLATERS, type Inflaters, inflaterFor } from './compression.js';
import type { RecordHeader, StoredRecord } from './record.js';
import { VarintReader } from './varint.js';

function corrupt(baseOffset: number, reason: string, cause?: unknown): MiniKafkaError {
  return new MiniKafkaError('CORRUPT_MESSAGE', `Record batch at offset ${baseOffset} is malformed: ${reason}`, {
    details: { offset: baseOffset },
    cause,
  });
}

function readNullableBytes(reader: VarintReader, source: Buffer): Buffer | null {
  const length = reader.readVarint();
  if (length < 0) return null;
  const start = reader.position;
  const end = start + length;
  if (end > reader.end) throw new RangeError('bytes run past the end of the record');
  reader.position = end;
  // Same memory as source.subarray(start, end), but cheaper to create.
  return Buffer.from(source.buffer, source.byteOffset + start, length);
}

/** Makes a record of its decoded fields; `headers` is an empty array for a record without any. */
export type RecordFactory<T> = (
  offset: number,
  timestamp: number,
  key: Buffer | null,
  value: Buffer | null,
  headers: RecordHeader[],
) => T;

const storedRecord: RecordFactory<StoredRecord> = (offset, timestamp, key, value, headers) => ({
  offset,
  timestamp,
  key,
  value,
  headers,
});

/**
 * Appends to `out` the records of the batch at `position` whose offset is at least
 * `fromOffset`. The batch must already have passed `checkBatch`.
 */
export function decodeBatchRecords(
  buffer: Buffer,
  position: number,
  out: StoredRecord[],
  fromOffset = 0,
  inflaters: Inflaters = DEFAULT_INFLATERS,
): StoredRecord[] {
  return decodeBatchWith(buffer, position, out, fromOffset, inflaters, storedRecord);
}

/** `decodeBatchRecords` with records made by `make`. */
export function decodeBatchWith<T>(
  buffer: Buffer,
  position: number,
  out: T[],
  fromOffset: number,
  inflaters: Inflaters,
  make: RecordFactory<T>,
): T[] {
  const baseOffset = batchBaseOffset(buffer, position);
  const end = position + batchSize(buffer, position);
  const attributes = batchAttributes(buffer, position);
  const codec = attributes & COMPRESSION_CODEC_MASK;
  const logAppendTime = (attributes & TIMESTAMP_TYPE_MASK) !== 0;
  const baseTimestamp = batchBaseTimestamp(buffer, position);
  const maxTimestamp = batchMaxTimestamp(buffer, position);
  const count = batchRecordsCount(buffer, position);

  let source = buffer;
  let start = position + BATCH_HEADER_SIZE;
  let stop = end;
  const inflate = codec === CompressionCodec.None ? undefined : inflaterFor(inflaters, codec);
  if (inflate !== undefined) {
    try {
      source = inflate(buffer.subarray(start, end));
    } catch (error) {
      throw corrupt(baseOffset, `${CODEC_NAMES[codec]} data does not inflate`, error);
    }
    start = 0;
    stop = source.length;
  } else if (codec !== CompressionCodec.None) {
    throw new MiniKafkaError(
      'UNSUPPORTED_COMPRESSION_TYPE',
      `Record batch at offset ${baseOffset} is compressed with ${CODEC_NAMES[codec] ?? `codec ${codec}`}, which this reader cannot decode`,
      { details: { offset: baseOffset } },
    );
  }

  const reader = new VarintReader(source, start, stop);
  const outLength = out.length;
  try {
    for (let i = 0; i < count; i++) {
      const length = reader.readVarint();
      const recordEnd = reader.position + length;
      if (length < 0 || recordEnd > stop) throw new RangeError('record length runs past the batch');
      reader.end = recordEnd;
      reader.position++; // record attributes: unused
      const timestampDelta = reader.readVarlong();
      const offset = baseOffset + reader.readVarint();
      const key = readNullableBytes(reader, source);
      const value = readNullableBytes(reader, source);
      const headerCount = reader.readVarint();
      if (headerCount < 0 || headerCount > length) throw new RangeError('header count is invalid');
      const headers: RecordHeader[] = [];
      for (let h = 0; h < headerCount; h++) {
        const headerKey = readNullableBytes(reader, source);
        if (headerKey === null) throw new RangeError('header key is null');
        headers.push({ key: headerKey.toString('utf8'), value: readNullableBytes(reader, source) });
      }
      if (reader.position !== recordEnd) throw new RangeError('record length does not match its fields');
      reader.end = stop;
      if (offset >= fromOffset) {
        out.push(make(offset, logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta, key, value, headers));
      }
    }
    if (reader.position !== stop) throw new RangeError('bytes remain after the last record');
  } catch (error) {
    out.length = outLength; // a corrupt batch contributes no records
    if (error instanceof RangeError) throw corrupt(baseOffset, error.message, error);
    throw error;
  }
  return out;
}

/**
 * Decodes the records of the batches in `buffer` (whole, checked batches back to back) from
 * offset `fromOffset` on, inflating compressed batches with `inflaters` (default: gzip only).
 * With `maxRecords`, batches after the one that brings the count to it are left undecoded
 * (that batch is decoded whole, so the result may hold a few more).
 */
export function decodeRecordBatches(
  buffer: Buffer,
  fromOffset = 0,
  inflaters: Inflaters = DEFAULT_INFLATERS,
  maxRecords = Number.POSITIVE_INFINITY,
): StoredRecord[] {
  return decodeRecordBatchesWith(buffer, fromOffset, inflaters, storedRecord, maxRecords);
}

/** `decodeRecordBatches` with records made by `make`. */
export function decodeRecordBatchesWith<T>(
  buffer: Buffer,
  fromOffset: number,
  inflaters: Inflaters,
  make: RecordFactory<T>,
  maxRecords = Number.POSITIVE_INFINITY,
): T[] {
  const out: T[] = [];
  let position = 0;
  while (position < buffer.length && out.length < maxRecords) {
    decodeBatchWith(buffer, position, out, fromOffset, inflaters, make);
    position += batchSize(buffer, position);
  }
  return out;
}
