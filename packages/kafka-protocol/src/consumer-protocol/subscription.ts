/**
 * ConsumerProtocolSubscription: the bytes a Kafka consumer puts in JoinGroup's
 * protocols[].metadata when protocol_type is "consumer". Not flexible.
 *
 *   version          int16
 *   topics           [string]
 *   user_data        nullable bytes
 *   owned_partitions [topic string, partitions [int32]]   (v1+)
 *   generation_id    int32                                (v2+; not decoded)
 *
 * Like Kafka, a newer version is read with the newest layout we know (later versions
 * only append fields), and a v1 body that ends before owned_partitions reads as owning
 * nothing. Seen on the wire: kafkajs 2.2.4 sends v0, librdkafka 2.0.2 v1 (user_data
 * empty, owned_partitions []).
 */
import { KafkaProtocolError } from '../errors.js';
import { Reader } from '../primitives/reader.js';
import { Writer } from '../primitives/writer.js';
import { readTopicPartitions, type TopicPartitions, writeTopicPartitions } from './topic-partitions.js';

export interface ConsumerProtocolSubscription {
  version: number;
  topics: string[];
  userData: Buffer | null;
  /** v1+; [] for v0. */
  ownedPartitions: TopicPartitions[];
}

export function decodeSubscription(bytes: Buffer): ConsumerProtocolSubscription {
  const r = new Reader(bytes);
  const version = r.int16();
  if (version < 0) {
    throw new KafkaProtocolError('unsupported-version', `Subscription version ${version}`, { version });
  }
  const topics = r.array((t) => t.string(), 2);
  const userData = r.nullableBytes();
  const ownedPartitions = version >= 1 && r.remaining > 0 ? r.array(readTopicPartitions, 6) : [];
  return { version, topics, userData: userData === null ? null : Buffer.from(userData), ownedPartitions };
}

/** Encodes at `subscription.version`, 0 or 1. */
export function encodeSubscription(subscription: ConsumerProtocolSubscription): Buffer {
  const { version } = subscription;
  if (version !== 0 && version !== 1) {
    throw new KafkaProtocolError('unsupported-version', `Cannot encode subscription version ${version}`, { version });
  }
  const w = new Writer(64);
  w.int16(version)
    .array(subscription.topics, (t, topic) => t.string(topic))
    .nullableBytes(subscription.userData);
  if (version >= 1) w.array(subscription.ownedPartitions, writeTopicPartitions);
  return Buffer.from(w.toBuffer());
}
