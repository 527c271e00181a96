import { gzipSync } from 'node:zlib';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { decodeLegacyMessageSet } from './legacy-decode.js';
import { encodeLegacyMessageSet } from './legacy-encode.js';
import { upConvertLegacyRecords } from './up-convert.js';

/** CRC-32 (IEEE) bit by bit from the spec's reflected polynomial: the reference the table must match. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function bytesField(bytes: Buffer | null): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(bytes === null ? -1 : bytes.length);
  return bytes === null ? length : Buffer.concat([length, bytes]);
}

/** One message set entry built by hand from the layout, with the reference CRC. */
function message(
  offset: number,
  magic: 0 | 1,
  opts: { attributes?: number; timestamp?: number; key?: Buffer | null; value?: Buffer | null; crc?: number } = {},
): Buffer {
  const head = Buffer.from([magic, opts.attributes ?? 0]);
  const ts = Buffer.alloc(magic === 1 ? 8 : 0);
  if (magic === 1) ts.writeBigInt64BE(BigInt(opts.timestamp ?? 0));
  const body = Buffer.concat([head, ts, bytesField(opts.key ?? null), bytesField(opts.value ?? null)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(opts.crc ?? referenceCrc32(body));
  const overhead = Buffer.alloc(12);
  overhead.writeBigInt64BE(BigInt(offset));
  overhead.writeInt32BE(4 + body.length, 8);
  return Buffer.concat([overhead, crc, body]);
}

function errorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isMiniKafkaError(error)) return { code: error.type, message: error.message };
    throw error;
  }
  throw new Error('expected an error');
}

describe('crc32', () => {
  it('matches the check value of CRC-32/ISO-HDLC and the bitwise reference', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 31 + 7) & 0xff));
    expect(crc32(bytes)).toBe(referenceCrc32(bytes));
  });

  it('gives a known message its known CRC', () => {
    // magic 0, attributes 0, key null, value "a": CRC-32 of 00 00 ff ff ff ff 00 00 00 01 61
    const entry = message(0, 0, { value: Buffer.from('a') });
    expect(entry.readUInt32BE(12)).toBe(referenceCrc32(Buffer.from('0000ffffffff0000000161', 'hex')));
    expect(crc32(Buffer.from('0000ffffffff0000000161', 'hex'))).toBe(entry.readUInt32BE(12));
  });
});

