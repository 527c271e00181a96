/**
 * Building blocks shared by the HTTP API schemas: names, offsets, encodings, headers.
 * Every size a client controls is bounded here.
 */
import * as z from 'zod';
import { MAX_TOPIC_NAME_LENGTH, topicNameProblem } from '../topic-name.js';
import { MAX_GROUP_ID_LENGTH, MAX_HEADERS_PER_RECORD, MAX_MEMBER_ID_LENGTH } from './limits.js';

export const topicName = z
  .string()
  .max(MAX_TOPIC_NAME_LENGTH)
  .check((ctx) => {
    const problem = topicNameProblem(ctx.value);
    if (problem !== undefined) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

export const groupId = z.string().min(1).max(MAX_GROUP_ID_LENGTH);
export const memberId = z.string().min(1).max(MAX_MEMBER_ID_LENGTH);
export const partitionIndex = z.int().min(0).max(2_147_483_647);
export const offset = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
export const timestamp = z.int().min(-1).max(Number.MAX_SAFE_INTEGER);

/** How keys, values and header values travel as JSON strings: UTF-8 text, or base64 bytes. */
export const encoding = z.enum(['utf8', 'base64']);
export type Encoding = z.infer<typeof encoding>;

/** Headers as a list (keys may repeat) or as an object (one value per key). */
export const headersInput = z.union([
  z.array(z.object({ key: z.string(), value: z.string().nullable() })).max(MAX_HEADERS_PER_RECORD),
  z.record(z.string(), z.string().nullable()),
]);
export type HeadersInput = z.infer<typeof headersInput>;

export interface HeaderOutput {
  key: string;
  value: string | null;
}

/** A query-string integer (`?offset=12`). */
export const queryInt = (schema: z.ZodInt) => z.coerce.number().pipe(schema);
