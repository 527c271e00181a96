// The JSON bytes writer of records is exact: for any record (any bytes, invalid UTF-8, control
// characters, quotes, backslashes, headers, nulls, either encoding) it writes what
// JSON.stringify(recordToJson(...)) gives, so the fast path changes no answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonBytes } from './json-bytes.js';
import { recordJsonWriter, recordToJson } from './record-json.js';

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 32 }).map((text) => new Uint8Array(Buffer.from(text))),
  fc
    .constantFrom('plain', 'with "quotes"', 'back\\slash', 'tab\there', 'line\u2028sep', '\ufeffbom')
    .map((text) => new Uint8Array(Buffer.from(text))),
);
const nullable = fc.option(
  bytes.map((array) => Buffer.from(array)),
  { nil: null },
);
const record = fc.record({
  offset: fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
  timestamp: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 4e12 }), fc.constant(1e8), fc.constant(99_999_999)),
  key: nullable,
  value: nullable,
  headers: fc.array(fc.record({ key: fc.string({ maxLength: 8 }), value: nullable }), { maxLength: 3 }),
});

describe('recordJsonWriter', () => {
  it('writes exactly the JSON of recordToJson, in both encodings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('orders', 'a.b-c_d'),
        fc.nat(1000),
        fc.constantFrom('utf8' as const, 'base64' as const),
        fc.array(record, { maxLength: 5 }),
        (topic, partition, encoding, records) => {
          const out = new JsonBytes(8);
          const write = recordJsonWriter(topic, partition, encoding);
          for (const [i, stored] of records.entries()) {
            if (i > 0) out.ascii(',');
            write(stored, out);
          }
          const expected = records.map((stored) => JSON.stringify(recordToJson(topic, partition, stored, encoding)));
          expect(out.take().toString('utf8')).toBe(expected.join(','));
        },
      ),
      { numRuns: 500 },
    );
  });
});