describe('decodeLegacyMessageSet', () => {
  it('decodes magic 0 and magic 1 messages with null and empty keys and values', () => {
    const set = Buffer.concat([
      message(0, 0, { key: Buffer.from('k'), value: Buffer.from('v0') }),
      message(1, 1, { timestamp: 1_700_000_000_123, key: null, value: Buffer.alloc(0) }),
      message(2, 1, { timestamp: 5, key: Buffer.alloc(0), value: null }),
    ]);
    const records = decodeLegacyMessageSet(set);
    expect(records).toEqual([
      { offset: 0, magic: 0, timestamp: -1, key: Buffer.from('k'), value: Buffer.from('v0') },
      { offset: 1, magic: 1, timestamp: 1_700_000_000_123, key: null, value: Buffer.alloc(0) },
      { offset: 2, magic: 1, timestamp: 5, key: Buffer.alloc(0), value: null },
    ]);
    expect(upConvertLegacyRecords(records).map((r) => r.timestamp)).toEqual([-1, 1_700_000_000_123, 5]);
    expect(upConvertLegacyRecords(records, { logAppendTime: 9 }).map((r) => r.timestamp)).toEqual([9, 9, 9]);
  });

  it('unwraps a gzip wrapper of magic 1 with relative inner offsets, and of magic 0', () => {
    const inner1 = Buffer.concat([
      message(0, 1, { timestamp: 10, value: Buffer.from('a') }),
      message(1, 1, { timestamp: 11, value: Buffer.from('b') }),
      message(2, 1, { timestamp: 12, key: Buffer.from('k'), value: Buffer.from('c') }),
    ]);
    const wrapper1 = message(41, 1, { attributes: 1, timestamp: 12, value: gzipSync(inner1) });
    const inner0 = Buffer.concat([
      message(42, 0, { value: Buffer.from('d') }),
      message(43, 0, { value: Buffer.from('e') }),
    ]);
    const wrapper0 = message(43, 0, { attributes: 1, value: gzipSync(inner0) });
    const records = decodeLegacyMessageSet(Buffer.concat([wrapper1, wrapper0]));
    expect(records.map((r) => [r.offset, r.timestamp, r.value?.toString()])).toEqual([
      [39, 10, 'a'],
      [40, 11, 'b'],
      [41, 12, 'c'],
      [42, -1, 'd'],
      [43, -1, 'e'],
    ]);
    expect(records[2]?.key).toEqual(Buffer.from('k'));
  });

  it('gives inner messages a log-append-time wrapper its timestamp', () => {
    const inner = Buffer.concat([message(0, 1, { timestamp: 1, value: Buffer.from('a') })]);
    const wrapper = message(0, 1, { attributes: 1 | 8, timestamp: 777, value: gzipSync(inner) });
    expect(decodeLegacyMessageSet(wrapper)[0]?.timestamp).toBe(777);
  });

  it('refuses a compressed message inside a wrapper, and a magic mismatch', () => {
    const innermost = message(0, 1, { value: Buffer.from('x') });
    const middle = message(0, 1, { attributes: 1, value: gzipSync(innermost) });
    const nested = message(0, 1, { attributes: 1, value: gzipSync(middle) });
    expect(errorOf(() => decodeLegacyMessageSet(nested)).code).toBe('CORRUPT_MESSAGE');
    const mixed = message(0, 1, { attributes: 1, value: gzipSync(message(0, 0, { value: Buffer.from('x') })) });
    expect(errorOf(() => decodeLegacyMessageSet(mixed)).message).toContain('inner magic 0');
  });

  it('refuses a wrong CRC without echoing the payload', () => {
    const bad = message(7, 1, { value: Buffer.from('secret-payload'), crc: 1234 });
    const error = errorOf(() => decodeLegacyMessageSet(bad));
    expect(error.code).toBe('CORRUPT_MESSAGE');
    expect(error.message).toContain('offset 7');
    expect(error.message).not.toContain('secret');
  });

  it('refuses every truncation of a valid set inside a message', () => {
    const first = message(0, 1, { value: Buffer.from('abc') });
    const set = Buffer.concat([first, message(1, 0, { key: Buffer.from('k') })]);
    for (let cut = 1; cut < set.length; cut++) {
      if (cut === first.length) continue; // a whole message: a valid set of one
      expect(errorOf(() => decodeLegacyMessageSet(set.subarray(0, cut))).code).toBe('CORRUPT_MESSAGE');
    }
  });

  it('bounds hostile sizes: message size, key and value lengths, inflated bytes', () => {
    const huge = message(0, 0, { value: Buffer.from('v') });
    huge.writeInt32BE(0x7fffffff, 8);
    expect(errorOf(() => decodeLegacyMessageSet(huge)).message).toContain('runs past');
    const negative = message(0, 0, { value: Buffer.from('v') });
    negative.writeInt32BE(-5, 8);
    expect(errorOf(() => decodeLegacyMessageSet(negative)).code).toBe('CORRUPT_MESSAGE');
    // A key length past the message, with a CRC that matches the lie.
    const body = Buffer.from('0000' + '7ffffff0' + 'ffffffff', 'hex');
    const lying = Buffer.concat([Buffer.alloc(8), Buffer.from([0, 0, 0, 4 + body.length]), Buffer.alloc(4), body]);
    lying.writeUInt32BE(referenceCrc32(body), 12);
    expect(errorOf(() => decodeLegacyMessageSet(lying)).message).toContain('key length');
    const bomb = message(0, 1, {
      attributes: 1,
      value: gzipSync(Buffer.concat(Array(50).fill(message(0, 1, { value: Buffer.alloc(100) })))),
    });
    expect(errorOf(() => decodeLegacyMessageSet(bomb, { maxInflatedBytes: 1000 })).message).toContain('limit of 1000');
  });

  it('refuses magic 2, zstd and codecs without an inflater', () => {
    const two = message(0, 1, { value: Buffer.from('v') });
    two.writeInt8(2, 16);
    expect(errorOf(() => decodeLegacyMessageSet(two)).code).toBe('CORRUPT_MESSAGE');
    expect(errorOf(() => decodeLegacyMessageSet(message(0, 1, { attributes: 2, value: Buffer.from('x') }))).code).toBe(
      'UNSUPPORTED_COMPRESSION_TYPE',
    );
    expect(errorOf(() => decodeLegacyMessageSet(message(0, 1, { attributes: 4, value: Buffer.from('x') }))).code).toBe(
      'UNSUPPORTED_COMPRESSION_TYPE',
    );
  });
});

