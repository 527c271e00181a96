/**
 * Which compressed batches a reader can decode, injected like the file system and the
 * clock: a log (`Log.open`, `new MemoryLog`, `LogManager.open`) and `decodeRecordBatches`
 * take an `Inflaters` object, so logs with different sets live side by side in one
 * process and nothing is registered globally. gzip is built in (node:zlib); snappy, lz4
 * and zstd come from whoever has a library for them (the broker does), so this package
 * stays free of native dependencies.
 *
 * A batch whose codec has no inflater is stored and served as it is (appends never inflate);
 * only decoding it fails, with UNSUPPORTED_COMPRESSION_TYPE.
 */
import { gunzipSync } from 'node:zlib';
import { CompressionCodec } from './batch-header.js';

/** Inflates the records section of a compressed batch. Throws on malformed input. */
export type Inflate = (compressed: Buffer) => Buffer;

/**
 * Inflaters by codec name. gzip is built in: it is used unless `gzip` is given; the other
 * codecs are decodable only when given.
 */
export interface Inflaters {
  readonly gzip?: Inflate;
  readonly snappy?: Inflate;
  readonly lz4?: Inflate;
  readonly zstd?: Inflate;
}

const inflateGzip: Inflate = (data) => gunzipSync(data);

/** The inflaters of a reader given none: gzip only. */
export const DEFAULT_INFLATERS: Inflaters = Object.freeze({ gzip: inflateGzip });

/** The name of each codec id of attributes bits 0-2, for messages. */
export const CODEC_NAMES: readonly string[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

/** The inflater for codec id `codec` (1 gzip, 2 snappy, 3 lz4, 4 zstd), or `undefined` when there is none. */
export function inflaterFor(inflaters: Inflaters, codec: number): Inflate | undefined {
  switch (codec) {
    case CompressionCodec.Gzip:
      return inflaters.gzip ?? inflateGzip;
    case CompressionCodec.Snappy:
      return inflaters.snappy;
    case CompressionCodec.Lz4:
      return inflaters.lz4;
    case CompressionCodec.Zstd:
      return inflaters.zstd;
    default:
      return undefined;
  }
}
