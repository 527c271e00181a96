/**
 * Producing through the gateway: the local broker's rules over a cluster. Each record's
 * partition comes from the same Partitioner (explicit, Kafka's murmur2 of the key, or
 * round-robin), so a key lands in the same partition on both backends; sizes are checked
 * before anything is sent; each partition's records go to its leader as one RecordBatch
 * (idempotent with the HTTP producer's id, epoch and base sequence when given), all
 * partitions at once, acknowledged by the cluster (acks -1). A missing topic is created
 * when auto-creation is on, with the gateway's default partition count.
 */
import { isMiniKafkaError, MiniKafkaError, Partitioner, type ProducerInput } from '@mini-kafka/protocol';
import { encodeRecordBatch } from '@mini-kafka/storage';
import type { ClusterClient } from '../cluster/cluster-client.js';
import { produceBatch } from '../cluster/partition-io.js';
import { createTopic } from '../cluster/topic-admin.js';
import type { BrokerConfig } from '../config/broker-config.js';
import type { Logger } from '../logger.js';
import { baseSequences } from '../services/produce-service.js';
import { type ProduceInput, recordSize } from '../services/record-json.js';

export class GatewayProduce {
  private readonly partitioner = new Partitioner();

  constructor(
    private readonly client: ClusterClient,
    private readonly config: BrokerConfig,
    private readonly logger: Logger,
  ) {}

  /** The topic's partition count, creating the topic first when it is missing and auto-creation is on. */
  async ensureTopic(topic: string): Promise<number> {
    const partitions = await this.client.partitionCount(topic);
    if (partitions !== undefined) return partitions;
    if (!this.config.autoCreateTopics) {
      throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${topic}" does not exist`, { details: { topic } });
    }
    try {
      await createTopic(this.client, { name: topic, partitions: this.config.defaultPartitions });
      this.logger.info({ topic, partitions: this.config.defaultPartitions }, 'topic auto-created in the cluster');
    } catch (error) {
      if (!isMiniKafkaError(error, 'TOPIC_ALREADY_EXISTS')) throw error;
    }
    this.client.invalidate(topic);
    const created = await this.client.partitionCount(topic);
    if (created === undefined) throw new MiniKafkaError('LEADER_NOT_AVAILABLE', `Topic "${topic}" is not ready yet`);
    return created;
  }

  async produce(
    topic: string,
    records: readonly ProduceInput[],
    producer?: ProducerInput,
  ): Promise<{ partition: number; offset: number }[]> {
    records.forEach((record, i) => {
      const size = recordSize(record);
      if (size > this.config.maxMessageBytes) {
        throw new MiniKafkaError(
          'MESSAGE_TOO_LARGE',
          `Record ${i} for topic "${topic}" is ${size} bytes; the limit is ${this.config.maxMessageBytes}`,
          { details: { topic, size, limit: this.config.maxMessageBytes } },
        );
      }
    });
    const partitions = await this.ensureTopic(topic);
    const order = new Map<number, number[]>();
    records.forEach((record, i) => {
      const partition = this.partitioner.partition({ topic, partitions, key: record.key, partition: record.partition });
      order.set(partition, [...(order.get(partition) ?? []), i]);
    });
    const sequences = producer === undefined ? undefined : baseSequences(topic, records, order, producer);
    const results = new Array<{ partition: number; offset: number }>(records.length);
    const now = Date.now();
    await Promise.all(
      [...order].map(async ([partition, indices]) => {
        const baseSequence = sequences?.get(partition);
        const batch = encodeRecordBatch(
          indices.map((i) => records[i]!),
          producer === undefined || baseSequence === undefined
            ? { timestamp: now }
            : { timestamp: now, producerId: producer.producerId, producerEpoch: producer.producerEpoch, baseSequence },
        );
        const { baseOffset } = await produceBatch(this.client, topic, partition, batch);
        indices.forEach((recordIndex, position) => {
          results[recordIndex] = { partition, offset: baseOffset + position };
        });
      }),
    );
    return results;
  }
}
