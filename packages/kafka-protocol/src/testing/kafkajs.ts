/**
 * Test helpers that drive kafkajs 2.2.4's own protocol encoders and decoders
 * (kafkajs/src/protocol/requests/<api>/v<N>/{request,response}.js), so our codecs are
 * checked against an independent implementation rather than only against themselves.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Whatever kafkajs returns: plain JS objects without types. */
// biome-ignore lint/suspicious/noExplicitAny: kafkajs's protocol internals are untyped JavaScript.
export type Loose = any;

interface KafkajsRequest {
  apiKey: number;
  apiVersion: number;
  encode(): Promise<{ buffer: Buffer }>;
}

/** The request BODY kafkajs encodes for `api` v`version` from `args`. */
export async function kafkajsRequestBody(api: string, version: number, args: object): Promise<Buffer> {
  const factory = require(`kafkajs/src/protocol/requests/${api}/v${version}/request.js`) as (
    a: object,
  ) => KafkajsRequest;
  const request = factory(args);
  if (request.apiVersion !== version) throw new Error(`kafkajs built v${request.apiVersion}, not v${version}`);
  return (await request.encode()).buffer;
}

/** kafkajs's decode of a response BODY (no size, no correlation id). */
export async function kafkajsDecodeResponse(api: string, version: number, body: Buffer): Promise<Loose> {
  const { decode } = require(`kafkajs/src/protocol/requests/${api}/v${version}/response.js`) as {
    decode(buffer: Buffer): Promise<Loose>;
  };
  return decode(body);
}

/** kafkajs's Long (for producer ids). */
export function kafkajsLong(value: number): Loose {
  const Long = require('kafkajs/src/utils/long.js') as { fromNumber(n: number): Loose };
  return Long.fromNumber(value);
}

/** One uncompressed RecordBatch v2 built by kafkajs, as bytes. */
export async function kafkajsRecordBatch(
  messages: { key: string | null; value: string | null }[],
  timestamp = 1_700_000_000_000,
): Promise<Buffer> {
  const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as {
    RecordBatch(a: object): Promise<{ buffer: Buffer }>;
  };
  const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (a: object) => unknown;
  const records = messages.map((m, i) => Record({ key: m.key, value: m.value, offsetDelta: i, timestampDelta: 0 }));
  const batch = await RecordBatch({
    records,
    firstTimestamp: timestamp,
    maxTimestamp: timestamp,
    lastOffsetDelta: messages.length - 1,
  });
  return batch.buffer;
}

/** The messages kafkajs reads out of RecordBatch bytes. */
export async function kafkajsReadBatch(bytes: Buffer): Promise<{ key: string | null; value: string | null }[]> {
  const Decoder = require('kafkajs/src/protocol/decoder.js') as new (b: Buffer) => unknown;
  const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (d: unknown) => Promise<Loose>;
  const batch = await decodeBatch(new Decoder(bytes));
  return batch.records.map((r: Loose) => ({ key: r.key?.toString() ?? null, value: r.value?.toString() ?? null }));
}
