/**
 * The broker's record size limit (`maxMessageBytes`: key + value + header keys and values of
 * one record) for RecordBatch bytes, so that binary produce refuses what JSON produce
 * refuses (produce-service.ts). It walks the records of uncompressed batches by their
 * varints, allocating nothing; compressed batches are bounded by the topic's batch limit
 * only (the log validator's), as on Kafka Produce. It never throws on malformed bytes: it
 * stops walking there and leaves the verdict to the log validator.
 *
 * Record layout: varint length, int8 attributes, varlong timestampDelta, varint offsetDelta,
 * varint keyLength (-1 = null) + key, varint valueLength (-1 = null) + value, varint
 * headerCount, then per header varint keyLength + key and varint valueLength + value.
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import {
  BATCH_HEADER_SIZE,
  batchAttributes,
  batchRecordsCount,
  COMPRESSION_CODEC_MASK,
  LOG_OVERHEAD,
  VarintReader,
} from '@mini-kafka/protocol/record-batch';

/** Skips a varint-length-prefixed field; its length (0 for null). */
function skipBytes(reader: VarintReader): number {
  const length = reader.readVarint();
  if (length <= 0) return 0;
  if (reader.position + length > reader.end) throw new RangeError('field runs past the record');
  reader.position += length;
  return length;
}

/** Throws MESSAGE_TOO_LARGE, naming the record, when a record of `batches` holds more than `limit` bytes of data. */
export function checkRecordSizes(batches: Buffer, limit: number, topic: string, partition: number): void {
  let record = 0;
  for (let at = 0; at + BATCH_HEADER_SIZE <= batches.length; ) {
    const size = batches.readInt32BE(at + 8) + LOG_OVERHEAD;
    if (size < BATCH_HEADER_SIZE || at + size > batches.length) return;
    const count = batchRecordsCount(batches, at);
    if ((batchAttributes(batches, at) & COMPRESSION_CODEC_MASK) !== 0) {
      record += Math.max(0, count);
      at += size;
      continue;
    }
    const reader = new VarintReader(batches, at + BATCH_HEADER_SIZE, at + size);
    try {
      for (let i = 0; i < count; i++, record++) {
        const length = reader.readVarint();
        const end = reader.position + length;
        if (length < 0 || end > at + size) return;
        reader.end = end;
        reader.position++; // attributes
        reader.readVarlong(); // timestamp delta
        reader.readVarint(); // offset delta
        let bytes = skipBytes(reader) + skipBytes(reader);
        const headers = reader.readVarint();
        for (let h = 0; h < headers; h++) bytes += skipBytes(reader) + skipBytes(reader);
        if (bytes > limit) {
          throw new MiniKafkaError(
            'MESSAGE_TOO_LARGE',
            `Record ${record} for topic "${topic}" is ${bytes} bytes; the limit is ${limit}`,
            { details: { topic, partition, size: bytes, limit } },
          );
        }
        reader.position = end;
        reader.end = at + size;
      }
    } catch (error) {
      if (error instanceof RangeError) return;
      throw error;
    }
    at += size;
  }
}
