/**
 * The producer's binary transport: as Kafka's producers do, it picks every record's
 * partition (TopicPartitions), encodes each partition's records as RecordBatch v2 bytes (with
 * the producer id, epoch and base sequence in the batch header when idempotent) and sends them
 * to `POST /v1/topics/{topic}/partitions/{p}/records`, the partitions of one batch
 * concurrently. Record n of a partition's request gets `baseOffset + n`.
 *
 * A request refused because of its records (too large, invalid) is split in halves,
 * sequentially, until the bad records are alone; a partition's failure fails only its own
 * records. A broker without the binary routes (404 for the route) is reported by throwing
 * `NO_BINARY_PRODUCE`, before anything is written, so the caller can send the records as JSON.
 */
import {
  isMiniKafkaError,
  MiniKafkaError,
  RECORD_BATCH_MEDIA_TYPE,
  type RecordBatchProduceResponse,
  toMiniKafkaError,
} from '@mini-kafka/protocol';
import { type HttpTransport, parseJsonAnswer, route } from '../http-transport.js';
import { encodeProducerBatches } from '../record-batches.js';
import type { Idempotence, ProducerSession } from './idempotence.js';
import type { PreparedRecord, RecordMetadata } from './producer-record.js';
import type { TopicPartitions } from './topic-partitions.js';

/** Failures caused by some records of a request, which splitting it isolates. */
export const SPLITTABLE = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TIMESTAMP',
]);

/** Whether `error` is a broker's 404 for a route it does not have (it predates the binary transport). */
export function isMissingRoute(error: unknown): boolean {
  return isMiniKafkaError(error, 'INVALID_REQUEST') && error.details.status === 404;
}

export class BatchProduce {
  constructor(
    private readonly transport: HttpTransport,
    private readonly partitions: TopicPartitions,
    private readonly idempotence: Idempotence | undefined,
  ) {}

  /** One entry per record, in order: where it was written, or why not. Throws only for a broker without binary produce. */
  async produce(topic: string, records: PreparedRecord[]): Promise<Array<RecordMetadata | MiniKafkaError>> {
    try {
      await this.partitions.assign(topic, records);
    } catch (error) {
      const failure = toMiniKafkaError(error);
      return records.map(() => failure);
    }
    const byPartition = new Map<number, number[]>();
    records.forEach((record, index) => {
      const indices = byPartition.get(record.partition!);
      if (indices === undefined) byPartition.set(record.partition!, [index]);
      else indices.push(index);
    });
    const results = new Array<RecordMetadata | MiniKafkaError>(records.length);
    await Promise.all(
      [...byPartition].map(async ([partition, indices]) => {
        const outcome = await this.producePartition(
          topic,
          partition,
          indices.map((index) => records[index]!),
        );
        indices.forEach((recordIndex, position) => {
          results[recordIndex] = outcome[position]!;
        });
      }),
    );
    return results;
  }

  private async producePartition(
    topic: string,
    partition: number,
    records: PreparedRecord[],
  ): Promise<Array<RecordMetadata | MiniKafkaError>> {
    let session: ProducerSession | undefined;
    try {
      session = await this.idempotence?.current();
      const producer = session && {
        producerId: session.producerId,
        producerEpoch: session.producerEpoch,
        baseSequence: this.idempotence!.baseSequence(session, topic, partition),
      };
      const bytes = encodeProducerBatches(topic, records, producer);
      const path = route`/v1/topics/${topic}/partitions/${partition}/records`;
      const answer = await this.transport.exchange('POST', path, {
        body: { contentType: RECORD_BATCH_MEDIA_TYPE, bytes },
        accept: 'application/json',
      });
      const response = parseJsonAnswer<RecordBatchProduceResponse>(answer.bytes.toString('utf8'), `POST ${path}`);
      if (response.lastOffset - response.baseOffset + 1 !== records.length) {
        throw new MiniKafkaError(
          'UNKNOWN_SERVER_ERROR',
          `The broker answered offsets ${response.baseOffset} to ${response.lastOffset} for ${records.length} records`,
          { details: { topic, partition } },
        );
      }
      if (session !== undefined) this.idempotence!.advance(session, topic, partition, records.length);
      return records.map((_, index) => ({ topic, partition, offset: response.baseOffset + index }));
    } catch (error) {
      const failure = toMiniKafkaError(error);
      if (isMissingRoute(failure)) throw failure;
      if (session !== undefined) this.idempotence!.failed(session, failure);
      this.partitions.failed(topic, failure);
      if (records.length > 1 && SPLITTABLE.has(failure.type)) {
        const middle = Math.ceil(records.length / 2);
        const first = await this.producePartition(topic, partition, records.slice(0, middle));
        const second = await this.producePartition(topic, partition, records.slice(middle));
        return [...first, ...second];
      }
      return records.map(() => failure);
    }
  }
}
