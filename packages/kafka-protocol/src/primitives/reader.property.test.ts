// Property: fed any bytes, any sequence of Reader calls either returns values or throws a
// KafkaProtocolError; it never throws anything else, never reads past its end, and never
// returns a view longer than the bytes it was given.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KafkaProtocolError } from '../errors.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

type Op = (r: Reader) => unknown;

const OPS: Op[] = [
  (r) => r.int8(),
  (r) => r.int16(),
  (r) => r.int32(),
  (r) => r.uint32(),
  (r) => r.int64(),
  (r) => r.int64BigInt(),
  (r) => r.boolean(),
  (r) => r.uvarint(),
  (r) => r.varint(),
  (r) => r.varlong(),
  (r) => r.varlongBigInt(),
  (r) => r.string(),
  (r) => r.nullableString(),
  (r) => r.compactString(),
  (r) => r.compactNullableString(),
  (r) => r.bytes(),
  (r) => r.nullableBytes(),
  (r) => r.compactBytes(),
  (r) => r.compactNullableBytes(),
  (r) => r.array((x) => x.string()),
  (r) => r.nullableArray((x) => x.int32Array()),
  (r) => r.compactArray((x) => x.compactString()),
  (r) => r.compactNullableArray((x) => x.taggedFields()),
  (r) => r.int32Array(),
  (r) => r.taggedFields(),
  (r) => r.uuid(),
];

describe('Reader on arbitrary bytes', () => {
  it('throws nothing but KafkaProtocolError', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(fc.integer({ min: 0, max: OPS.length - 1 }), { minLength: 1, maxLength: 12 }),
        (bytes, ops) => {
          const buffer = Buffer.from(bytes);
          const reader = new Reader(buffer);
          try {
            for (const op of ops) {
              const value = (OPS[op] as Op)(reader);
              if (Buffer.isBuffer(value)) expect(value.length).toBeLessThanOrEqual(buffer.length);
              expect(reader.remaining).toBeGreaterThanOrEqual(0);
            }
          } catch (error) {
            if (!(error instanceof KafkaProtocolError)) throw error;
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trips arbitrary int64, varlong and strings', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.string({ unit: 'binary' }), (n, s) => {
        const w = new Writer(1).int64(n).varlong(n).compactNullableString(s).string(s);
        const r = new Reader(Buffer.from(w.toBuffer()));
        expect(r.int64BigInt()).toBe(n);
        expect(r.varlongBigInt()).toBe(n);
        expect(r.compactNullableString()).toBe(Buffer.from(s, 'utf8').toString('utf8'));
        expect(r.string()).toBe(Buffer.from(s, 'utf8').toString('utf8'));
        expect(r.remaining).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
