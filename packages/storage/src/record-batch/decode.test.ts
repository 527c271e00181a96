import { createRequire } from 'node:module';
import { deflateRawSync, gzipSync, inflateRawSync } from 'node:zlib';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import fc from 'fast-check';
import { CompressionTypes } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { compressedBatch } from '../testing/compressed-batch.js';
import { checkBatch, rewriteCrc } from './batch-check.js';
import {
  ATTRIBUTES_OFFSET,
  BATCH_LENGTH_OFFSET,
  batchAttributes,
  COMPRESSION_CODEC_MASK,
  CompressionCodec,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD,
  RECORDS_COUNT_OFFSET,
  RECORDS_OFFSET,
} from './batch-header.js';
import { decodeBatchRecords, decodeRecordBatches } from './decode.js';
import { encodeRecordBatch } from './encode.js';
import type { StoredRecord } from './record.js';

// kafkajs internals are untyped JS.
const require = createRequire(import.meta.url);
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js');
const KafkajsRecord = require('kafkajs/src/protocol/recordBatch/record/v0/index.js');
const Long = require('kafkajs/src/utils/long.js');

const T = 1_700_000_000_000;
const SOURCE = [
  { key: 'user-1', value: 'first', headers: { trace: 'abc', bin: Buffer.from([0, 255]) }, timestamp: T },
  { key: null, value: Buffer.from([1, 2, 3]), headers: {}, timestamp: T + 10 },
  { key: Buffer.alloc(0), value: null, headers: { empty: '' }, timestamp: T + 3 },
  { key: 'k4', value: 'é'.repeat(300), headers: {}, timestamp: T + 2 ** 33 },
];

async function kafkajsBatch(baseOffset: number, compression: number = CompressionTypes.None): Promise<Buffer> {
  const encoder = await RecordBatch({
    compression,
    firstOffset: Long.fromValue(baseOffset),
    firstTimestamp: T,
    maxTimestamp: T + 2 ** 33,
    lastOffsetDelta: SOURCE.length - 1,
    records: SOURCE.map((r, i) => KafkajsRecord({ ...r, offsetDelta: i, timestampDelta: r.timestamp - T })),
  });
  return encoder.buffer as Buffer;
}

function bytes(value: Buffer | string | null): Buffer | null {
  return typeof value === 'string' ? Buffer.from(value) : value;
}

function expectedRecords(baseOffset: number): StoredRecord[] {
  return SOURCE.map((r, i) => ({
    offset: baseOffset + i,
    timestamp: r.timestamp,
    key: bytes(r.key),
    value: bytes(r.value),
    headers: Object.entries(r.headers).map(([key, value]) => ({ key, value: bytes(value) })),
  }));
}

function corruptionOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the decoder to throw');
}

describe('decoding kafkajs batches', () => {
  it('gives back keys, values, headers, timestamps and offsets', async () => {
    const batch = await kafkajsBatch(100);
    expect(decodeRecordBatches(batch)).toEqual(expectedRecords(100));
  });

  it('inflates a gzip batch', async () => {
    const batch = await kafkajsBatch(5, CompressionTypes.GZIP);
    expect(batchAttributes(batch, 0) & COMPRESSION_CODEC_MASK).toBe(1);
    expect(checkBatch(batch, 0)).toBeUndefined();
    expect(decodeRecordBatches(batch)).toEqual(expectedRecords(5));
    expect(decodeRecordBatches(batch, 7)).toEqual(expectedRecords(5).slice(2));
  });

  it('decodes batches back to back', async () => {
    const both = Buffer.concat([await kafkajsBatch(0), await kafkajsBatch(4, CompressionTypes.GZIP)]);
    expect(decodeRecordBatches(both)).toEqual([...expectedRecords(0), ...expectedRecords(4)]);
  });
});

