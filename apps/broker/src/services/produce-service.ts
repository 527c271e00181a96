/**
 * Produce: picks each record's partition (explicit, by key with Kafka's murmur2, or
 * round-robin), checks every record's size before anything is written, then hands each
 * partition's records to its log in one atomic append (the log encodes them, in as many
 * batches as its maxBatchBytes needs), all partitions concurrently. Records without a
 * timestamp get the log's clock (the broker's). Answers each record's partition and offset
 * in request order.
 *
 * An idempotent producer's request (`producer`) names every record's partition and each
 * partition's base sequence; every partition is checked before anything is appended, and
 * each partition's records go through the log's producer state (a retry is answered with
 * the original offsets and stored once; a gap is OUT_OF_ORDER_SEQUENCE_NUMBER, a stale
 * epoch INVALID_PRODUCER_EPOCH), the same machinery as Kafka Produce.
 */
import { MiniKafkaError, Partitioner, type ProducerInput } from '@mini-kafka/protocol/core';
import type { LogManager, ProducerIdManager } from '@mini-kafka/storage';
import type { Logger } from '../logger.js';
import type { BrokerMetrics } from '../metrics/broker-metrics.js';
import { type ProduceInput, recordSize } from './record-json.js';

export interface ProduceSettings {
  autoCreateTopics: boolean;
  defaultPartitions: number;
  maxMessageBytes: number;
}

export class ProduceService {
  private readonly partitioner = new Partitioner();

  constructor(
    private readonly logs: LogManager,
    private readonly settings: ProduceSettings,
    private readonly producerIds: ProducerIdManager,
    private readonly observers: {
      /** Counts what is appended (HTTP JSON records: their keys', values' and headers' bytes). */
      metrics?: BrokerMetrics;
      /** Says when a topic is auto-created. */
      logger?: Logger;
    } = {},
  ) {}

  /**
   * A new idempotent producer: a broker-wide producer id never handed out before (reserved
   * durably, see ProducerIdManager) and epoch 0. Kafka's InitProducerId and HTTP share it.
   */
  async initProducerId(): Promise<{ producerId: number; producerEpoch: number }> {
    return { producerId: await this.producerIds.generate(), producerEpoch: 0 };
  }

  /** Makes sure the topic exists (creating it when allowed); resolves to its partition count. */
  async ensureTopic(topic: string): Promise<number> {
    const existing = this.logs.getTopic(topic);
    if (existing !== undefined) return existing.partitions;
    if (!this.settings.autoCreateTopics) {
      throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${topic}" does not exist`, { details: { topic } });
    }
    const { created, topic: described } = await this.logs.createTopic(
      topic,
      { partitions: this.settings.defaultPartitions },
      true,
    );
    if (created) this.observers.logger?.info({ topic, partitions: described.partitions }, 'topic auto-created');
    return described.partitions;
  }

  async produce(
    topic: string,
    records: readonly ProduceInput[],
    producer?: ProducerInput,
  ): Promise<{ partition: number; offset: number }[]> {
    let bytes = 0;
    records.forEach((record, i) => {
      const size = recordSize(record);
      bytes += size;
      if (size > this.settings.maxMessageBytes) {
        throw new MiniKafkaError(
          'MESSAGE_TOO_LARGE',
          `Record ${i} for topic "${topic}" is ${size} bytes; the limit is ${this.settings.maxMessageBytes}`,
          { details: { topic, size, limit: this.settings.maxMessageBytes } },
        );
      }
    });
    const partitions = await this.ensureTopic(topic);
    const order = new Map<number, number[]>();
    records.forEach((record, i) => {
      const partition = this.partitioner.partition({ topic, partitions, key: record.key, partition: record.partition });
      let indices = order.get(partition);
      if (indices === undefined) {
        indices = [];
        order.set(partition, indices);
      }
      indices.push(i);
    });

    const sequences = producer === undefined ? undefined : baseSequences(topic, records, order, producer);
    // Every partition exists before any is written, so a refused request wrote nothing.
    const logs = new Map([...order.keys()].map((partition) => [partition, this.logs.getLog(topic, partition)]));
    const results = new Array<{ partition: number; offset: number }>(records.length);
    await Promise.all(
      [...order].map(async ([partition, indices]) => {
        const log = logs.get(partition)!;
        const baseSequence = sequences?.get(partition);
        const { baseOffset } = await log.append(
          indices.map((i) => records[i]!),
          producer === undefined || baseSequence === undefined
            ? undefined
            : { producerId: producer.producerId, producerEpoch: producer.producerEpoch, baseSequence },
        );
        indices.forEach((recordIndex, position) => {
          results[recordIndex] = { partition, offset: baseOffset + position };
        });
      }),
    );
    this.observers.metrics?.appended('http', topic, records.length, bytes);
    return results;
  }
}

function invalidProducer(topic: string, message: string): MiniKafkaError {
  return new MiniKafkaError('INVALID_REQUEST', `Idempotent produce to topic "${topic}": ${message}`, {
    details: { topic },
  });
}

/** Each partition's base sequence (the gateway checks requests alike); the request must name every record's partition and exactly those partitions' sequences. */
export function baseSequences(
  topic: string,
  records: readonly ProduceInput[],
  order: ReadonlyMap<number, number[]>,
  producer: ProducerInput,
): Map<number, number> {
  const unpartitioned = records.findIndex((record) => record.partition === undefined || record.partition === null);
  if (unpartitioned >= 0) throw invalidProducer(topic, `record ${unpartitioned} names no partition`);
  const sequences = new Map<number, number>();
  for (const { partition, baseSequence } of producer.baseSequences) {
    if (sequences.has(partition)) throw invalidProducer(topic, `partition ${partition} has two base sequences`);
    if (!order.has(partition))
      throw invalidProducer(topic, `partition ${partition} has a base sequence but no records`);
    sequences.set(partition, baseSequence);
  }
  for (const partition of order.keys()) {
    if (!sequences.has(partition))
      throw invalidProducer(topic, `partition ${partition} has records but no base sequence`);
  }
  return sequences;
}
