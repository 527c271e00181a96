/**
 * The layout of magic 0 and 1 messages ("message sets", Kafka before 0.11), as in Kafka's
 * LegacyRecord. A message set is entries back to back, each:
 *
 *   offset int64 | message size int32 | crc uint32 | magic int8 | attributes int8 |
 *   timestamp int64 (magic 1 only) | key length int32 (-1 = null) + key | value length int32 (-1 = null) + value
 *
 * The CRC is CRC-32 (IEEE) over magic..end of the message. Attributes bits 0-2 are the
 * compression codec (a compressed "wrapper" message's value is a whole inner message set;
 * with magic 1 the inner offsets are relative, 0..n-1, and the wrapper carries the last
 * inner offset), bit 3 (magic 1) the timestamp type (1 = log append time).
 */

export const LEGACY_OFFSET_BYTES = 8;
/** offset + message size: the log overhead before every message. */
export const LEGACY_LOG_OVERHEAD = 12;
export const LEGACY_MAGIC_OFFSET = 16;
/** crc + magic + attributes + key length + value length. */
export const MESSAGE_V0_MIN_SIZE = 14;
/** MESSAGE_V0_MIN_SIZE + the timestamp. */
export const MESSAGE_V1_MIN_SIZE = 22;
export const LEGACY_CODEC_MASK = 0x07;
export const LEGACY_TIMESTAMP_TYPE_MASK = 0x08;

export type LegacyMagic = 0 | 1;

/** One decoded message (after unwrapping compressed wrappers): what up-conversion needs. */
export interface LegacyRecord {
  /** The offset the producer wrote (absolute; inner offsets of a magic 1 wrapper are made absolute). */
  offset: number;
  magic: LegacyMagic;
  /** Magic 1: the message's timestamp (the wrapper's for log-append-time wrappers); magic 0: -1. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
}

/** The size of a message with this key and value, without the log overhead. */
export function legacyMessageSize(magic: LegacyMagic, key: Uint8Array | null, value: Uint8Array | null): number {
  return (magic === 0 ? MESSAGE_V0_MIN_SIZE : MESSAGE_V1_MIN_SIZE) + (key?.length ?? 0) + (value?.length ?? 0);
}
