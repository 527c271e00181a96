/**
 * Builds a compressed batch from a plain one, as a producer would send it: the records
 * section (everything after the header) compressed by `compress`, the codec set in the
 * attributes, the length and CRC fixed. Test-only.
 */
import { rewriteCrc } from '../record-batch/batch-check.js';
import {
  ATTRIBUTES_OFFSET,
  BATCH_LENGTH_OFFSET,
  batchAttributes,
  LOG_OVERHEAD,
  RECORDS_OFFSET,
} from '../record-batch/batch-header.js';

export function compressedBatch(plain: Buffer, codec: number, compress: (data: Buffer) => Buffer): Buffer {
  const out = Buffer.concat([plain.subarray(0, RECORDS_OFFSET), compress(plain.subarray(RECORDS_OFFSET))]);
  out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  out.writeInt16BE(batchAttributes(out, 0) | codec, ATTRIBUTES_OFFSET);
  rewriteCrc(out, 0);
  return out;
}
