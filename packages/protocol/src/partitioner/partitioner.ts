/**
 * The default partitioner, Kafka's: an explicit partition wins; a keyed record goes to
 * toPositive(murmur2(key bytes)) % partitions, so one key always lands in one partition
 * (the same one the Java client and kafkajs pick); a record without a key goes
 * round-robin, per topic, from a counter that starts at 0 (deterministic after a restart).
 */
import { MiniKafkaError } from '../errors.js';
import { murmur2, toPositive } from './murmur2.js';

/** The partition for `key` among `partitions`, as Kafka's default partitioner computes it. */
export function partitionForKey(key: Uint8Array | string, partitions: number): number {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  return toPositive(murmur2(bytes)) % partitions;
}

export interface PartitionRequest {
  topic: string;
  partitions: number;
  key?: Uint8Array | string | null;
  partition?: number | null;
}

export class Partitioner {
  private readonly counters = new Map<string, number>();

  /** Picks the partition of one record; throws UNKNOWN_TOPIC_OR_PARTITION for an explicit partition out of range. */
  partition({ topic, partitions, key, partition }: PartitionRequest): number {
    if (partition !== undefined && partition !== null) {
      if (!Number.isSafeInteger(partition) || partition < 0 || partition >= partitions) {
        throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${topic}" has no partition ${partition}`, {
          details: { topic, partition: Number.isSafeInteger(partition) ? partition : -1 },
        });
      }
      return partition;
    }
    if (key !== undefined && key !== null && key.length > 0) return partitionForKey(key, partitions);
    const next = this.counters.get(topic) ?? 0;
    this.counters.set(topic, (next + 1) % 0x7fffffff);
    return next % partitions;
  }

  /** Forgets a topic's round-robin position (after it is deleted). */
  reset(topic: string): void {
    this.counters.delete(topic);
  }
}
