import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.js';

/** Bit by bit, straight from the definition: the oracle for the table-driven version. */
function reference(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32c', () => {
  it('gives the Castagnoli check value for "123456789"', () => {
    expect(crc32c(Buffer.from('123456789', 'ascii'))).toBe(0xe3069283);
  });

  // RFC 3720 (iSCSI) appendix B.4 vectors, 32 bytes each.
  it.each([
    ['zeros', Buffer.alloc(32, 0x00), 0x8a9136aa],
    ['ones', Buffer.alloc(32, 0xff), 0x62a8ab43],
    ['incrementing', Buffer.from(Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e],
    ['decrementing', Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c],
  ])('matches the RFC 3720 vector for %s', (_name, data, expected) => {
    expect(crc32c(data)).toBe(expected);
  });

  it('is 0 for no bytes and reads a view at its own offset', () => {
    expect(crc32c(new Uint8Array(0))).toBe(0);
    const padded = Buffer.from('xx123456789yy', 'ascii');
    expect(crc32c(new Uint8Array(padded.buffer, padded.byteOffset + 2, 9))).toBe(0xe3069283);
  });

  it('agrees with the bit-by-bit definition on any bytes (every tail length)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        expect(crc32c(data)).toBe(reference(data));
      }),
    );
  });
});
