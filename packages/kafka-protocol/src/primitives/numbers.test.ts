// Boundary round trips for the integer primitives: fixed-width and variable-length. What the
// Writer writes, the Reader reads back, byte for byte, with Kafka's exact encodings.
import { describe, expect, it } from 'vitest';
import { primitiveRoundTrip as roundTrip } from '../testing/primitive-round-trip.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

const INT8 = [0, 1, -1, 127, -128];
const INT16 = [0, 1, -1, 0x7fff, -0x8000, 255, 256];
const INT32 = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 0x7fff, 65536];
const INT64 = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, -(2 ** 32), 2 ** 32 + 1, 2 ** 53 - 1, -(2 ** 53 - 1)];

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
