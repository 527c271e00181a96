/**
 * The compression codecs Kafka clients use beyond gzip (which storage has built in), as the
 * inflaters the broker gives its logs (`LogManager.open({ inflaters })` in broker.ts), so
 * records they produce read over HTTP like any others: snappy (with the xerial framing Java
 * and librdkafka write, or plain), lz4 (the LZ4 frame format), zstd. Kafka clients are
 * always served the stored bytes as they are; this only matters for decoding.
 */
import { createRequire } from 'node:module';
import type { Inflaters } from '@mini-kafka/storage';

// Each codec's library is loaded the first time a batch needs it, not at start-up: each takes
// tens of milliseconds to load, and most logs never hold a batch compressed with it.
const require = createRequire(import.meta.url);

/** The module `name`, loaded on the first call. */
function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
const snappy = onFirstUse<typeof import('snappy')>('snappy');
const lz4 = onFirstUse<typeof import('lz4-napi')>('lz4-napi');
const zstd = onFirstUse<typeof import('fzstd')>('fzstd');
const snappyUncompress = (data: Buffer) => snappy().uncompressSync(data);

/** The xerial snappy stream header: magic "\x82SNAPPY\0", then int32 version and compatible version. */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;

export function inflateSnappy(data: Buffer): Buffer {
  if (data.length < XERIAL_HEADER_BYTES || !data.subarray(0, 8).equals(XERIAL_MAGIC)) {
    return snappyUncompress(data) as Buffer;
  }
  const blocks: Buffer[] = [];
  let at = XERIAL_HEADER_BYTES;
  while (at < data.length) {
    if (at + 4 > data.length) throw new RangeError('snappy block length runs past the data');
    const length = data.readInt32BE(at);
    at += 4;
    if (length < 0 || at + length > data.length) throw new RangeError('snappy block runs past the data');
    blocks.push(snappyUncompress(data.subarray(at, at + length)) as Buffer);
    at += length;
  }
  return Buffer.concat(blocks);
}

export function inflateLz4(data: Buffer): Buffer {
  return lz4().decompressFrameSync(data);
}

export function inflateZstd(data: Buffer): Buffer {
  const out = zstd().decompress(data);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** snappy, lz4 and zstd for the broker's logs; gzip is storage's own. */
export const brokerInflaters: Inflaters = Object.freeze({
  snappy: inflateSnappy,
  lz4: inflateLz4,
  zstd: inflateZstd,
});
