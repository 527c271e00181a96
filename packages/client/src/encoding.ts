/**
 * Keys, values and header values between user code and the JSON of the HTTP API.
 *
 * Producing: a request travels as UTF-8 text when every key, value and header value in it
 * is a string, and as base64 when any of them is bytes (Buffer or Uint8Array), so bytes
 * arrive exactly as given. Consuming: the SDK always fetches base64 and hands out Buffers.
 */
import type { ProduceRecord, ProduceRequest, RecordOutput } from '@mini-kafka/protocol';

/** Raw bytes: a Buffer or any Uint8Array. */
export type Bytes = Buffer | Uint8Array;

/** A key, value or header value as the producer takes it: text (sent as UTF-8), bytes, or null. */
export type RecordData = string | Bytes | null;

/** Headers as the producer takes them: an object (an array value repeats the key) or a list of pairs. */
export type HeadersInput =
  | Record<string, RecordData | RecordData[] | undefined>
  | Array<{ key: string; value: RecordData }>;

/** Headers as the consumer hands them out, like kafkajs: one Buffer per key, an array when a key repeats. */
export type RecordHeaders = Record<string, Buffer | null | Array<Buffer | null>>;

export interface HeaderEntry {
  key: string;
  value: RecordData;
}

/** A record ready to travel: headers flattened to a list, nothing validated here. */
export interface WireReadyRecord {
  key: RecordData;
  value: RecordData;
  headers: HeaderEntry[];
  partition?: number;
  timestamp?: number;
}

/** A record as user code receives it. Offsets and timestamps are numbers (kafkajs uses strings). */
export interface ConsumerRecord {
  topic: string;
  partition: number;
  offset: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeaders;
}

export function isBytes(value: unknown): value is Bytes {
  return value instanceof Uint8Array;
}

/** A Buffer over the same memory as `bytes` (no copy). */
export function asBuffer(bytes: Bytes): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Bytes `data` takes on the wire before any encoding (UTF-8 length for text). */
export function byteLength(data: RecordData): number {
  if (data === null) return 0;
  return typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
}

/** Flattens headers to a list of pairs, keeping repeated keys in order. */
export function headerEntries(headers: HeadersInput | null | undefined): HeaderEntry[] {
  if (headers === undefined || headers === null) return [];
  if (Array.isArray(headers)) return headers.map(({ key, value }) => ({ key, value }));
  const entries: HeaderEntry[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) entries.push({ key, value: item });
    else entries.push({ key, value });
  }
  return entries;
}

function recordHasBytes(record: WireReadyRecord): boolean {
  return isBytes(record.key) || isBytes(record.value) || record.headers.some((header) => isBytes(header.value));
}

function encode(data: RecordData, encoding: 'utf8' | 'base64'): string | null {
  if (data === null) return null;
  if (encoding === 'utf8') return data as string;
  return (typeof data === 'string' ? Buffer.from(data, 'utf8') : asBuffer(data)).toString('base64');
}

/** The JSON body of one produce request: UTF-8 when all is text, base64 as soon as one piece is bytes. */
export function toProduceRequest(records: readonly WireReadyRecord[]): ProduceRequest {
  const encoding = records.some(recordHasBytes) ? 'base64' : 'utf8';
  return {
    encoding,
    records: records.map((record) => {
      const wire: ProduceRecord = { value: encode(record.value, encoding) };
      if (record.key !== null) wire.key = encode(record.key, encoding);
      if (record.headers.length > 0) {
        wire.headers = record.headers.map(({ key, value }) => ({ key, value: encode(value, encoding) }));
      }
      if (record.partition !== undefined) wire.partition = record.partition;
      if (record.timestamp !== undefined) wire.timestamp = record.timestamp;
      return wire;
    }),
  };
}

function decode(data: string | null): Buffer | null {
  return data === null ? null : Buffer.from(data, 'base64');
}

/** A record fetched with `encoding=base64`, as user code receives it. */
export function fromRecordOutput(record: RecordOutput): ConsumerRecord {
  const headers: RecordHeaders = {};
  for (const { key, value } of record.headers) {
    const decoded = decode(value);
    // hasOwn and defineProperty, so a header named "__proto__" is a plain key, not the prototype.
    const existing = Object.hasOwn(headers, key) ? headers[key] : undefined;
    if (Array.isArray(existing)) existing.push(decoded);
    else {
      const value = existing === undefined ? decoded : [existing, decoded];
      Object.defineProperty(headers, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: decode(record.key),
    value: decode(record.value),
    headers,
  };
}
