import { compressFrameSync } from 'lz4-napi';
import { compressSync } from 'snappy';
import { describe, expect, it } from 'vitest';
import { inflateLz4, inflateSnappy } from './codecs.js';

describe('compression codecs', () => {
  const text = Buffer.from('record bytes '.repeat(200));

  it('inflates plain snappy and the xerial-framed snappy Java clients and librdkafka write', () => {
    const block = compressSync(text.subarray(0, 1000)) as Buffer;
    const rest = compressSync(text.subarray(1000)) as Buffer;
    expect(inflateSnappy(block)).toEqual(text.subarray(0, 1000));
    const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
    const length = (b: Buffer) => {
      const l = Buffer.alloc(4);
      l.writeInt32BE(b.length);
      return l;
    };
    const framed = Buffer.concat([header, length(block), block, length(rest), rest]);
    expect(inflateSnappy(framed)).toEqual(text);
    expect(() => inflateSnappy(Buffer.concat([header, length(block), block.subarray(0, 3)]))).toThrow();
  });

  it('inflates LZ4 frames', () => {
    expect(inflateLz4(compressFrameSync(text))).toEqual(text);
  });
});