describe('decodeBatchRecords', () => {
  const batch = encodeRecordBatch(
    Array.from({ length: 5 }, (_, i) => ({ value: `v${i}`, timestamp: 1000 + i })),
    { baseOffset: 10 },
  );
  const batchAt = (position: number) => Buffer.concat([Buffer.alloc(position, 0xee), batch]);

  it('skips records below fromOffset and appends to `out`', () => {
    const out: StoredRecord[] = [];
    decodeBatchRecords(batchAt(3), 3, out, 12);
    decodeBatchRecords(batch, 0, out, 14);
    expect(out.map((r) => [r.offset, r.value?.toString()])).toEqual([
      [12, 'v2'],
      [13, 'v3'],
      [14, 'v4'],
      [14, 'v4'],
    ]);
  });

  it('returns nothing when fromOffset is past the batch', () => {
    expect(decodeBatchRecords(batch, 0, [], 15)).toEqual([]);
  });

  it('uses maxTimestamp for every record of a LogAppendTime batch', () => {
    const copy = Buffer.from(batch);
    copy.writeInt16BE(0x08, ATTRIBUTES_OFFSET);
    rewriteCrc(copy, 0);
    expect(decodeRecordBatches(copy).map((r) => r.timestamp)).toEqual([1004, 1004, 1004, 1004, 1004]);
  });
});

