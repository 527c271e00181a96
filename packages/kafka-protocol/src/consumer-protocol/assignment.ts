/**
 * ConsumerProtocolAssignment: the bytes a Kafka consumer group leader puts in
 * SyncGroup's assignments[].assignment, and each member gets back. Not flexible; v1
 * has the same layout as v0 (it only accompanies subscription v1).
 *
 *   version             int16
 *   assigned_partitions [topic string, partitions [int32]]
 *   user_data           nullable bytes
 *
 * Newer versions are read with this layout (later versions may only append fields).
 * An empty buffer (a member with nothing assigned, as some clients send) decodes as
 * version 0 with no partitions.
 */
import { KafkaProtocolError } from '../errors.js';
import { Reader } from '../primitives/reader.js';
import { Writer } from '../primitives/writer.js';
import { readTopicPartitions, type TopicPartitions, writeTopicPartitions } from './topic-partitions.js';

export interface ConsumerProtocolAssignment {
  version: number;
  assignedPartitions: TopicPartitions[];
  userData: Buffer | null;
}

export function decodeAssignment(bytes: Buffer): ConsumerProtocolAssignment {
  if (bytes.length === 0) return { version: 0, assignedPartitions: [], userData: null };
  const r = new Reader(bytes);
  const version = r.int16();
  if (version < 0) {
    throw new KafkaProtocolError('unsupported-version', `Assignment version ${version}`, { version });
  }
  const assignedPartitions = r.array(readTopicPartitions, 6);
  const userData = r.remaining > 0 ? r.nullableBytes() : null;
  return { version, assignedPartitions, userData: userData === null ? null : Buffer.from(userData) };
}

/** Encodes at `assignment.version`, 0 or 1. */
export function encodeAssignment(assignment: ConsumerProtocolAssignment): Buffer {
  const { version } = assignment;
  if (version !== 0 && version !== 1) {
    throw new KafkaProtocolError('unsupported-version', `Cannot encode assignment version ${version}`, { version });
  }
  const w = new Writer(64);
  w.int16(version).array(assignment.assignedPartitions, writeTopicPartitions).nullableBytes(assignment.userData);
  return Buffer.from(w.toBuffer());
}
