/** Golden bytes: encodeRecordBatch must produce exactly what kafkajs 2.2.4's producer sends, CRC included. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTES_OFFSET,
  BASE_SEQUENCE_OFFSET,
  batchBaseOffset,
  batchBaseTimestamp,
  batchLastOffset,
  batchMaxTimestamp,
  batchRecordsCount,
  batchSize,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
} from './batch-header.js';
import { crc32c } from './crc32c.js';
import { encodeRecordBatch } from './encode.js';
import type { RecordInput } from './record.js';

/** A whole batch of magic 2 whose stored CRC-32C is the one of its bytes (storage's checkBatch checks more). */
function isIntact(bytes: Buffer): boolean {
  return (
    batchSize(bytes, 0) === bytes.length &&
    bytes[16] === 2 &&
    crc32c(bytes.subarray(ATTRIBUTES_OFFSET)) === bytes.readUInt32BE(ATTRIBUTES_OFFSET - 4)
  );
}

// kafkajs internals are untyped JS.
const require = createRequire(import.meta.url);
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js');
const KafkajsRecord = require('kafkajs/src/protocol/recordBatch/record/v0/index.js');
const Long = require('kafkajs/src/utils/long.js');

interface GoldenRecord {
  key: Buffer | string | null;
  value: Buffer | string | null;
  /** kafkajs's shape; an array value becomes several headers with the same key. */
  headers?: Record<string, Buffer | string | (Buffer | string)[]>;
  timestamp: number;
}

async function kafkajsBatch(records: GoldenRecord[], baseOffset: number): Promise<Buffer> {
  const first = records[0]!.timestamp;
  const encoder = await RecordBatch({
    firstOffset: Long.fromValue(baseOffset),
    firstTimestamp: first,
    maxTimestamp: Math.max(...records.map((r) => r.timestamp)),
    partitionLeaderEpoch: 0,
    lastOffsetDelta: records.length - 1,
    producerId: Long.fromValue(-1),
    producerEpoch: 0,
    firstSequence: 0,
    records: records.map((r, i) =>
      KafkajsRecord({
        offsetDelta: i,
        timestampDelta: r.timestamp - first,
        key: r.key,
        value: r.value,
        headers: r.headers,
      }),
    ),
  });
  return encoder.buffer as Buffer;
}

function toInput(record: GoldenRecord): RecordInput {
  const headers = Object.entries(record.headers ?? {}).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => ({ key, value: v })),
  );
  return { key: record.key, value: record.value, headers, timestamp: record.timestamp };
}

function encode(records: GoldenRecord[], baseOffset: number): Buffer {
  return encodeRecordBatch(records.map(toInput), {
    baseOffset,
    producerId: -1,
    producerEpoch: 0,
    baseSequence: 0,
    partitionLeaderEpoch: 0,
  });
}

const T = 1_700_000_000_000;

const CASES: [string, GoldenRecord[], number][] = [
  ['a single record', [{ key: null, value: 'hello', timestamp: T }], 0],
  [
    'keys, null key and value, string and binary values, increasing timestamps',
    [
      { key: 'user-1', value: 'first', timestamp: T },
      { key: null, value: Buffer.from([0, 1, 2, 0xff]), timestamp: T + 1 },
      { key: Buffer.from([0xde, 0xad]), value: null, timestamp: T + 1000 },
      { key: '', value: '', timestamp: T + 86_400_000 },
      { key: 'ключ', value: 'значение ✓ 🎉', timestamp: T + 86_400_001 },
    ],
    42,
  ],
  [
    'headers with several entries, repeated keys and binary values',
    [
      {
        key: 'k',
        value: 'v',
        headers: {
          'content-type': 'application/json',
          trace: Buffer.from([1, 2, 3]),
          dup: ['a', 'b', ''],
          'ü-🔑': 'x',
        },
        timestamp: T,
      },
      { key: 'k2', value: 'v2', headers: { only: Buffer.alloc(0) }, timestamp: T + 5 },
    ],
    7,
  ],
  [
    'a base offset beyond 2^32 and timestamps out of order',
    [
      { key: 'a', value: 'later first', timestamp: T + 500 },
      { key: 'b', value: 'earlier', timestamp: T - 2 ** 33 },
      { key: 'c', value: 'max', timestamp: T + 2 ** 35 },
    ],
    2 ** 40 + 3,
  ],
  [
    '200 records with multi-byte varints and a 10 KB value',
    Array.from({ length: 200 }, (_, i) => ({
      key: `key-${i}`,
      value: i === 150 ? Buffer.alloc(10_000, i) : 'x'.repeat(i),
      timestamp: T + i * 37,
    })),
    1_000_000,
  ],
];

