// Boundary round trips for every primitive: what the Writer writes, the Reader reads back,
// byte for byte, with the exact encodings Kafka specifies where they are well known.
import { describe, expect, it } from 'vitest';
import { isKafkaProtocolError } from '../errors.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

function roundTrip<T>(write: (w: Writer) => unknown, read: (r: Reader) => T): { value: T; bytes: Buffer } {
  const w = new Writer(1);
  write(w);
  const bytes = Buffer.from(w.toBuffer());
  const r = new Reader(bytes);
  const value = read(r);
  expect(r.remaining).toBe(0);
  return { value, bytes };
}

const INT8 = [0, 1, -1, 127, -128];
const INT16 = [0, 1, -1, 0x7fff, -0x8000, 255, 256];
const INT32 = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 0x7fff, 65536];
const INT64 = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, -(2 ** 32), 2 ** 32 + 1, 2 ** 53 - 1, -(2 ** 53 - 1)];
const STRINGS = ['', 'a', 'orders', 'zß水🍕', 'x'.repeat(300)];

describe('fixed-width integers', () => {
  it.each(INT8)('int8 %d', (n) =>
    expect(
      roundTrip(
        (w) => w.int8(n),
        (r) => r.int8(),
      ).value,
    ).toBe(n),
  );
  it.each(INT16)('int16 %d', (n) =>
    expect(
      roundTrip(
        (w) => w.int16(n),
        (r) => r.int16(),
      ).value,
    ).toBe(n),
  );
  it.each(INT32)('int32 %d', (n) =>
    expect(
      roundTrip(
        (w) => w.int32(n),
        (r) => r.int32(),
      ).value,
    ).toBe(n),
  );
  it.each([0, 1, 2 ** 32 - 1, 2 ** 31])('uint32 %d', (n) =>
    expect(
      roundTrip(
        (w) => w.uint32(n),
        (r) => r.uint32(),
      ).value,
    ).toBe(n),
  );

  it.each(INT64)('int64 %d as number and as bigint', (n) => {
    const { value, bytes } = roundTrip(
      (w) => w.int64(n),
      (r) => r.int64(),
    );
    expect(value).toBe(n);
    expect(bytes.readBigInt64BE(0)).toBe(BigInt(n));
    expect(
      roundTrip(
        (w) => w.int64(BigInt(n)),
        (r) => r.int64BigInt(),
      ).value,
    ).toBe(BigInt(n));
  });

  it('int64 bigint extremes round trip; reading them as a number is a typed error', () => {
    for (const n of [2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n, -(2n ** 53n)]) {
      const { value, bytes } = roundTrip(
        (w) => w.int64(n),
        (r) => r.int64BigInt(),
      );
      expect(value).toBe(n);
      expect(() => new Reader(bytes).int64()).toThrow(expect.objectContaining({ reason: 'unsafe-integer' }));
    }
  });

  it('big-endian layout', () => {
    expect(
      roundTrip(
        (w) => w.int32(-2),
        (r) => r.int32(),
      ).bytes,
    ).toEqual(Buffer.from('fffffffe', 'hex'));
    expect(
      roundTrip(
        (w) => w.int64(-2),
        (r) => r.int64(),
      ).bytes,
    ).toEqual(Buffer.from('fffffffffffffffe', 'hex'));
    expect(
      roundTrip(
        (w) => w.int64(2 ** 32),
        (r) => r.int64(),
      ).bytes,
    ).toEqual(Buffer.from('0000000100000000', 'hex'));
  });

  it('booleans: 0 is false, any other byte true', () => {
    expect(
      roundTrip(
        (w) => w.boolean(true),
        (r) => r.boolean(),
      ),
    ).toEqual({ value: true, bytes: Buffer.from([1]) });
    expect(
      roundTrip(
        (w) => w.boolean(false),
        (r) => r.boolean(),
      ).value,
    ).toBe(false);
    expect(new Reader(Buffer.from([7])).boolean()).toBe(true);
  });

  it('refuses values that do not fit, with a typed error', () => {
    const w = new Writer();
    for (const bad of [() => w.int8(128), () => w.int16(-32769), () => w.int32(2 ** 31), () => w.int32(1.5)]) {
      expect(bad).toThrow(expect.objectContaining({ reason: 'invalid-value' }));
    }
    expect(() => w.int64(2 ** 53)).toThrow(expect.objectContaining({ reason: 'invalid-value' }));
    expect(() => w.uint32(-1)).toThrow(expect.objectContaining({ reason: 'invalid-value' }));
    expect(() => w.uvarint(2 ** 32)).toThrow(expect.objectContaining({ reason: 'invalid-value' }));
    expect(w.size).toBe(0);
  });
});

describe('varints', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [2 ** 31 - 1, 'ffffffff07'],
    [2 ** 32 - 1, 'ffffffff0f'],
  ])('unsigned varint %d is %s', (n, hex) => {
    expect(
      roundTrip(
        (w) => w.uvarint(n),
        (r) => r.uvarint(),
      ),
    ).toEqual({ value: n, bytes: Buffer.from(hex, 'hex') });
  });

  it.each([
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [11, '16'],
    [-64, '7f'],
    [64, '8001'],
    [2 ** 31 - 1, 'feffffff0f'],
    [-(2 ** 31), 'ffffffff0f'],
  ])('zig-zag varint %d is %s', (n, hex) => {
    expect(
      roundTrip(
        (w) => w.varint(n),
        (r) => r.varint(),
      ),
    ).toEqual({ value: n, bytes: Buffer.from(hex, 'hex') });
  });

  it.each([
    0,
    1,
    -1,
    2 ** 31 - 1,
    -(2 ** 31),
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 52 - 1,
    -(2 ** 52),
    2 ** 53 - 1,
    -(2 ** 53 - 1),
  ])('zig-zag varlong %d (number and bigint agree)', (n) => {
    const asNumber = roundTrip(
      (w) => w.varlong(n),
      (r) => r.varlong(),
    );
    const asBig = roundTrip(
      (w) => w.varlong(BigInt(n)),
      (r) => r.varlongBigInt(),
    );
    expect(asNumber.value).toBe(n);
    expect(asBig.value).toBe(BigInt(n));
    expect(asNumber.bytes).toEqual(asBig.bytes);
  });

  it('varlong extremes take 10 bytes', () => {
    const max = roundTrip(
      (w) => w.varlong(2n ** 63n - 1n),
      (r) => r.varlongBigInt(),
    );
    expect(max.value).toBe(2n ** 63n - 1n);
    expect(max.bytes).toEqual(Buffer.from('feffffffffffffffff01', 'hex'));
    const min = roundTrip(
      (w) => w.varlong(-(2n ** 63n)),
      (r) => r.varlongBigInt(),
    );
    expect(min.value).toBe(-(2n ** 63n));
    expect(() => new Reader(min.bytes).varlong()).toThrow(expect.objectContaining({ reason: 'unsafe-integer' }));
  });

  it('overlong varints are typed errors', () => {
    expect(() => new Reader(Buffer.from('ffffffff10', 'hex')).uvarint()).toThrow(
      expect.objectContaining({ reason: 'invalid-varint' }),
    );
    expect(() => new Reader(Buffer.from('ffffffffffffffffffff01', 'hex')).varlongBigInt()).toThrow(
      expect.objectContaining({ reason: 'invalid-varint' }),
    );
    expect(() => new Reader(Buffer.from('8080', 'hex')).uvarint()).toThrow(
      expect.objectContaining({ reason: 'truncated' }),
    );
  });
});

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
