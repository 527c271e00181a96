/**
 * Test helpers: encode a request or response body with our codec, decode it back, check
 * every byte was read and that encoding the decoded value gives the same bytes again.
 */
import { expect } from 'vitest';
import type { ApiCodec } from '../apis/api-codec.js';
import { Reader } from '../primitives/reader.js';
import { Writer } from '../primitives/writer.js';

export interface RoundTrip<T> {
  decoded: T;
  bytes: Buffer;
}

export function encodeBody(write: (writer: Writer) => void): Buffer {
  const writer = new Writer(8);
  write(writer);
  return Buffer.from(writer.toBuffer());
}

/** Decodes `bytes` completely (throws if anything is left over). */
export function decodeBody<T>(bytes: Buffer, read: (reader: Reader) => T): T {
  const reader = new Reader(bytes);
  const value = read(reader);
  expect(reader.remaining, 'bytes left after decoding').toBe(0);
  return value;
}

/** Encodes `request` (a client's side), decodes it (the broker's), and checks the re-encoding matches. */
export function requestRoundTrip<Req, In>(
  codec: ApiCodec<Req, never, In, unknown>,
  version: number,
  request: In,
): RoundTrip<Req> {
  const bytes = encodeBody((w) => codec.encodeRequest(w, version, request));
  const decoded = decodeBody(bytes, (r) => codec.decodeRequest(r, version));
  expect(encodeBody((w) => codec.encodeRequest(w, version, decoded as unknown as In))).toEqual(bytes);
  return { decoded, bytes };
}

/** Encodes `response` (the broker's side), decodes it (a client's), and checks the re-encoding matches. */
export function responseRoundTrip<Res, Out>(
  codec: ApiCodec<unknown, Res, never, Out>,
  version: number,
  response: Res,
): RoundTrip<Out> {
  const bytes = encodeBody((w) => codec.encodeResponse(w, version, response));
  const decoded = decodeBody(bytes, (r) => codec.decodeResponse(r, version));
  expect(encodeBody((w) => codec.encodeResponse(w, version, decoded as unknown as Res))).toEqual(bytes);
  return { decoded, bytes };
}

/** The inclusive list of versions of a codec. */
export function versionsOf(codec: { minVersion: number; maxVersion: number }): number[] {
  const versions: number[] = [];
  for (let v = codec.minVersion; v <= codec.maxVersion; v++) versions.push(v);
  return versions;
}
