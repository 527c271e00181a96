/**
 * The binary transport's records: what the producer sends (RecordBatch v2, uncompressed, as
 * Kafka's producers write it) and what the consumer reads (the stored batches of a fetch
 * frame, decoded here, on the client, as Kafka's consumers do). The codec is the one the
 * broker's storage uses (@mini-kafka/protocol/record-batch).
 *
 * Compressed batches: gzip is decoded (node:zlib), and zstd when this Node has it
 * (`zlib.zstdDecompressSync`, Node 22.15+). Fetches name these codecs (`codecs=` on Accept),
 * so the broker sends batches of any other codec (snappy, lz4) uncompressed.
 */
import * as zlib from 'node:zlib';
import { type FetchCodecName, MiniKafkaError, type PartitionBatches } from '@mini-kafka/protocol';
import {
  decodeRecordBatchesWith,
  encodeRecordBatches,
  type Inflaters,
  type RecordInput,
} from '@mini-kafka/protocol/record-batch';
import type { ConsumerRecord, RecordHeaders, WireReadyRecord } from './encoding.js';

/** Cut a request's records into batches of at most this many bytes (the broker's default batch limit is 1 MiB + 1 KiB). */
export const MAX_BATCH_BYTES = 1024 * 1024;

type ZstdZlib = { zstdDecompressSync?: (data: Buffer) => Buffer };
const zstdDecompressSync = (zlib as ZstdZlib).zstdDecompressSync;

/** What this client inflates: gzip always, zstd when Node has it. */
export const CLIENT_INFLATERS: Inflaters = Object.freeze({
  gzip: (data: Buffer) => zlib.gunzipSync(data),
  ...(zstdDecompressSync && { zstd: (data: Buffer) => zstdDecompressSync(data) }),
});

/** The codec names of CLIENT_INFLATERS, for the fetches' Accept. */
export const CLIENT_CODECS: readonly FetchCodecName[] = zstdDecompressSync ? ['gzip', 'zstd'] : ['gzip'];

/** The idempotent producer fields of a batch. */
export interface BatchProducer {
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
}

function checkText(data: unknown, topic: string, index: number, what: string): void {
  if (typeof data === 'string' && !(data as string & { isWellFormed(): boolean }).isWellFormed()) {
    throw new MiniKafkaError(
      'INVALID_REQUEST',
      `records.${index}.${what} is not valid Unicode text (it holds a lone surrogate); send bytes like these as a Buffer`,
      { details: { topic } },
    );
  }
}

/**
 * RecordBatch v2 bytes of `records` for one partition: uncompressed, cut under MAX_BATCH_BYTES,
 * record timestamps the client's clock when not given (Kafka's CreateTime). Text that cannot
 * be written as UTF-8 as it is (a lone surrogate) is INVALID_REQUEST, as the JSON route
 * answers it.
 */
export function encodeProducerBatches(
  topic: string,
  records: readonly WireReadyRecord[],
  producer?: BatchProducer,
): Buffer {
  const inputs: RecordInput[] = records.map((record, i) => {
    checkText(record.key, topic, i, 'key');
    checkText(record.value, topic, i, 'value');
    for (const header of record.headers) {
      checkText(header.key, topic, i, 'headers.key');
      checkText(header.value, topic, i, `headers.${header.key}`);
    }
    return record;
  });
  return encodeRecordBatches(inputs, { maxBatchBytes: MAX_BATCH_BYTES, ...producer });
}

function headersOf(list: ReadonlyArray<{ key: string; value: Buffer | null }>): RecordHeaders {
  const headers: RecordHeaders = {};
  for (const { key, value } of list) {
    // hasOwn and defineProperty, so a header named "__proto__" is a plain key, not the prototype.
    const existing = Object.hasOwn(headers, key) ? headers[key] : undefined;
    if (Array.isArray(existing)) existing.push(value);
    else {
      const entry = existing === undefined ? value : [existing, value];
      Object.defineProperty(headers, key, { value: entry, enumerable: true, writable: true, configurable: true });
    }
  }
  return headers;
}

/** The records of one partition of a fetch frame, from its fetch offset on, as user code receives them. */
export function consumerRecords(part: PartitionBatches, inflaters: Inflaters = CLIENT_INFLATERS): ConsumerRecord[] {
  const { topic, partition } = part;
  return decodeRecordBatchesWith(
    part.records,
    part.fetchOffset,
    inflaters,
    (offset, timestamp, key, value, headers) => ({
      topic,
      partition,
      offset,
      timestamp,
      key,
      value,
      headers: headers.length === 0 ? {} : headersOf(headers),
    }),
  );
}