describe('corrupt record bytes', () => {
  // Layout (see encode.test.ts), relative to RECORDS_OFFSET (61):
  //   +0 len=16 | +1 attrs | +2 tsDelta | +3 offsetDelta | +4 keyLen=1 'k' | +6 valueLen=5 'hello'
  //   +12 headerCount=1 | +13 keyLen=1 'h' | +15 valueLen=1 'x' | +17 second record: len=6 ...
  const intact = encodeRecordBatch(
    [
      { key: 'k', value: 'hello', headers: [{ key: 'h', value: 'x' }], timestamp: T },
      { key: null, value: null, timestamp: T + 5 },
    ],
    { baseOffset: 77 },
  );
  const MANGLES: [string, (b: Buffer) => void][] = [
    ['record length past the batch', (b) => (b[RECORDS_OFFSET] = 0x7e)],
    ['record length too short', (b) => (b[RECORDS_OFFSET] = 0x1e)],
    ['record length too long', (b) => (b[RECORDS_OFFSET] = 0x22)],
    ['negative record length', (b) => (b[RECORDS_OFFSET] = 0x03)],
    ['key length past the record', (b) => (b[RECORDS_OFFSET + 4] = 0x40)],
    ['value length past the record', (b) => (b[RECORDS_OFFSET + 6] = 0x0c)],
    ['negative header count', (b) => (b[RECORDS_OFFSET + 12] = 0x03)],
    ['header count past the record', (b) => (b[RECORDS_OFFSET + 12] = 0x04)],
    ['null header key', (b) => (b[RECORDS_OFFSET + 13] = 0x01)],
    ['overlong varint', (b) => b.fill(0xff, RECORDS_OFFSET + 2, RECORDS_OFFSET + 8)],
    ['second record cut short', (b) => (b[RECORDS_OFFSET + 17] = 0x0a)],
    ['zero-length record', (b) => (b[RECORDS_OFFSET + 17] = 0x00)],
    [
      'more records claimed than present',
      (b) => {
        b.writeInt32BE(2, LAST_OFFSET_DELTA_OFFSET);
        b.writeInt32BE(3, RECORDS_COUNT_OFFSET);
      },
    ],
    ['gzip flag on plain records', (b) => b.writeInt16BE(1, ATTRIBUTES_OFFSET)],
  ];

  it.each(MANGLES)('%s: CORRUPT_MESSAGE naming the offset, no partial record', (_name, mangle) => {
    const batch = Buffer.from(intact);
    mangle(batch);
    rewriteCrc(batch, 0);
    expect(checkBatch(batch, 0)).toBeUndefined();

    const error = corruptionOf(() => decodeRecordBatches(batch));
    expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE')).toBe(true);
    expect((error as Error).message).toContain('77');
    expect((error as Error).message).not.toContain('hello');

    // A corrupt batch contributes no records at all, and what was in `out` stays.
    const earlier = decodeRecordBatches(intact);
    const out: StoredRecord[] = [...earlier];
    expect(() => decodeBatchRecords(batch, 0, out)).toThrow();
    expect(out).toEqual(earlier);
  });

  // Kafka rejects both ("Incorrect declared batch size"), and so does this decoder.
  it.each([
    ['bytes after the last record', (b: Buffer) => Buffer.concat([b, Buffer.from([0, 0, 0])])],
    [
      'fewer records claimed than present',
      (b: Buffer) => {
        b.writeInt32BE(0, LAST_OFFSET_DELTA_OFFSET);
        b.writeInt32BE(1, RECORDS_COUNT_OFFSET);
        return b;
      },
    ],
  ])('%s: CORRUPT_MESSAGE', (_name, mangle) => {
    const batch = mangle(Buffer.from(intact));
    batch.writeInt32BE(batch.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
    rewriteCrc(batch, 0);
    expect(checkBatch(batch, 0)).toBeUndefined();
    expect(
      isMiniKafkaError(
        corruptionOf(() => decodeRecordBatches(batch)),
        'CORRUPT_MESSAGE',
      ),
    ).toBe(true);
  });

  it('throws only CORRUPT_MESSAGE, or decodes every record, whatever the record bytes', () => {
    const base = encodeRecordBatch(
      [
        { key: 'a', value: 'one', headers: [{ key: 'h1', value: 'x' }], timestamp: 1 },
        { key: null, value: Buffer.alloc(40, 7), timestamp: 2 },
        { key: 'c', value: null, headers: [{ key: 'h2', value: null }], timestamp: 3 },
      ],
      { baseOffset: 0 },
    );
    const edit = fc.record({ index: fc.nat(base.length - RECORDS_OFFSET - 1), byte: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const batch = Buffer.from(base);
        for (const { index, byte } of edits) batch[RECORDS_OFFSET + index] = byte;
        rewriteCrc(batch, 0);
        try {
          expect(decodeBatchRecords(batch, 0, [], -Infinity)).toHaveLength(3);
        } catch (error) {
          if (!isMiniKafkaError(error, 'CORRUPT_MESSAGE')) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('compressed batches and the inflaters a reader is given', () => {
  // A stand-in codec: raw deflate (node:zlib), flagged as snappy. Storage has no snappy of its own.
  const plain = encodeRecordBatch(
    [
      { key: 'a', value: 'one', timestamp: 10 },
      { key: 'b', value: 'two', timestamp: 20 },
    ],
    { baseOffset: 3 },
  );
  const flaggedSnappy = compressedBatch(plain, CompressionCodec.Snappy, (data) => deflateRawSync(data));
  const gzipped = compressedBatch(plain, CompressionCodec.Gzip, (data) => gzipSync(data));

  it.each([2, 3, 4, 7])('codec %d is UNSUPPORTED_COMPRESSION_TYPE without an inflater for it', (codec) => {
    const batch = encodeRecordBatch([{ value: 'x', timestamp: 0 }], { baseOffset: 3 });
    batch.writeInt16BE(codec, ATTRIBUTES_OFFSET);
    rewriteCrc(batch, 0);
    const error = corruptionOf(() => decodeRecordBatches(batch));
    expect(isMiniKafkaError(error, 'UNSUPPORTED_COMPRESSION_TYPE')).toBe(true);
    expect((error as Error).message).toContain('offset 3');
  });

  it('inflates a codec with the inflater given for it, and only then', () => {
    const inflaters = { snappy: (data: Buffer) => inflateRawSync(data) };
    expect(decodeRecordBatches(flaggedSnappy, 0, inflaters)).toEqual(decodeRecordBatches(plain));
    const error = corruptionOf(() => decodeRecordBatches(flaggedSnappy));
    expect(isMiniKafkaError(error, 'UNSUPPORTED_COMPRESSION_TYPE')).toBe(true);
    const wrongCodec = corruptionOf(() => decodeRecordBatches(flaggedSnappy, 0, { lz4: inflaters.snappy }));
    expect(isMiniKafkaError(wrongCodec, 'UNSUPPORTED_COMPRESSION_TYPE')).toBe(true);
  });

  it('keeps gzip built in whatever else is given, unless gzip itself is replaced', () => {
    const others = { snappy: (data: Buffer) => inflateRawSync(data) };
    expect(decodeRecordBatches(gzipped, 0, others)).toEqual(decodeRecordBatches(plain));
    const refusing = { gzip: (): Buffer => Buffer.alloc(0) };
    const error = corruptionOf(() => decodeRecordBatches(gzipped, 0, refusing));
    expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE')).toBe(true);
  });

  it('turns an inflater that throws into CORRUPT_MESSAGE naming the batch, never the bytes', () => {
    const throwing = {
      snappy: (): Buffer => {
        throw new Error('bad stream');
      },
    };
    const error = corruptionOf(() => decodeRecordBatches(flaggedSnappy, 0, throwing));
    expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE')).toBe(true);
    expect((error as Error).message).toContain('offset 3');
    expect((error as Error).message).toContain('snappy');
  });
});
