/**
 * Produce: picks each record's partition (explicit, by key with Kafka's murmur2, or
 * round-robin), checks every record's size before anything is written, then hands each
 * partition's records to its log in one atomic append (the log encodes them, in as many
 * batches as its maxBatchBytes needs), all partitions concurrently. Records without a
 * timestamp get the log's clock (the broker's). Answers each record's partition and offset
 * in request order.
 */
import { MiniKafkaError, Partitioner } from '@mini-kafka/protocol';
import type { LogManager, ProducerIdManager } from '@mini-kafka/storage';
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
    const { topic: created } = await this.logs.createTopic(
      topic,
      { partitions: this.settings.defaultPartitions },
      true,
    );
    return created.partitions;
  }

  async produce(topic: string, records: readonly ProduceInput[]): Promise<{ partition: number; offset: number }[]> {
    records.forEach((record, i) => {
      const size = recordSize(record);
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

    const results = new Array<{ partition: number; offset: number }>(records.length);
    await Promise.all(
      [...order].map(async ([partition, indices]) => {
        const log = this.logs.getLog(topic, partition);
        const { baseOffset } = await log.append(indices.map((i) => records[i]!));
        indices.forEach((recordIndex, position) => {
          results[recordIndex] = { partition, offset: baseOffset + position };
        });
      }),
    );
    return results;
  }
}
