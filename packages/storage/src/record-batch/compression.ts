/**
 * Which compressed batches the decoder can read. gzip is built in (node:zlib); snappy, lz4
 * and zstd are registered by whoever has a library for them (the broker does), so this
 * package stays free of native dependencies. A batch with a codec nobody registered is
 * stored and served as it is; only decoding it fails, with UNSUPPORTED_COMPRESSION_TYPE.
 */
import { gunzipSync } from 'node:zlib';
import { CompressionCodec } from './batch-header.js';

/** Inflates the records section of a compressed batch. Throws on malformed input. */
export type Inflate = (compressed: Buffer) => Buffer;

const inflaters = new Map<number, Inflate>([[CompressionCodec.Gzip, (data) => gunzipSync(data)]]);

/** Lets the decoder read batches compressed with `codec` (2 snappy, 3 lz4, 4 zstd). */
export function registerCompressionCodec(codec: 2 | 3 | 4, inflate: Inflate): void {
  inflaters.set(codec, inflate);
}

export function inflaterFor(codec: number): Inflate | undefined {
  return inflaters.get(codec);
}