describe('encodeRecordBatch against kafkajs', () => {
  it.each(CASES)('is byte-identical for %s', async (_name, records, baseOffset) => {
    const expected = await kafkajsBatch(records, baseOffset);
    expect(encode(records, baseOffset).toString('hex')).toBe(expected.toString('hex'));
    expect(isIntact(expected)).toBe(true);
  });
});

// Captured from kafkajs 2.2.4: two records, the second a null-key tombstone 5 ms later.
const GOLDEN_HEX = [
  '0000000000000000', // baseOffset 0
  '00000049', // batchLength 73
  '00000000', // partitionLeaderEpoch
  '02', // magic
  '6d0b2110', // crc
  '0000', // attributes
  '00000001', // lastOffsetDelta
  '0000018bcfe56800', // baseTimestamp 1_700_000_000_000
  '0000018bcfe56805', // maxTimestamp
  'ffffffffffffffff', // producerId -1
  '0000', // producerEpoch
  '00000000', // baseSequence
  '00000002', // recordsCount
  '20' + '00' + '00' + '00' + '026b' + '0a68656c6c6f' + '02' + '0268' + '0278', // len 16, key "k", "hello", h=x
  '0c' + '00' + '0a' + '02' + '01' + '01' + '00', // len 6, tsDelta 5, offsetDelta 1, null key, null value
].join('');

describe('encodeRecordBatch golden fixture', () => {
  const records: GoldenRecord[] = [
    { key: 'k', value: 'hello', headers: { h: 'x' }, timestamp: T },
    { key: null, value: null, timestamp: T + 5 },
  ];

  it('matches the captured bytes', () => {
    expect(encode(records, 0).toString('hex')).toBe(GOLDEN_HEX);
  });

  it('is a valid batch whose header fields read back', () => {
    const bytes = Buffer.from(GOLDEN_HEX, 'hex');
    expect(isIntact(bytes)).toBe(true);
    expect(batchSize(bytes, 0)).toBe(bytes.length);
    expect(batchRecordsCount(bytes, 0)).toBe(2);
    expect(batchMaxTimestamp(bytes, 0)).toBe(T + 5);
  });
});

describe('encodeRecordBatch options', () => {
  it('writes the defaults of a non-idempotent producer', () => {
    const bytes = encodeRecordBatch([{ value: 'a', timestamp: 1 }]);
    expect(bytes.readBigInt64BE(PRODUCER_ID_OFFSET)).toBe(-1n);
    expect(bytes.readInt16BE(PRODUCER_EPOCH_OFFSET)).toBe(-1);
    expect(bytes.readInt32BE(BASE_SEQUENCE_OFFSET)).toBe(-1);
    expect(bytes.readInt32BE(PARTITION_LEADER_EPOCH_OFFSET)).toBe(0);
    expect(batchBaseOffset(bytes, 0)).toBe(0);
  });

  it('gives records without a timestamp the `timestamp` option', () => {
    const bytes = encodeRecordBatch([{ value: 'a' }, { value: 'b', timestamp: 50 }, { value: 'c' }], {
      timestamp: 20,
      baseOffset: 9,
    });
    expect(batchBaseTimestamp(bytes, 0)).toBe(20);
    expect(batchMaxTimestamp(bytes, 0)).toBe(50);
    expect(batchLastOffset(bytes, 0)).toBe(11);
    expect(isIntact(bytes)).toBe(true);
  });

  it('rejects an empty batch', () => {
    expect(() => encodeRecordBatch([])).toThrow(RangeError);
  });
});
