/** CRC-32C (Castagnoli), the checksum of RecordBatch v2, via the native @node-rs/crc32. */
import { crc32c as nativeCrc32c } from '@node-rs/crc32';

export function crc32c(data: Uint8Array): number {
  return nativeCrc32c(data) >>> 0;
}
