// Size-prefixed framing: complete frames, partial tails, oversize and negative sizes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FRAME_SIZE, extractFrames } from './frames.js';

const frame = (payload: string): Buffer => {
  const body = Buffer.from(payload, 'hex');
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
};

describe('extractFrames', () => {
  it('splits complete frames and keeps the rest', () => {
    const bytes = Buffer.concat([frame('0102'), frame(''), frame('aabbcc'), frame('ddeeff').subarray(0, 5)]);
    const { frames, rest } = extractFrames(bytes);
    expect(frames.map((f) => f.toString('hex'))).toEqual(['0102', '', 'aabbcc']);
    expect(rest.toString('hex')).toBe('00000003dd');
  });

  it('waits for the size prefix itself', () => {
    expect(extractFrames(Buffer.from('0000', 'hex'))).toEqual({ frames: [], rest: Buffer.from('0000', 'hex') });
    expect(extractFrames(Buffer.alloc(0)).frames).toEqual([]);
  });

  it('reassembles a frame delivered one byte at a time', () => {
    const bytes = Buffer.concat([frame('0102030405'), frame('06')]);
    let pending: Buffer = Buffer.alloc(0);
    const seen: string[] = [];
    for (const byte of bytes) {
      const { frames, rest } = extractFrames(Buffer.concat([pending, Buffer.from([byte])]));
      seen.push(...frames.map((f) => f.toString('hex')));
      pending = rest;
    }
    expect(seen).toEqual(['0102030405', '06']);
    expect(pending.length).toBe(0);
  });

  it('frames are views, not copies', () => {
    const bytes = frame('0102');
    const [first] = extractFrames(bytes).frames;
    expect(first?.buffer).toBe(bytes.buffer);
  });

  it('an oversize frame fails as soon as its size is known', () => {
    const announce = Buffer.from('00000401', 'hex'); // 1025 bytes announced, none sent
    expect(() => extractFrames(announce, 1024)).toThrow(
      expect.objectContaining({
        reason: 'frame-too-large',
        details: expect.objectContaining({ size: 1025, limit: 1024 }),
      }),
    );
    expect(extractFrames(Buffer.from('00000400', 'hex'), 1024).frames).toEqual([]);
    expect(() => extractFrames(Buffer.from('7fffffff', 'hex'))).toThrow(
      expect.objectContaining({ reason: 'frame-too-large' }),
    );
    expect(DEFAULT_MAX_FRAME_SIZE).toBe(104_857_600);
  });

  it('a negative size is a typed error', () => {
    expect(() => extractFrames(Buffer.from('ffffffff', 'hex'))).toThrow(
      expect.objectContaining({ reason: 'invalid-length' }),
    );
  });
});
