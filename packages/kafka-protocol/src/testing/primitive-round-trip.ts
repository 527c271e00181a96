/** Round trips of single primitives for the Reader/Writer tests. Test-only; not built or published. */
import { expect } from 'vitest';
import { Reader } from '../primitives/reader.js';
import { Writer } from '../primitives/writer.js';

/** Writes with `write`, reads back with `read`, and checks the Reader consumed every byte. */
export function primitiveRoundTrip<T>(
  write: (w: Writer) => unknown,
  read: (r: Reader) => T,
): { value: T; bytes: Buffer } {
  const w = new Writer(1);
  write(w);
  const bytes = Buffer.from(w.toBuffer());
  const r = new Reader(bytes);
  const value = read(r);
  expect(r.remaining).toBe(0);
  return { value, bytes };
}
