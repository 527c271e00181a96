/**
 * Down-conversion for binary fetches: a client that names the codecs it inflates (`codecs=`
 * on its Accept, see @mini-kafka/protocol's record-batch transport) gets every batch
 * compressed with another codec decoded by the broker (which has them all) and encoded again
 * uncompressed, with the same offsets, timestamps, keys, values and headers, as Kafka
 * down-converts for fetchers that cannot read what is stored. Batches it can read go as
 * stored, and a read with nothing to convert is returned as it is, without a copy.
 *
 * A converted batch loses its producer id, epoch and sequence (readers do not use them) and
 * its LogAppendTime flag (each record keeps the timestamp a reader would have seen).
 */
import { FETCH_CODEC_NAMES, type FetchCodecName } from '@mini-kafka/protocol/core';
import {
  batchAttributes,
  batchSize,
  COMPRESSION_CODEC_MASK,
  CompressionCodec,
  decodeRecordBatches,
  encodeRecordBatch,
  type Inflaters,
  type StoredRecord,
} from '@mini-kafka/storage';

function readable(codec: number, codecs: ReadonlySet<FetchCodecName>): boolean {
  return codec === CompressionCodec.None || codecs.has(FETCH_CODEC_NAMES[codec - 1] as FetchCodecName);
}

/** The records of one decoded batch as batches of consecutive offsets (one, unless a producer skipped offsets). */
function reencode(records: StoredRecord[]): Buffer[] {
  const batches: Buffer[] = [];
  let start = 0;
  for (let i = 1; i <= records.length; i++) {
    if (i < records.length && records[i]!.offset === records[i - 1]!.offset + 1) continue;
    batches.push(encodeRecordBatch(records.slice(start, i), { baseOffset: records[start]!.offset }));
    start = i;
  }
  return batches;
}

/**
 * `batches` (whole, checked batches back to back) with every batch compressed by a codec not
 * in `codecs` decoded with `inflaters` and encoded again uncompressed. `codecs` undefined:
 * the client reads any codec, nothing changes.
 */
export function downConvert(
  batches: Buffer,
  codecs: ReadonlySet<FetchCodecName> | undefined,
  inflaters: Inflaters,
): Buffer {
  if (codecs === undefined) return batches;
  let parts: Buffer[] | undefined;
  let copiedUpTo = 0;
  for (let at = 0; at < batches.length; at += batchSize(batches, at)) {
    const codec = batchAttributes(batches, at) & COMPRESSION_CODEC_MASK;
    if (readable(codec, codecs)) continue;
    parts ??= [];
    parts.push(batches.subarray(copiedUpTo, at));
    const records = decodeRecordBatches(batches.subarray(at, at + batchSize(batches, at)), 0, inflaters);
    parts.push(...reencode(records));
    copiedUpTo = at + batchSize(batches, at);
  }
  if (parts === undefined) return batches;
  parts.push(batches.subarray(copiedUpTo));
  return Buffer.concat(parts);
}
