/**
 * TopicPartitions: the producer's side of Kafka's partitioner. It learns a topic's partition
 * count from the broker (`POST /v1/producers/topic-metadata`, which creates the topic when
 * produce would; asked once per topic, lazily, and again after the broker answers that a
 * partition does not exist) and gives every record without a partition its own: murmur2 of
 * the key (the partition the broker, the Java client and kafkajs pick), or round robin.
 * Partitions are kept on the records, so retries and splits send them to the same place.
 */
import { MiniKafkaError, Partitioner, type ProducerTopicResponse } from '@mini-kafka/protocol';
import { type HttpTransport, route } from '../http-transport.js';
import type { PreparedRecord } from './producer-record.js';

export class TopicPartitions {
  private readonly counts = new Map<string, Promise<number>>();
  private readonly partitioner = new Partitioner();

  constructor(private readonly transport: HttpTransport) {}

  /**
   * Gives every record without one its partition. The topic's count is learnt even when every
   * record names its partition: asking for it creates a missing topic, as produce would.
   */
  async assign(topic: string, records: readonly PreparedRecord[]): Promise<void> {
    const partitions = await this.count(topic);
    for (const record of records) {
      if (record.partition === undefined) {
        record.partition = this.partitioner.partition({ topic, partitions, key: record.key });
      }
    }
  }

  /** A request failed with `error`: an unknown partition means the count may have changed. */
  failed(topic: string, error: MiniKafkaError): void {
    if (error.type === 'UNKNOWN_TOPIC_OR_PARTITION') this.counts.delete(topic);
  }

  private count(topic: string): Promise<number> {
    let count = this.counts.get(topic);
    if (count === undefined) {
      count = this.transport
        .request<ProducerTopicResponse>('POST', route`/v1/producers/topic-metadata`, { body: { topic } })
        .then((answer) => {
          if (!Number.isSafeInteger(answer.partitions) || answer.partitions < 1) {
            throw new MiniKafkaError('UNKNOWN_SERVER_ERROR', `The broker answered no partitions for "${topic}"`);
          }
          return answer.partitions;
        });
      count.catch(() => this.counts.delete(topic));
      this.counts.set(topic, count);
    }
    return count;
  }
}
