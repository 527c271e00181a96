/**
 * Reads a request body as JSON with a size limit, straight from Node's IncomingMessage
 * (several times faster than going through a web Request). A body over the limit is
 * refused with 413 before it is buffered; bad JSON is a 400 naming the problem.
 */
import type { IncomingMessage } from 'node:http';
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { Context } from 'hono';
import type { z } from 'zod';
import { invalidInput } from './errors.js';

export type NodeBindings = { incoming?: IncomingMessage };

function tooLarge(limit: number): MiniKafkaError {
  return new MiniKafkaError('RECORD_LIST_TOO_LARGE', `Request body is larger than the limit of ${limit} bytes`, {
    details: { limit },
  });
}

async function readRaw(c: Context<{ Bindings: NodeBindings }>, limit: number): Promise<Buffer> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const incoming = c.env?.incoming;
  if (incoming === undefined) {
    const bytes = Buffer.from(await c.req.arrayBuffer());
    if (bytes.length > limit) throw tooLarge(limit);
    return bytes;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      incoming.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/** The parsed, validated JSON body; an empty body counts as `{}`. */
export async function readJson<S extends z.ZodType>(
  c: Context<{ Bindings: NodeBindings }>,
  schema: S,
  limit: number,
  what = 'request body',
): Promise<z.output<S>> {
  const raw = await readRaw(c, limit);
  let data: unknown = {};
  if (raw.length > 0) {
    try {
      data = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new MiniKafkaError('INVALID_REQUEST', 'Request body is not valid JSON');
    }
  }
  const result = schema.safeParse(data);
  if (!result.success) throw invalidInput(result.error, what);
  return result.data;
}

/** Validates query parameters (and path parameters merged in) against a schema. */
export function parseQuery<S extends z.ZodType>(
  schema: S,
  input: Record<string, string | undefined>,
  what = 'query',
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error, what);
  return result.data;
}
