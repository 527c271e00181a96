/**
 * What a producer accepts, checked and normalized before it is queued, so that a bad
 * record fails its own `send` at once instead of failing the batch it would have joined.
 */
import { MAX_HEADERS_PER_RECORD, MiniKafkaError } from '@mini-kafka/protocol';
import {
  byteLength,
  type HeaderEntry,
  type HeadersInput,
  headerEntries,
  isBytes,
  type RecordData,
  type WireReadyRecord,
} from '../encoding.js';

/** The options of a single `send`. */
export interface SendOptions {
  key?: RecordData;
  /** An explicit partition; otherwise Kafka's partitioner picks one (keyed: murmur2 of the key; unkeyed: round robin). */
  partition?: number | null;
  headers?: HeadersInput;
  /** Milliseconds since the epoch (a numeric string or a Date also do); default: the producer's clock (the broker's over JSON). */
  timestamp?: number | string | Date;
}

/** One record to produce (kafkajs's `Message`). A `value` of null is a tombstone. */
export interface ProducerRecord extends SendOptions {
  value: RecordData;
}

/** Where a record was written. */
export interface RecordMetadata {
  topic: string;
  partition: number;
  offset: number;
}

/** A record ready for the accumulator, with its size estimate (data bytes plus a fixed overhead). */
export interface PreparedRecord extends WireReadyRecord {
  size: number;
}

const RECORD_OVERHEAD_BYTES = 64;
const MAX_PARTITION = 2_147_483_647;

function invalid(topic: string, message: string): MiniKafkaError {
  return new MiniKafkaError('INVALID_RECORD', message, { details: { topic } });
}

function checkData(topic: string, what: string, data: unknown): RecordData {
  if (data === undefined || data === null) return null;
  if (typeof data === 'string' || isBytes(data)) return data;
  throw invalid(topic, `A record's ${what} must be a string, a Buffer, a Uint8Array or null (got ${typeof data})`);
}

function checkTimestamp(topic: string, timestamp: SendOptions['timestamp']): number | undefined {
  if (timestamp === undefined) return undefined;
  const value = timestamp instanceof Date ? timestamp.getTime() : Number(timestamp);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MiniKafkaError('INVALID_TIMESTAMP', 'A record timestamp must be a whole number of ms since the epoch', {
      details: { topic },
    });
  }
  return value;
}

const NO_HEADERS: readonly HeaderEntry[] = Object.freeze([]);

/**
 * Validates one record for `topic` (whose name the caller has checked) and flattens it for
 * the wire; throws a MiniKafkaError when it cannot be sent.
 */
export function prepareRecord(topic: string, record: ProducerRecord): PreparedRecord {
  if (typeof record !== 'object' || record === null) throw invalid(topic, 'A record must be an object with a value');
  const { partition } = record;
  if (
    partition !== undefined &&
    partition !== null &&
    (!Number.isSafeInteger(partition) || partition < 0 || partition > MAX_PARTITION)
  ) {
    throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${topic}" has no partition ${String(partition)}`, {
      details: { topic },
    });
  }
  const key = checkData(topic, 'key', record.key);
  const value = checkData(topic, 'value', record.value);
  if (record.headers !== undefined && record.headers !== null && typeof record.headers !== 'object') {
    throw invalid(topic, "A record's headers must be an object or a list of { key, value }");
  }
  const headers =
    record.headers === undefined || record.headers === null
      ? (NO_HEADERS as HeaderEntry[])
      : headerEntries(record.headers).map(({ key: name, value: data }) => {
          if (typeof name !== 'string') throw invalid(topic, 'A header key must be a string');
          return { key: name, value: checkData(topic, `header "${name}"`, data) };
        });
  if (headers.length > MAX_HEADERS_PER_RECORD) {
    throw invalid(topic, `A record may carry at most ${MAX_HEADERS_PER_RECORD} headers (got ${headers.length})`);
  }
  const timestamp = checkTimestamp(topic, record.timestamp);
  let size = RECORD_OVERHEAD_BYTES + byteLength(key) + byteLength(value);
  for (const header of headers) size += Buffer.byteLength(header.key) + byteLength(header.value);
  const prepared: PreparedRecord = { key, value, headers, size };
  if (partition !== undefined && partition !== null) prepared.partition = partition;
  if (timestamp !== undefined) prepared.timestamp = timestamp;
  return prepared;
}
