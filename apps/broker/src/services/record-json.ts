/**
 * Records between JSON and the log: keys, values and header values travel as UTF-8 text
 * or as base64 bytes, as the request says. Base64 is checked strictly, so a typo is a
 * 400 instead of silently different bytes.
 */
import { type Encoding, type HeadersInput, MiniKafkaError, type RecordOutput } from '@mini-kafka/protocol/core';
import type { RecordHeaderInput, RecordInput, StoredRecord } from '@mini-kafka/storage';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Whether `text` can be written as UTF-8 as it is: no lone surrogate (a JSON escape such as
 * "\ud800" decodes to one), which Buffer.from would silently replace with U+FFFD.
 */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Throws INVALID_REQUEST naming `field` unless `text` can be written as UTF-8 as it is. */
export function assertWellFormed(text: string, field: string): void {
  if (!isWellFormed(text)) throw notText(field);
}

function notText(field: string): MiniKafkaError {
  return new MiniKafkaError(
    'INVALID_REQUEST',
    `${field} is not valid Unicode text (it holds a lone surrogate); send bytes like these as base64`,
  );
}

/** Text becomes bytes once, here, so nothing downstream measures or encodes a string again. */
function toBytes(text: string, encoding: Encoding, field: string): Buffer {
  if (encoding === 'utf8') {
    if (!isWellFormed(text)) throw notText(field);
    return Buffer.from(text, 'utf8');
  }
  if (!BASE64.test(text)) throw new MiniKafkaError('INVALID_REQUEST', `${field} is not valid base64`);
  return Buffer.from(text, 'base64');
}

function nullableBytes(text: string | null | undefined, encoding: Encoding, field: string): Buffer | null {
  return text === null || text === undefined ? null : toBytes(text, encoding, field);
}

const NO_HEADERS: RecordHeaderInput[] = [];

export function headersFromJson(
  headers: HeadersInput | undefined,
  encoding: Encoding,
  field: string,
): RecordHeaderInput[] {
  if (headers === undefined) return NO_HEADERS;
  const list = Array.isArray(headers) ? headers : Object.entries(headers).map(([key, value]) => ({ key, value }));
  return list.map((header, i) => {
    if (!isWellFormed(header.key)) throw notText(`${field}.headers.${i}.key`);
    return { key: header.key, value: nullableBytes(header.value, encoding, `${field}.headers.${i}`) };
  });
}

export interface JsonRecordInput {
  key?: string | null;
  value: string | null;
  headers?: HeadersInput;
  timestamp?: number;
}

/** A record for the log, plus the partition the client asked for, if any. */
export interface ProduceInput extends RecordInput {
  partition?: number;
}

export function recordFromJson(
  record: JsonRecordInput & { partition?: number },
  encoding: Encoding,
  field: string,
): ProduceInput {
  return {
    key: nullableBytes(record.key, encoding, `${field}.key`),
    value: nullableBytes(record.value, encoding, `${field}.value`),
    headers: headersFromJson(record.headers, encoding, field),
    timestamp: record.timestamp !== undefined && record.timestamp >= 0 ? record.timestamp : undefined,
    partition: record.partition,
  };
}

function bytesToJson(bytes: Buffer | null, encoding: Encoding): string | null {
  if (bytes === null) return null;
  return encoding === 'base64' ? bytes.toString('base64') : bytes.toString('utf8');
}

export function recordToJson(topic: string, partition: number, record: StoredRecord, encoding: Encoding): RecordOutput {
  return {
    topic,
    partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: bytesToJson(record.key, encoding),
    value: bytesToJson(record.value, encoding),
    headers: record.headers.map((header) => ({ key: header.key, value: bytesToJson(header.value, encoding) })),
  };
}

/** Bytes a record takes: key + value + header keys and values. */
export function recordSize(record: RecordInput): number {
  const size = (bytes: Uint8Array | string | null | undefined): number =>
    bytes === null || bytes === undefined ? 0 : typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  let total = size(record.key) + size(record.value);
  for (const header of record.headers ?? []) total += Buffer.byteLength(header.key) + size(header.value);
  return total;
}
