/** The schemas of the answers to reads: by partition, by group member, and offset lookups. */
import * as z from 'zod';
import { headerOutput } from './common.js';
import { errorName } from './error-body.js';

/** The schema of `OffsetLookupResponse`. */
export const offsetLookupResponse = z.strictObject({ offset: z.int(), timestamp: z.int().nullable() });

/** The schema of `RecordOutput`. */
export const recordOutput = z.strictObject({
  topic: z.string(),
  partition: z.int(),
  offset: z.int(),
  timestamp: z.int(),
  key: z.string().nullable(),
  value: z.string().nullable(),
  headers: z.array(headerOutput),
});

/** The schema of `FetchResponse`. */
export const fetchResponse = z.strictObject({
  topic: z.string(),
  partition: z.int(),
  records: z.array(recordOutput),
  nextOffset: z.int(),
  highWatermark: z.int(),
  lastStableOffset: z.int(),
  logStartOffset: z.int(),
});

/** The schema of `MemberFetchPartitionError`. */
export const memberFetchPartitionError = z.strictObject({
  topic: z.string(),
  partition: z.int(),
  offset: z.int(),
  error: z.strictObject({ code: z.int(), name: errorName, message: z.string() }),
});

/** The schema of `MemberFetchResponse`. */
export const memberFetchResponse = z.strictObject({
  generationId: z.int(),
  rebalanceRequired: z.boolean(),
  records: z.array(recordOutput),
  errors: z.array(memberFetchPartitionError).optional(),
});
