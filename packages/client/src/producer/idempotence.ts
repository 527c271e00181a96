/**
 * Idempotence: what makes the HTTP producer's retries safe. It holds the producer id and
 * epoch the broker handed out (`POST /v1/producers`, asked once, lazily), picks every
 * record's partition itself (Kafka's partitioner: explicit, murmur2 of the key, or round
 * robin, by the partition counts of `POST /v1/producers/topic-metadata`), and numbers each
 * partition's records with Kafka's sequence numbers. A request carries its producer id,
 * epoch and each partition's base sequence; the transport resends the same body on a
 * retriable failure, so the broker recognizes a request it already stored and stores it
 * only once.
 *
 * Sequences advance only when a request succeeds. A request refused before anything was
 * written (a record too large or invalid, an unknown partition, a malformed request) leaves
 * them where they were, so the split halves that isolate bad records reuse them. After any
 * other failure nobody knows what the broker kept, so the producer id is dropped: the next
 * request asks for a new one and numbers from 0 (Kafka's producer resets the same way).
 * One request per topic is in flight at a time (the accumulator's rule), so a topic's
 * sequences never race.
 */

import type { InitProducerResponse, ProducerTopicResponse } from '@mini-kafka/protocol';
import { type ErrorType, MiniKafkaError, Partitioner, type ProducerInput } from '@mini-kafka/protocol';
import { type HttpTransport, route } from '../http-transport.js';
import type { PreparedRecord } from './producer-record.js';

const MAX_SEQUENCE = 2_147_483_647;

/** Errors the broker answers before it writes anything: the request's sequences were not used. */
const NOTHING_WRITTEN = new Set<ErrorType>([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TIMESTAMP',
  'INVALID_REQUEST',
  'UNKNOWN_TOPIC_OR_PARTITION',
]);

export class Idempotence {
  private identity: Promise<InitProducerResponse> | undefined;
  private readonly partitionCounts = new Map<string, Promise<number>>();
  /** Next sequence per `topic/partition`. */
  private readonly sequences = new Map<string, number>();
  private readonly partitioner = new Partitioner();

  constructor(private readonly transport: HttpTransport) {}

  /** Gives every record without one its partition (kept across retries and splits). */
  async assignPartitions(topic: string, records: readonly PreparedRecord[]): Promise<void> {
    if (records.every((record) => record.partition !== undefined)) return;
    const partitions = await this.partitionCount(topic);
    for (const record of records) {
      if (record.partition === undefined) {
        record.partition = this.partitioner.partition({ topic, partitions, key: record.key });
      }
    }
  }

  /** The `producer` field for a request of `records` (all partitioned). */
  async producerFor(topic: string, records: readonly PreparedRecord[]): Promise<ProducerInput> {
    const { producerId, producerEpoch } = await this.producerIdentity();
    const baseSequences: ProducerInput['baseSequences'] = [];
    for (const partition of new Set(records.map((record) => record.partition!))) {
      baseSequences.push({ partition, baseSequence: this.sequences.get(`${topic}/${partition}`) ?? 0 });
    }
    return { producerId, producerEpoch, baseSequences };
  }

  /** A request with `producer` succeeded: its partitions' sequences move past its records. */
  acknowledge(topic: string, producer: ProducerInput, records: readonly PreparedRecord[]): void {
    for (const { partition, baseSequence } of producer.baseSequences) {
      const count = records.filter((record) => record.partition === partition).length;
      const next = baseSequence + count;
      this.sequences.set(`${topic}/${partition}`, next > MAX_SEQUENCE ? next - MAX_SEQUENCE - 1 : next);
    }
  }

  /** A request with `producer` failed with `error`: forget the producer unless nothing was written. */
  failed(topic: string, error: MiniKafkaError): void {
    if (error.type === 'UNKNOWN_TOPIC_OR_PARTITION') this.partitionCounts.delete(topic);
    if (NOTHING_WRITTEN.has(error.type)) return;
    this.identity = undefined;
    this.sequences.clear();
  }

  private producerIdentity(): Promise<InitProducerResponse> {
    this.identity ??= this.transport.request<InitProducerResponse>('POST', '/v1/producers').catch((error: unknown) => {
      this.identity = undefined;
      throw error;
    });
    return this.identity;
  }

  private partitionCount(topic: string): Promise<number> {
    let count = this.partitionCounts.get(topic);
    if (count === undefined) {
      count = this.transport
        .request<ProducerTopicResponse>('POST', route`/v1/producers/topic-metadata`, { body: { topic } })
        .then((answer) => {
          if (!Number.isSafeInteger(answer.partitions) || answer.partitions < 1) {
            throw new MiniKafkaError('UNKNOWN_SERVER_ERROR', `The broker answered no partitions for "${topic}"`);
          }
          return answer.partitions;
        });
      count.catch(() => this.partitionCounts.delete(topic));
      this.partitionCounts.set(topic, count);
    }
    return count;
  }
}
