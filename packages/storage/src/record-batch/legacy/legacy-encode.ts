/**
 * Encodes records as an uncompressed magic 0 or 1 message set (layout in legacy-message.ts),
 * for clients that fetch with Fetch v0-3: Kafka down-converts to magic 0 for v0/v1 and to
 * magic 1 for v2/v3. Headers are dropped (old messages have none), magic 1 timestamps are
 * create times, magic 0 has none. Messages are never compressed here, even when stored
 * compressed: a simplification Kafka's clients accept, as every message set may be.
 */
import { writeInt64 } from '../varint.js';
import { crc32 } from './crc32.js';
import { LEGACY_LOG_OVERHEAD, type LegacyMagic, legacyMessageSize } from './legacy-message.js';

/** What a message is made of: the stored records (`StoredRecord`) fit. */
export interface LegacyRecordInput {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
}

export interface EncodeLegacyResult {
  bytes: Buffer;
  /** Records encoded: the first always, then as many as fit in `maxBytes`. */
  count: number;
}

function writeBytes(buf: Buffer, at: number, bytes: Buffer | null): number {
  if (bytes === null) {
    buf.writeInt32BE(-1, at);
    return at + 4;
  }
  buf.writeInt32BE(bytes.length, at);
  bytes.copy(buf, at + 4);
  return at + 4 + bytes.length;
}

/**
 * A message set of `records` in `magic`, stopping before the first record that would take
 * it past `maxBytes`; the first record is always encoded, even when larger on its own.
 */
export function encodeLegacyMessageSet(
  records: readonly LegacyRecordInput[],
  magic: LegacyMagic,
  maxBytes = Number.POSITIVE_INFINITY,
): EncodeLegacyResult {
  let total = 0;
  let count = 0;
  for (const record of records) {
    const size = LEGACY_LOG_OVERHEAD + legacyMessageSize(magic, record.key, record.value);
    if (count > 0 && total + size > maxBytes) break;
    total += size;
    count++;
  }
  const buf = Buffer.alloc(total);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const record = records[i]!;
    const size = legacyMessageSize(magic, record.key, record.value);
    writeInt64(buf, at, record.offset);
    buf.writeInt32BE(size, at + 8);
    const start = at + LEGACY_LOG_OVERHEAD;
    buf.writeInt8(magic, start + 4);
    buf.writeInt8(0, start + 5);
    let cursor = start + 6;
    if (magic === 1) {
      writeInt64(buf, cursor, record.timestamp);
      cursor += 8;
    }
    cursor = writeBytes(buf, cursor, record.key);
    cursor = writeBytes(buf, cursor, record.value);
    buf.writeUInt32BE(crc32(buf.subarray(start + 4, cursor)), start);
    at = cursor;
  }
  return { bytes: buf, count };
}
