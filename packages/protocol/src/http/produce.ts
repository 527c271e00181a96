/** POST /v1/topics/{topic}/records: a batch of records in one request. */
import * as z from 'zod';
import { encoding, headersInput, partitionIndex, timestamp } from './common.js';
import { MAX_RECORDS_PER_REQUEST, MAX_SEQUENCE } from './limits.js';

export const produceRecord = z.strictObject({
  key: z.string().nullable().optional(),
  value: z.string().nullable(),
  partition: partitionIndex.optional(),
  headers: headersInput.optional(),
  /** Milliseconds since the epoch; default: the broker's clock. */
  timestamp: timestamp.optional(),
});
export type ProduceRecord = z.input<typeof produceRecord>;

/**
 * An idempotent producer's identity and, per partition the request writes to, the sequence
 * number of that partition's first record (the others follow it, in request order). Every
 * record then names its partition. A retry sends the same numbers, and the broker stores
 * records it already has only once.
 */
export const producerInput = z.strictObject({
  producerId: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  producerEpoch: z.int().min(0).max(32_767),
  baseSequences: z
    .array(z.strictObject({ partition: partitionIndex, baseSequence: z.int().min(0).max(MAX_SEQUENCE) }))
    .min(1)
    .max(MAX_RECORDS_PER_REQUEST),
});
export type ProducerInput = z.input<typeof producerInput>;

export const produceRequest = z.strictObject({
  /** How keys, values and header values are written: UTF-8 text (default) or base64 bytes. */
  encoding: encoding.default('utf8'),
  records: z.array(produceRecord).min(1).max(MAX_RECORDS_PER_REQUEST),
  /** Present when an idempotent producer sends (see ProducerInput). */
  producer: producerInput.optional(),
});
export type ProduceRequest = z.input<typeof produceRequest>;

export interface ProducedRecord {
  partition: number;
  offset: number;
}

export interface ProduceResponse {
  topic: string;
  /** One entry per request record, in request order. */
  records: ProducedRecord[];
}
