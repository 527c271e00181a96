// Boundary round trips for strings, bytes, arrays and tagged fields, and what the Reader does
// with hostile lengths. (Integers: numbers.test.ts.)
import { describe, expect, it } from 'vitest';
import { isKafkaProtocolError } from '../errors.js';
import { primitiveRoundTrip as roundTrip } from '../testing/primitive-round-trip.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

const STRINGS = ['', 'a', 'orders', 'zß水🍕', 'x'.repeat(300)];

describe('strings and bytes', () => {
  it.each(STRINGS)('string %j in all four encodings', (s) => {
    const length = Buffer.byteLength(s);
    const plain = roundTrip(
      (w) => w.string(s),
      (r) => r.string(),
    );
    expect(plain.value).toBe(s);
    expect(plain.bytes.readInt16BE(0)).toBe(length);
    expect(
      roundTrip(
        (w) => w.nullableString(s),
        (r) => r.nullableString(),
      ).value,
    ).toBe(s);
    const compact = roundTrip(
      (w) => w.compactString(s),
      (r) => r.compactString(),
    );
    expect(compact.value).toBe(s);
    expect(new Reader(compact.bytes).uvarint()).toBe(length + 1);
    expect(
      roundTrip(
        (w) => w.compactNullableString(s),
        (r) => r.compactNullableString(),
      ).value,
    ).toBe(s);
  });

  it('null strings: -1 and 0', () => {
    expect(
      roundTrip(
        (w) => w.nullableString(null),
        (r) => r.nullableString(),
      ),
    ).toEqual({
      value: null,
      bytes: Buffer.from('ffff', 'hex'),
    });
    expect(
      roundTrip(
        (w) => w.compactNullableString(null),
        (r) => r.compactNullableString(),
      ),
    ).toEqual({
      value: null,
      bytes: Buffer.from('00', 'hex'),
    });
    expect(() => new Reader(Buffer.from('ffff', 'hex')).string()).toThrow(
      expect.objectContaining({ reason: 'invalid-length' }),
    );
    expect(() => new Reader(Buffer.from('00', 'hex')).compactString()).toThrow(
      expect.objectContaining({ reason: 'invalid-length' }),
    );
  });

  it('the longest int16-prefixed string, and one byte more', () => {
    const longest = `${'é'.repeat(0x7fff >> 1)}a`;
    expect(
      roundTrip(
        (w) => w.string(longest),
        (r) => r.string(),
      ).value,
    ).toBe(longest);
    expect(() => new Writer().string(`${longest}a`)).toThrow(expect.objectContaining({ reason: 'invalid-value' }));
  });

  it.each([Buffer.alloc(0), Buffer.from([0]), Buffer.from('ff00ff', 'hex'), Buffer.alloc(200, 7)])(
    'bytes of length %#',
    (b) => {
      expect(
        roundTrip(
          (w) => w.bytes(b),
          (r) => Buffer.from(r.bytes()),
        ).value,
      ).toEqual(b);
      expect(
        roundTrip(
          (w) => w.nullableBytes(b),
          (r) => r.nullableBytes(),
        ).value,
      ).toEqual(b);
      expect(
        roundTrip(
          (w) => w.compactBytes(b),
          (r) => r.compactBytes(),
        ).value,
      ).toEqual(b);
      expect(
        roundTrip(
          (w) => w.compactNullableBytes(b),
          (r) => r.compactNullableBytes(),
        ).value,
      ).toEqual(b);
    },
  );

  it('null bytes', () => {
    expect(
      roundTrip(
        (w) => w.nullableBytes(null),
        (r) => r.nullableBytes(),
      ).bytes,
    ).toEqual(Buffer.from('ffffffff', 'hex'));
    expect(
      roundTrip(
        (w) => w.compactNullableBytes(null),
        (r) => r.compactNullableBytes(),
      ).bytes,
    ).toEqual(Buffer.from('00', 'hex'));
  });

  it('uuid', () => {
    const id = '0123abcd-4567-89ef-0123-456789abcdef';
    const { value, bytes } = roundTrip(
      (w) => w.uuid(id),
      (r) => r.uuid(),
    );
    expect(value).toBe(id);
    expect(bytes.toString('hex')).toBe(id.replaceAll('-', ''));
    expect(() => new Writer().uuid('nope')).toThrow(expect.objectContaining({ reason: 'invalid-value' }));
  });
});

