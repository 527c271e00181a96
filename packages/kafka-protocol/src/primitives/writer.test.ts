// Record sets go out by reference: the Writer keeps their buffers and hands them back as
// chunks (never copies) while the bytes around them, size prefixes included, stay editable.
import { describe, expect, it } from 'vitest';
import { isKafkaProtocolError } from '../errors.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

const chunk = (size: number, fill: number): Buffer => Buffer.alloc(size, fill);

describe('Writer record sets', () => {
  it('keeps large chunks by reference and joins them in order', () => {
    const a = chunk(5000, 1);
    const b = chunk(9000, 2);
    const writer = new Writer(16);
    writer.int32(0).int16(7).records([a, b]).int8(3);
    writer.setInt32(0, writer.size - 4);
    const chunks = writer.toChunks();
    expect(chunks).toHaveLength(4);
    expect(chunks[1]).toBe(a);
    expect(chunks[2]).toBe(b);
    const joined = writer.toBuffer();
    expect(joined.length).toBe(4 + 2 + 4 + 14000 + 1);
    expect(Buffer.concat(chunks).equals(joined)).toBe(true);
    const reader = new Reader(joined);
    expect(reader.int32()).toBe(joined.length - 4);
    expect(reader.int16()).toBe(7);
    expect(reader.bytes()).toEqual(Buffer.concat([a, b]));
    expect(reader.int8()).toBe(3);
  });

  it('copies small chunks into its own buffer', () => {
    const writer = new Writer();
    writer.records([chunk(10, 1), chunk(20, 2)]);
    expect(writer.toChunks()).toHaveLength(1);
    expect(writer.toBuffer()).toEqual(Buffer.concat([Buffer.from([0, 0, 0, 30]), chunk(10, 1), chunk(20, 2)]));
  });

  it('writes compact record sets and one buffer alike', () => {
    const big = chunk(4096, 9);
    const writer = new Writer();
    writer.compactRecords([big, big]).records(big);
    const reader = new Reader(writer.toBuffer());
    expect(reader.compactBytes()).toEqual(Buffer.concat([big, big]));
    expect(reader.bytes()).toEqual(big);
  });

  it('sets an int32 after referenced bytes, and refuses one inside them', () => {
    const writer = new Writer();
    writer.records(chunk(5000, 1)).int32(0).records(chunk(6000, 2)).int32(0);
    writer.setInt32(4 + 5000, 11).setInt32(4 + 5000 + 4 + 4 + 6000, 22);
    const reader = new Reader(writer.toBuffer());
    reader.bytes();
    expect(reader.int32()).toBe(11);
    reader.bytes();
    expect(reader.int32()).toBe(22);
    // In the first set, in the second, across into the second from the int32s before it, past the end.
    for (const offset of [4, 4 + 4999, 4 + 5000 + 6, 4 + 5000 + 8 + 5999, 4 + 5000 + 8 + 6000 + 1]) {
      let error: unknown;
      try {
        writer.setInt32(offset, 1);
      } catch (caught) {
        error = caught;
      }
      expect(isKafkaProtocolError(error), `offset ${offset}`).toBe(true);
    }
  });
});