describe('decodeLegacyMessageSet on hostile bytes', () => {
  const refusals = ['CORRUPT_MESSAGE', 'UNSUPPORTED_COMPRESSION_TYPE', 'MESSAGE_TOO_LARGE'] as const;
  const decodesOrRefuses = (bytes: Buffer): void => {
    try {
      decodeLegacyMessageSet(bytes, { maxInflatedBytes: 4096 });
    } catch (error) {
      if (!refusals.some((type) => isMiniKafkaError(error, type))) throw error;
    }
  };

  it('only refuses with a Kafka error, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => decodesOrRefuses(Buffer.from(bytes))),
      {
        numRuns: 300,
      },
    );
  });

  it('only refuses with a Kafka error when sizes and attributes are edited under a matching CRC', () => {
    const base = message(0, 1, { attributes: 0, timestamp: 3, key: Buffer.from('key'), value: Buffer.alloc(30, 1) });
    const edit = fc.record({ index: fc.nat(base.length - 9), byte: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const bytes = Buffer.from(base);
        for (const { index, byte } of edits) if (index + 8 < 12 || index + 8 >= 16) bytes[index + 8] = byte;
        bytes.writeUInt32BE(crc32(bytes.subarray(16)), 12);
        decodesOrRefuses(bytes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('encodeLegacyMessageSet', () => {
  const records = [
    { offset: 5, timestamp: 100, key: Buffer.from('k'), value: Buffer.from('one') },
    { offset: 6, timestamp: 101, key: null, value: null },
    { offset: 7, timestamp: 102, key: null, value: Buffer.alloc(50) },
  ];

  it('writes the bytes a hand-built set has, for magic 0 and 1', () => {
    for (const magic of [0, 1] as const) {
      const expected = Buffer.concat(
        records.map((r) => message(r.offset, magic, { timestamp: r.timestamp, key: r.key, value: r.value })),
      );
      expect(encodeLegacyMessageSet(records, magic).bytes).toEqual(expected);
      const back = decodeLegacyMessageSet(expected);
      expect(back.map((r) => r.offset)).toEqual([5, 6, 7]);
      expect(back.map((r) => r.timestamp)).toEqual(magic === 1 ? [100, 101, 102] : [-1, -1, -1]);
    }
  });

  it('stops before the record that would pass maxBytes, but always encodes the first', () => {
    const first = encodeLegacyMessageSet(records, 1, 1);
    expect(first.count).toBe(1);
    expect(decodeLegacyMessageSet(first.bytes)).toHaveLength(1);
    const two = encodeLegacyMessageSet(records, 0, 12 + 14 + 4 + 12 + 14);
    expect(two.count).toBe(2);
    expect(two.bytes.length).toBe(12 + 14 + 4 + 12 + 14);
  });
});