describe('arrays and tagged fields', () => {
  const item = (w: Writer, s: string) => w.string(s);
  const readItem = (r: Reader) => r.string();

  it.each([[[]], [['a']], [['a', 'zß', '']]])('arrays %j in all four encodings', (items) => {
    expect(
      roundTrip(
        (w) => w.array(items, item),
        (r) => r.array(readItem),
      ).value,
    ).toEqual(items);
    expect(
      roundTrip(
        (w) => w.nullableArray(items, item),
        (r) => r.nullableArray(readItem),
      ).value,
    ).toEqual(items);
    expect(
      roundTrip(
        (w) => w.compactArray(items, item),
        (r) => r.compactArray(readItem),
      ).value,
    ).toEqual(items);
    expect(
      roundTrip(
        (w) => w.compactNullableArray(items, item),
        (r) => r.compactNullableArray(readItem),
      ).value,
    ).toEqual(items);
  });

  it('null arrays: -1 and 0', () => {
    expect(
      roundTrip(
        (w) => w.nullableArray(null, item),
        (r) => r.nullableArray(readItem),
      ).bytes,
    ).toEqual(Buffer.from('ffffffff', 'hex'));
    expect(
      roundTrip(
        (w) => w.compactNullableArray(null, item),
        (r) => r.compactNullableArray(readItem),
      ).bytes,
    ).toEqual(Buffer.from('00', 'hex'));
    expect(() => new Reader(Buffer.from('ffffffff', 'hex')).array(readItem)).toThrow(
      expect.objectContaining({ reason: 'invalid-length' }),
    );
  });

  it('int32 arrays at the boundaries', () => {
    const items = [0, -1, 2 ** 31 - 1, -(2 ** 31)];
    expect(
      roundTrip(
        (w) => w.int32Array(items),
        (r) => r.int32Array(),
      ).value,
    ).toEqual(items);
  });

  it('tagged fields: empty is one zero byte; unknown tags are read and can be skipped', () => {
    expect(
      roundTrip(
        (w) => w.taggedFields(),
        (r) => r.taggedFields(),
      ),
    ).toEqual({ value: [], bytes: Buffer.from([0]) });
    const fields = [
      { tag: 0, data: Buffer.from('abc') },
      { tag: 300, data: Buffer.alloc(0) },
    ];
    const { value } = roundTrip(
      (w) => w.taggedFields(fields).int8(5),
      (r) => [r.taggedFields(), r.int8()] as const,
    );
    expect(value).toEqual([fields, 5]);
  });
});

describe('hostile lengths', () => {
  it('a 2 GB length prefix fails cleanly without allocating', () => {
    const huge = Buffer.from('7fffffff', 'hex');
    for (const read of [
      (r: Reader) => r.bytes(),
      (r: Reader) => r.nullableBytes(),
      (r: Reader) => r.array((x) => x.int8()),
    ]) {
      expect(() => read(new Reader(huge))).toThrow(expect.objectContaining({ reason: 'invalid-length' }));
    }
    expect(() => new Reader(Buffer.from('ffffffff0f', 'hex')).compactBytes()).toThrow(
      expect.objectContaining({ reason: 'invalid-length' }),
    );
    expect(() => new Reader(Buffer.from('7fff', 'hex')).string()).toThrow(
      expect.objectContaining({ reason: 'invalid-length' }),
    );
  });

  it('counts are bounded by the minimum item size', () => {
    // 3 int32s announced, 8 bytes left: refused before reading any.
    const bytes = Buffer.from('00000003' + '00000001' + '00000002', 'hex');
    expect(() => new Reader(bytes).int32Array()).toThrow(expect.objectContaining({ reason: 'invalid-length' }));
  });

  it('negative lengths other than -1 are refused', () => {
    expect(() => new Reader(Buffer.from('fffffffe', 'hex')).nullableBytes()).toThrow(
      expect.objectContaining({ reason: 'invalid-length' }),
    );
  });

  it('truncation is reported with a typed error, and a reader is bounded by its end', () => {
    const error = (() => {
      try {
        new Reader(Buffer.from('0001', 'hex')).int32();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isKafkaProtocolError(error, 'truncated')).toBe(true);
    const window = new Reader(Buffer.from('00000001ff', 'hex'), 0, 4);
    expect(window.int32()).toBe(1);
    expect(() => window.int8()).toThrow(expect.objectContaining({ reason: 'truncated' }));
  });
});
