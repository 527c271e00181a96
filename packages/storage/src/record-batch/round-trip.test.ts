import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressedBatch } from '../testing/compressed-batch.js';
import { checkBatch } from './batch-check.js';
import {
  BASE_SEQUENCE_OFFSET,
  BATCH_HEADER_SIZE,
  batchBaseOffset,
  batchRecordsCount,
  batchSize,
  CompressionCodec,
} from './batch-header.js';
import { decodeRecordBatches } from './decode.js';
import { encodeRecordBatch, encodeRecordBatches } from './encode.js';
import type { BytesInput, RecordInput, StoredRecord } from './record.js';

const binary = fc.uint8Array({ maxLength: 64 });
const text = fc.string({ unit: 'binary', maxLength: 32 }); // any Unicode code point, astral ones included
const large = fc.uint8Array({ minLength: 1_000, maxLength: 4_000 });

const record: fc.Arbitrary<RecordInput> = fc.record({
  key: fc.oneof(fc.constant(null), binary, text),
  value: fc.oneof(
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: binary, weight: 3 },
    { arbitrary: text, weight: 3 },
    { arbitrary: large, weight: 1 },
  ),
  headers: fc.array(fc.record({ key: text, value: fc.option(binary, { nil: null }) }), { maxLength: 5 }),
  timestamp: fc.integer({ min: 0, max: 2 ** 45 }),
});
const batch = fc.record({
  records: fc.array(record, { minLength: 1, maxLength: 50 }),
  baseOffset: fc.integer({ min: 0, max: 2 ** 45 }),
});

/** Strings are compared as the UTF-8 bytes the encoder writes. */
function asBytes(value: BytesInput | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
}

function expected(records: RecordInput[], baseOffset: number): unknown[] {
  return records.map((r, i) => ({
    offset: baseOffset + i,
    timestamp: r.timestamp,
    key: asBytes(r.key),
    value: asBytes(r.value),
    headers: (r.headers ?? []).map((h) => ({ key: asBytes(h.key), value: asBytes(h.value) })),
  }));
}

function comparable(records: StoredRecord[]): unknown[] {
  return records.map((r) => ({ ...r, headers: r.headers.map((h) => ({ key: asBytes(h.key), value: h.value })) }));
}

/** The same batch with its records gzip-compressed, as a producer would send it. */
function gzipped(plain: Buffer): Buffer {
  return compressedBatch(plain, CompressionCodec.Gzip, (data) => gzipSync(data));
}

describe('encode then decode', () => {
  it('gives back every record exactly', () => {
    fc.assert(
      fc.property(batch, ({ records, baseOffset }) => {
        const bytes = encodeRecordBatch(records, { baseOffset });
        expect(checkBatch(bytes, 0)).toBeUndefined();
        expect(comparable(decodeRecordBatches(bytes))).toEqual(expected(records, baseOffset));
        expect(comparable(decodeRecordBatches(gzipped(bytes)))).toEqual(expected(records, baseOffset));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps an empty key, value or header value empty rather than null', () => {
    const bytes = encodeRecordBatch([
      { key: '', value: new Uint8Array(0), headers: [{ key: '', value: '' }], timestamp: 0 },
    ]);
    const [decoded] = decodeRecordBatches(bytes);
    expect(decoded?.key).toEqual(Buffer.alloc(0));
    expect(decoded?.value).toEqual(Buffer.alloc(0));
    expect(decoded?.headers).toEqual([{ key: '', value: Buffer.alloc(0) }]);
  });
});

describe('encodeRecordBatches', () => {
  it('is encodeRecordBatch, byte for byte, when everything fits one batch', () => {
    fc.assert(
      fc.property(batch, ({ records, baseOffset }) => {
        const one = encodeRecordBatch(records, { baseOffset, timestamp: 7 });
        expect(encodeRecordBatches(records, { baseOffset, timestamp: 7, maxBatchBytes: one.length })).toEqual(one);
      }),
      { numRuns: 100 },
    );
  });

  it('cuts as few batches as fit the limit, in order, with consecutive offsets', () => {
    const limit = fc.integer({ min: BATCH_HEADER_SIZE, max: 6_000 });
    fc.assert(
      fc.property(batch, limit, ({ records, baseOffset }, maxBatchBytes) => {
        const bytes = encodeRecordBatches(records, { baseOffset, maxBatchBytes });
        expect(comparable(decodeRecordBatches(bytes))).toEqual(expected(records, baseOffset));
        let first = 0;
        for (let at = 0; at < bytes.length; at += batchSize(bytes, at)) {
          expect(checkBatch(bytes, at)).toBeUndefined();
          expect(batchBaseOffset(bytes, at)).toBe(baseOffset + first);
          const count = batchRecordsCount(bytes, at);
          const size = batchSize(bytes, at);
          // Over the limit only when one record alone does not fit.
          if (count > 1) expect(size).toBeLessThanOrEqual(maxBatchBytes);
          const end = first + count;
          // Greedy: the next record would not have fit into this batch.
          if (end < records.length) {
            expect(encodeRecordBatch(records.slice(first, end + 1)).length).toBeGreaterThan(maxBatchBytes);
          }
          first = end;
        }
        expect(first).toBe(records.length);
      }),
      { numRuns: 200 },
    );
  });

  it("numbers an idempotent producer's sequences on across the batches of a split, wrapping as Kafka does", () => {
    const records = Array.from({ length: 6 }, (_, i) => ({ value: `value ${i}` }));
    const twoRecords = encodeRecordBatch(records.slice(0, 2)).length;
    const sequences = (baseSequence: number): number[] => {
      const bytes = encodeRecordBatches(records, { maxBatchBytes: twoRecords, producerId: 7, baseSequence });
      const found: number[] = [];
      for (let at = 0; at < bytes.length; at += batchSize(bytes, at))
        found.push(bytes.readInt32BE(at + BASE_SEQUENCE_OFFSET));
      return found;
    };
    expect(sequences(10)).toEqual([10, 12, 14]);
    expect(sequences(0x7fffffff - 2)).toEqual([0x7fffffff - 2, 0x7fffffff, 1]);
  });

  it('refuses no records', () => {
    expect(() => encodeRecordBatches([], { maxBatchBytes: 1000 })).toThrow(RangeError);
  });
});
