import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readInt64, VarintReader, varintSize, varlongSize, writeInt64, writeVarint, writeVarlong } from './varint.js';

// kafkajs's encoder is an independent oracle for the bytes (untyped JS).
const require = createRequire(import.meta.url);
const KafkajsEncoder: new () => {
  writeVarInt(value: number): { buffer: Buffer };
  writeVarLong(value: number): { buffer: Buffer };
} = require('kafkajs/src/protocol/encoder.js');

function varintBytes(value: number): Buffer {
  const buffer = Buffer.alloc(10);
  return buffer.subarray(0, writeVarint(buffer, 0, value));
}

function varlongBytes(value: number): Buffer {
  const buffer = Buffer.alloc(10);
  return buffer.subarray(0, writeVarlong(buffer, 0, value));
}

const INT32_BOUNDARIES = [
  0,
  1,
  -1,
  63,
  -64,
  64,
  -65,
  8191,
  -8192,
  8192,
  -8193,
  1048575,
  -1048576,
  1048576,
  -1048577,
  134217727,
  -134217728,
  134217728,
  -134217729,
  2 ** 30 - 1,
  -(2 ** 30),
  2 ** 30,
  2 ** 31 - 1,
  -(2 ** 31),
];

describe('varint', () => {
  it.each(INT32_BOUNDARIES)('round-trips %d, and varintSize matches the bytes written', (value) => {
    const bytes = varintBytes(value);
    expect(varintSize(value)).toBe(bytes.length);
    const reader = new VarintReader(bytes);
    expect(reader.readVarint()).toBe(value);
    expect(reader.position).toBe(bytes.length);
  });

  it.each([
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [11, '16'],
    [63, '7e'],
    [-64, '7f'],
    [64, '8001'],
    [-65, '8101'],
    [8191, 'fe7f'],
    [8192, '808001'],
    [2 ** 31 - 1, 'feffffff0f'],
    [-(2 ** 31), 'ffffffff0f'],
  ])('encodes %d as %s', (value, hex) => {
    expect(varintBytes(value).toString('hex')).toBe(hex);
    expect(new VarintReader(Buffer.from(hex, 'hex')).readVarint()).toBe(value);
  });

  it.each(INT32_BOUNDARIES)('writes %d exactly as kafkajs does', (value) => {
    expect(varintBytes(value)).toEqual(new KafkajsEncoder().writeVarInt(value).buffer);
  });

  it('reads consecutive values and stops at `end`', () => {
    const buffer = Buffer.alloc(20);
    let offset = writeVarint(buffer, 0, 300);
    offset = writeVarint(buffer, offset, -2);
    const reader = new VarintReader(buffer, 0, offset);
    expect([reader.readVarint(), reader.readVarint()]).toEqual([300, -2]);
    expect(() => reader.readVarint()).toThrow(RangeError);
  });

  it.each(['', '80', 'ff', '8080', 'ffffffff'])('throws RangeError on truncated varint %j', (hex) => {
    expect(() => new VarintReader(Buffer.from(hex, 'hex')).readVarint()).toThrow(RangeError);
  });

  it('throws RangeError when `end` cuts a varint that the buffer continues', () => {
    const bytes = varintBytes(8192); // 3 bytes
    expect(() => new VarintReader(bytes, 0, 2).readVarint()).toThrow(RangeError);
  });

  it.each(['808080808001', 'ffffffffff01', 'ffffffff1f'])('throws RangeError on overlong varint %s', (hex) => {
    expect(() => new VarintReader(Buffer.from(hex, 'hex')).readVarint()).toThrow(RangeError);
  });
});

const SAFE = Number.MAX_SAFE_INTEGER; // 2^53 - 1
const VARLONG_VALUES = [
  ...INT32_BOUNDARIES,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  -(2 ** 32),
  2 ** 35 - 1,
  -(2 ** 35),
  2 ** 40,
  -(2 ** 40),
  2 ** 49 - 1,
  -(2 ** 49),
  2 ** 52,
  -(2 ** 52),
  1_700_000_000_000,
  -1_700_000_000_000,
  SAFE,
];
// Negative values below -2^52 lose their low bit in the zig-zag step (2|n| - 1 > 2^53): see the report.
const VARLONG_NEGATIVE_EDGE = [-(2 ** 52) - 1, -(SAFE - 1), -SAFE];

describe('varlong', () => {
  it.each(VARLONG_VALUES)('round-trips %d, and varlongSize matches the bytes written', (value) => {
    const bytes = varlongBytes(value);
    expect(varlongSize(value)).toBe(bytes.length);
    const reader = new VarintReader(bytes);
    expect(reader.readVarlong()).toBe(value);
    expect(reader.position).toBe(bytes.length);
  });

  it.each(VARLONG_VALUES)('writes %d exactly as kafkajs does', (value) => {
    expect(varlongBytes(value)).toEqual(new KafkajsEncoder().writeVarLong(value).buffer);
  });

  it.each(VARLONG_NEGATIVE_EDGE)('round-trips %d (negative beyond -2^52)', (value) => {
    expect(varlongBytes(value)).toEqual(new KafkajsEncoder().writeVarLong(value).buffer);
    expect(new VarintReader(varlongBytes(value)).readVarlong()).toBe(value);
  });

  it('reads 1_700_000_000_000 from known bytes', () => {
    // zig-zag 3_400_000_000_000 in base-128, low group first
    expect(new VarintReader(Buffer.from('80a0abfef962', 'hex')).readVarlong()).toBe(1_700_000_000_000);
  });

  it.each(['', '80', 'ffffffffffff'])('throws RangeError on truncated varlong %j', (hex) => {
    expect(() => new VarintReader(Buffer.from(hex, 'hex')).readVarlong()).toThrow(RangeError);
  });

  it('throws RangeError on a varlong longer than 8 bytes', () => {
    expect(() => new VarintReader(Buffer.from('808080808080808001', 'hex')).readVarlong()).toThrow(RangeError);
  });
});

describe('int64', () => {
  it.each([0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, -(2 ** 32), -(2 ** 32) - 1, 1_700_000_000_000, SAFE, -SAFE])(
    'round-trips %d as big-endian two’s complement',
    (value) => {
      const buffer = Buffer.alloc(10, 0xaa);
      writeInt64(buffer, 1, value);
      expect(buffer.readBigInt64BE(1)).toBe(BigInt(value));
      expect(buffer[0]).toBe(0xaa);
      expect(buffer[9]).toBe(0xaa);
      expect(readInt64(buffer, 1)).toBe(value);
    },
  );

  it('reads all-ones as -1 and 0x0000000100000000 as 2^32', () => {
    expect(readInt64(Buffer.from('ffffffffffffffff', 'hex'), 0)).toBe(-1);
    expect(readInt64(Buffer.from('0000000100000000', 'hex'), 0)).toBe(2 ** 32);
  });
});
