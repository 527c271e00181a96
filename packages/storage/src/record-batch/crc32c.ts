/**
 * CRC-32C (Castagnoli), the checksum of RecordBatch v2, via the native @node-rs/crc32. The
 * add-on loads on the first checksum, not with the package: a broker starting on an empty
 * data directory computes none before it serves.
 */
import { createRequire } from 'node:module';

type NativeCrc32c = (data: Uint8Array) => number;
let nativeCrc32c: NativeCrc32c | undefined;

export function crc32c(data: Uint8Array): number {
  nativeCrc32c ??= (createRequire(import.meta.url)('@node-rs/crc32') as { crc32c: NativeCrc32c }).crc32c;
  return nativeCrc32c(data) >>> 0;
}
