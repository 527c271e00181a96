/** The schemas of the answers to produce requests, JSON and binary. */
import * as z from 'zod';
import type { RecordBatchProduceResponse } from '../record-batch-transport.js';

/** The schema of `ProducedRecord`. */
export const producedRecord = z.strictObject({ partition: z.int(), offset: z.int() });

/** The schema of `ProduceResponse`. */
export const produceResponse = z.strictObject({ topic: z.string(), records: z.array(producedRecord) });

/** The schema of `RecordBatchProduceResponse` (record-batch-transport.ts), the answer to a binary produce. */
export const recordBatchProduceResponse = z.strictObject({
  topic: z.string(),
  partition: z.int(),
  baseOffset: z.int(),
  lastOffset: z.int(),
  logStartOffset: z.int(),
}) satisfies z.ZodType<RecordBatchProduceResponse>;
