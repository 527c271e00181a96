import { gzipSync } from 'node:zlib';
import { isMiniKafkaError, type PartitionBatches } from '@mini-kafka/protocol';
import {
  ATTRIBUTES_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BATCH_LENGTH_OFFSET,
  batchBaseTimestamp,
  batchRecordsCount,
  CompressionCodec,
  CRC_OFFSET,
  crc32c,
  encodeRecordBatch,
  LOG_OVERHEAD,
  PRODUCER_ID_OFFSET,
  RECORDS_OFFSET,
} from '@mini-kafka/protocol/record-batch';
import { describe, expect, it } from 'vitest';
import { consumerRecords, encodeProducerBatches, MAX_BATCH_BYTES } from './record-batches.js';

const part = (records: Buffer, fetchOffset = 0): PartitionBatches => ({
  topic: 't',
  partition: 2,
  fetchOffset,
  nextOffset: 0,
  highWatermark: 0,
  logStartOffset: 0,
  records,
});

/** The batch with its records section compressed by `compress` under `codec`. */
function compressed(plain: Buffer, codec: number, compress: (data: Buffer) => Buffer): Buffer {
  const out = Buffer.concat([plain.subarray(0, RECORDS_OFFSET), compress(plain.subarray(RECORDS_OFFSET))]);
  out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  out.writeInt16BE(codec, ATTRIBUTES_OFFSET);
  out.writeUInt32BE(crc32c(out.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return out;
}

describe('encodeProducerBatches and consumerRecords', () => {
  it('round-trip keys, values and headers as the consumer hands them out', () => {
    const bytes = encodeProducerBatches('t', [
      { key: 'k', value: Buffer.from([1, 2]), headers: [], timestamp: 5 },
      {
        key: null,
        value: null,
        headers: [
          { key: 'h', value: 'x' },
          { key: 'h', value: null },
        ],
      },
      { key: 'ключ', value: '🎉', headers: [{ key: '__proto__', value: 'safe' }], timestamp: 7 },
    ]);
    const records = consumerRecords(part(bytes));
    expect(records.map((r) => [r.topic, r.partition, r.offset, r.key?.toString('hex') ?? null])).toEqual([
      ['t', 2, 0, '6b'],
      ['t', 2, 1, null],
      ['t', 2, 2, Buffer.from('ключ').toString('hex')],
    ]);
    expect(records[0]!.value).toEqual(Buffer.from([1, 2]));
    expect(records[1]!.value).toBeNull();
    expect(records[1]!.headers).toEqual({ h: [Buffer.from('x'), null] });
    expect(Object.getPrototypeOf(records[2]!.headers)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(records[2]!.headers, '__proto__')?.value).toEqual(Buffer.from('safe'));
    expect(records[2]!.value?.toString()).toBe('🎉');
    expect([records[0]!.timestamp, records[2]!.timestamp]).toEqual([5, 7]);
    // No timestamp given: the client's clock when it was encoded (Kafka's CreateTime).
    expect(Math.abs(records[1]!.timestamp - Date.now())).toBeLessThan(600_000);
    expect(batchBaseTimestamp(bytes, 0)).toBe(5);
  });

  it('writes the idempotent producer fields into the header and cuts batches at 1 MiB', () => {
    const bytes = encodeProducerBatches('t', [{ key: null, value: 'v', headers: [] }], {
      producerId: 12,
      producerEpoch: 3,
      baseSequence: 40,
    });
    expect(bytes.readBigInt64BE(PRODUCER_ID_OFFSET)).toBe(12n);
    expect(bytes.readInt32BE(BASE_SEQUENCE_OFFSET)).toBe(40);
    const big = Buffer.alloc(400 * 1024);
    const three = encodeProducerBatches(
      't',
      [0, 1, 2].map(() => ({ key: null, value: big, headers: [] })),
    );
    expect(batchRecordsCount(three, 0)).toBe(2);
    expect(three.readInt32BE(BATCH_LENGTH_OFFSET) + LOG_OVERHEAD).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });

  it('refuses text that UTF-8 cannot carry as it is', () => {
    try {
      encodeProducerBatches('t', [{ key: '\ud800', value: 'v', headers: [] }]);
      expect.unreachable();
    } catch (error) {
      expect(isMiniKafkaError(error, 'INVALID_REQUEST')).toBe(true);
      expect((error as Error).message).toContain('records.0.key');
    }
  });

  it('skips records before the fetch offset and inflates gzip', () => {
    const plain = encodeRecordBatch(
      ['a', 'b', 'c', 'd'].map((value) => ({ value })),
      { baseOffset: 10 },
    );
    const gzipped = compressed(plain, CompressionCodec.Gzip, (data) => gzipSync(data));
    expect(consumerRecords(part(gzipped, 12)).map((r) => [r.offset, r.value?.toString()])).toEqual([
      [12, 'c'],
      [13, 'd'],
    ]);
  });

  it('names a codec it cannot inflate', () => {
    const plain = encodeRecordBatch([{ value: 'a' }]);
    const snappy = compressed(plain, CompressionCodec.Snappy, (data) => data);
    try {
      consumerRecords(part(snappy));
      expect.unreachable();
    } catch (error) {
      expect(isMiniKafkaError(error, 'UNSUPPORTED_COMPRESSION_TYPE')).toBe(true);
      expect((error as Error).message).toContain('snappy');
    }
  });
});
