/**
 * Decodes a magic 0/1 message set (layout in legacy-message.ts) into its messages, unwrapping
 * compressed wrappers with the injected inflaters, as Kafka's AbstractLegacyRecordBatch does.
 *
 * Checked: every size against the bytes there (a message shorter than its header, a key or
 * value running past its message, a truncated tail are CORRUPT_MESSAGE), each message's
 * CRC-32, magic 0 or 1, inner magic equal to the wrapper's, no compressed message inside a
 * wrapper. An inflated wrapper larger than `maxInflatedBytes` is MESSAGE_TOO_LARGE. A codec without an inflater
 * (or zstd, which magic 0/1 cannot carry) is UNSUPPORTED_COMPRESSION_TYPE. Errors name the
 * offset and the limit, never the bytes. Pure: no I/O.
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { CODEC_NAMES, DEFAULT_INFLATERS, type Inflaters, inflaterFor } from '../compression.js';
import { readInt64 } from '../varint.js';
import { crc32 } from './crc32.js';
import {
  LEGACY_CODEC_MASK,
  LEGACY_LOG_OVERHEAD,
  LEGACY_TIMESTAMP_TYPE_MASK,
  type LegacyMagic,
  type LegacyRecord,
  MESSAGE_V0_MIN_SIZE,
  MESSAGE_V1_MIN_SIZE,
} from './legacy-message.js';

export interface DecodeLegacyOptions {
  /** Default: gzip only. */
  inflaters?: Inflaters;
  /** Most bytes one compressed wrapper may inflate to. Default 64 MiB. */
  maxInflatedBytes?: number;
}

export const DEFAULT_MAX_INFLATED_BYTES = 64 * 1024 * 1024;
const ZSTD = 4;

function corrupt(offset: number, reason: string, cause?: unknown): MiniKafkaError {
  return new MiniKafkaError('CORRUPT_MESSAGE', `Message at offset ${offset} is malformed: ${reason}`, {
    details: { offset },
    ...(cause === undefined ? {} : { cause }),
  });
}

interface RawMessage {
  offset: number;
  magic: LegacyMagic;
  attributes: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
}

function readBytes(buf: Buffer, at: number, end: number, offset: number, what: string): [Buffer | null, number] {
  if (at + 4 > end) throw corrupt(offset, `${what} length runs past the message`);
  const length = buf.readInt32BE(at);
  at += 4;
  if (length === -1) return [null, at];
  if (length < 0 || length > end - at) throw corrupt(offset, `${what} length ${length} runs past the message`);
  return [buf.subarray(at, at + length), at + length];
}

/** One message per entry of the set, without unwrapping. */
function* readMessages(buf: Buffer): Generator<RawMessage> {
  let at = 0;
  while (at < buf.length) {
    if (buf.length - at < LEGACY_LOG_OVERHEAD) throw corrupt(-1, `truncated entry of ${buf.length - at} bytes`);
    const offset = readInt64(buf, at);
    const size = buf.readInt32BE(at + 8);
    const start = at + LEGACY_LOG_OVERHEAD;
    if (size < MESSAGE_V0_MIN_SIZE) throw corrupt(offset, `message size ${size} is below ${MESSAGE_V0_MIN_SIZE}`);
    if (size > buf.length - start)
      throw corrupt(offset, `message size ${size} runs past the ${buf.length - start} bytes left`);
    const end = start + size;
    const magic = buf.readInt8(start + 4);
    if (magic !== 0 && magic !== 1) throw corrupt(offset, `magic ${magic} in a message set`);
    if (magic === 1 && size < MESSAGE_V1_MIN_SIZE)
      throw corrupt(offset, `message size ${size} is below ${MESSAGE_V1_MIN_SIZE}`);
    const stored = buf.readUInt32BE(start);
    if (crc32(buf.subarray(start + 4, end)) !== stored) {
      throw corrupt(offset, 'the message contents does not match its CRC');
    }
    const attributes = buf.readInt8(start + 5);
    let cursor = start + 6;
    let timestamp = -1;
    if (magic === 1) {
      timestamp = readInt64(buf, cursor);
      cursor += 8;
    }
    const [key, afterKey] = readBytes(buf, cursor, end, offset, 'key');
    const [value, afterValue] = readBytes(buf, afterKey, end, offset, 'value');
    if (afterValue !== end) throw corrupt(offset, `${end - afterValue} bytes after the value`);
    yield { offset, magic, attributes, timestamp, key, value };
    at = end;
  }
}

function inflate(message: RawMessage, options: DecodeLegacyOptions): Buffer {
  const codec = message.attributes & LEGACY_CODEC_MASK;
  const inflater = codec === ZSTD ? undefined : inflaterFor(options.inflaters ?? DEFAULT_INFLATERS, codec);
  if (inflater === undefined) {
    throw new MiniKafkaError(
      'UNSUPPORTED_COMPRESSION_TYPE',
      `Message at offset ${message.offset} uses compression ${CODEC_NAMES[codec] ?? codec}, which magic ${message.magic} messages here cannot use`,
      { details: { offset: message.offset } },
    );
  }
  if (message.value === null) throw corrupt(message.offset, 'compressed message without a value');
  let inflated: Buffer;
  try {
    inflated = inflater(message.value);
  } catch (error) {
    throw corrupt(message.offset, `${CODEC_NAMES[codec]} data does not inflate`, error);
  }
  const limit = options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  if (inflated.length > limit) {
    throw new MiniKafkaError(
      'MESSAGE_TOO_LARGE',
      `Message at offset ${message.offset} inflates to ${inflated.length} bytes, past the limit of ${limit} bytes`,
      { details: { offset: message.offset, limit } },
    );
  }
  return inflated;
}

/** The messages of a magic 0/1 message set, compressed wrappers unwrapped, in order. */
export function decodeLegacyMessageSet(bytes: Buffer, options: DecodeLegacyOptions = {}): LegacyRecord[] {
  const out: LegacyRecord[] = [];
  for (const message of readMessages(bytes)) {
    const { offset, magic, attributes } = message;
    if ((attributes & LEGACY_CODEC_MASK) === 0) {
      out.push({ offset, magic, timestamp: message.timestamp, key: message.key, value: message.value });
      continue;
    }
    const inner = [...readMessages(inflate(message, options))];
    const last = inner[inner.length - 1];
    if (last === undefined) throw corrupt(offset, 'compressed message with an empty message set');
    const logAppendTime = magic === 1 && (attributes & LEGACY_TIMESTAMP_TYPE_MASK) !== 0;
    for (const record of inner) {
      if (record.magic !== magic)
        throw corrupt(offset, `inner magic ${record.magic} differs from the wrapper's ${magic}`);
      if ((record.attributes & LEGACY_CODEC_MASK) !== 0)
        throw corrupt(offset, 'compressed message inside a compressed message');
      out.push({
        // Magic 1 inner offsets are relative: the wrapper carries the last inner offset.
        offset: magic === 1 ? offset - last.offset + record.offset : record.offset,
        magic,
        timestamp: logAppendTime ? message.timestamp : record.timestamp,
        key: record.key,
        value: record.value,
      });
    }
  }
  return out;
}
