/** POST /v1/topics/{topic}/records: a batch of records in one request. */
import { z } from 'zod';
import { encoding, headersInput, MAX_RECORDS_PER_REQUEST, partitionIndex, timestamp } from './common.js';

export const produceRecord = z.strictObject({
  key: z.string().nullable().optional(),
  value: z.string().nullable(),
  partition: partitionIndex.optional(),
  headers: headersInput.optional(),
  /** Milliseconds since the epoch; default: the broker's clock. */
  timestamp: timestamp.optional(),
});
export type ProduceRecord = z.input<typeof produceRecord>;

export const produceRequest = z.strictObject({
  /** How keys, values and header values are written: UTF-8 text (default) or base64 bytes. */
  encoding: encoding.default('utf8'),
  records: z.array(produceRecord).min(1).max(MAX_RECORDS_PER_REQUEST),
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
