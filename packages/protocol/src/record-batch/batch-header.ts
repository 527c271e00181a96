/**
 * The RecordBatch v2 (magic 2) header, big-endian:
 *
 *   off  field                 type
 *    0   baseOffset            int64   (patched by the log; outside the CRC)
 *    8   batchLength           int32   bytes after this field; whole batch = batchLength + 12
 *   12   partitionLeaderEpoch  int32   (outside the CRC)
 *   16   magic                 int8    = 2
 *   17   crc                   uint32  CRC-32C of bytes 21..end
 *   21   attributes            int16   bits 0-2 codec, 3 LogAppendTime, 4 transactional, 5 control
 *   23   lastOffsetDelta       int32
 *   27   baseTimestamp         int64
 *   35   maxTimestamp          int64
 *   43   producerId            int64
 *   51   producerEpoch         int16
 *   53   baseSequence          int32
 *   57   recordsCount          int32
 *   61   records...
 *
 * These readers take a buffer and the batch's start position; they allocate nothing
 * so that scanning a segment stays cheap.
 */
import { readInt64, writeInt64 } from './varint.js';

export const BASE_OFFSET_OFFSET = 0;
export const BATCH_LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORDS_COUNT_OFFSET = 57;
export const RECORDS_OFFSET = 61;

/** Bytes of the header, which is also the smallest possible batch. */
export const BATCH_HEADER_SIZE = RECORDS_OFFSET;
/** Bytes before batchLength's count begins (baseOffset + batchLength). */
export const LOG_OVERHEAD = 12;
export const MAGIC_V2 = 2;

export const COMPRESSION_CODEC_MASK = 0x07;
export const TIMESTAMP_TYPE_MASK = 0x08;
export const TRANSACTIONAL_MASK = 0x10;
export const CONTROL_MASK = 0x20;

/** The codec ids of attributes bits 0-2. */
export const CompressionCodec = { None: 0, Gzip: 1, Snappy: 2, Lz4: 3, Zstd: 4 } as const;
export type CompressionCodec = (typeof CompressionCodec)[keyof typeof CompressionCodec];

export function batchBaseOffset(buffer: Buffer, position: number): number {
  return readInt64(buffer, position + BASE_OFFSET_OFFSET);
}

/** Total bytes of the batch starting at `position` (batchLength + 12). */
export function batchSize(buffer: Buffer, position: number): number {
  return buffer.readInt32BE(position + BATCH_LENGTH_OFFSET) + LOG_OVERHEAD;
}

export function batchMagic(buffer: Buffer, position: number): number {
  return buffer.readInt8(position + MAGIC_OFFSET);
}

export function batchCrc(buffer: Buffer, position: number): number {
  return buffer.readUInt32BE(position + CRC_OFFSET);
}

export function batchAttributes(buffer: Buffer, position: number): number {
  return buffer.readInt16BE(position + ATTRIBUTES_OFFSET);
}

export function batchLastOffsetDelta(buffer: Buffer, position: number): number {
  return buffer.readInt32BE(position + LAST_OFFSET_DELTA_OFFSET);
}

export function batchLastOffset(buffer: Buffer, position: number): number {
  return batchBaseOffset(buffer, position) + batchLastOffsetDelta(buffer, position);
}

export function batchBaseTimestamp(buffer: Buffer, position: number): number {
  return readInt64(buffer, position + BASE_TIMESTAMP_OFFSET);
}

export function batchMaxTimestamp(buffer: Buffer, position: number): number {
  return readInt64(buffer, position + MAX_TIMESTAMP_OFFSET);
}

export function batchRecordsCount(buffer: Buffer, position: number): number {
  return buffer.readInt32BE(position + RECORDS_COUNT_OFFSET);
}

/** Sets the batch's base offset in place. The CRC does not cover it, so it stays valid. */
export function setBatchBaseOffset(buffer: Buffer, position: number, baseOffset: number): void {
  writeInt64(buffer, position + BASE_OFFSET_OFFSET, baseOffset);
}
