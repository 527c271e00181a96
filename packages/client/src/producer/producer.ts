/**
 * Producer: writes records to topics. Sends are coalesced per topic by the
 * RecordAccumulator (lingerMs / batchSize / maxBatchBytes) into requests; each send's
 * promise resolves with its own partition and offset. Retriable failures are retried with
 * backoff by the transport. When the broker rejects a whole batch because of one record (too
 * large, an unknown explicit partition, an invalid record), the batch is split in halves
 * until the bad records are isolated, so only their sends fail.
 *
 * Two transports: binary (the default; batch-produce.ts: RecordBatch bytes per partition,
 * partitions picked here) and JSON (POST /v1/topics/{topic}/records, the broker picks
 * partitions unless the producer is idempotent). A broker without binary produce is written
 * to in JSON from its first refusal on.
 *
 * Idempotent by default (`idempotent: false` turns it off): the producer picks partitions
 * itself and numbers each partition's records, so a request the transport resends after a
 * lost answer is stored once (see idempotence.ts).
 */
import {
  assertValidTopicName,
  MiniKafkaError,
  type ProduceResponse,
  type ProducerInput,
  toMiniKafkaError,
} from '@mini-kafka/protocol';
import { type ClientOptions, createTransport, transportOf } from '../client-options.js';
import { type RecordData, toProduceRequest } from '../encoding.js';
import { type HttpTransport, route } from '../http-transport.js';
import { BatchProduce, isMissingRoute, SPLITTABLE } from './batch-produce.js';
import { Idempotence, type ProducerSession } from './idempotence.js';
import {
  type PreparedRecord,
  type ProducerRecord,
  prepareRecord,
  type RecordMetadata,
  type SendOptions,
} from './producer-record.js';
import { RecordAccumulator } from './record-accumulator.js';
import { TopicPartitions } from './topic-partitions.js';

export interface ProducerOptions {
  /**
   * How long a send may wait for others to share its request, in ms. Default 0: a request
   * leaves once the current turn of the event loop is over (sends made together still share
   * it), or, while the previous request is in flight, as soon as that one is answered.
   */
  lingerMs?: number;
  /** Most records in one request. Default 10000. */
  batchSize?: number;
  /** Most record bytes (keys, values, headers) in one request. Default 1048576 (1 MiB). */
  maxBatchBytes?: number;
  /**
   * Number records with a producer id and sequences so that a retried request is stored only
   * once (Kafka's `enable.idempotence`). Default true.
   */
  idempotent?: boolean;
}

export type ProducerConfig = ClientOptions & ProducerOptions;

/** The records for one topic, in kafkajs's shape: `send({ topic, messages })`. */
export interface TopicRecords {
  topic: string;
  messages: ProducerRecord[];
}

export const PRODUCER_DEFAULTS = { lingerMs: 0, batchSize: 10_000, maxBatchBytes: 1024 * 1024 } as const;

export class Producer {
  private readonly transport: HttpTransport;
  private readonly accumulator: RecordAccumulator<PreparedRecord, RecordMetadata>;
  private readonly idempotence: Idempotence | undefined;
  private readonly partitions: TopicPartitions;
  /** The binary transport, until the broker shows it has none. */
  private binary: BatchProduce | undefined;
  private closed = false;

  constructor(config: ProducerConfig) {
    this.transport = createTransport(config);
    this.idempotence = config.idempotent === false ? undefined : new Idempotence(this.transport);
    this.partitions = new TopicPartitions(this.transport);
    if (transportOf(config) === 'binary') {
      this.binary = new BatchProduce(this.transport, this.partitions, this.idempotence);
    }
    const positive = (name: 'lingerMs' | 'batchSize' | 'maxBatchBytes', min: number) => {
      const value = config[name] ?? PRODUCER_DEFAULTS[name];
      if (!Number.isSafeInteger(value) || value < min) {
        throw new MiniKafkaError('INVALID_CONFIG', `Producer option ${name} must be an integer >= ${min}`);
      }
      return value;
    };
    this.accumulator = new RecordAccumulator<PreparedRecord, RecordMetadata>({
      lingerMs: positive('lingerMs', 0),
      batchSize: positive('batchSize', 1),
      maxBatchBytes: positive('maxBatchBytes', 1),
      send: (topic, records) => this.produce(topic, records),
    });
  }

  /** Kept for kafkajs familiarity: there is no connection to open. */
  async connect(): Promise<void> {}

  /** Sends one record: `send(topic, value, { key, partition, headers, timestamp })`. */
  send(topic: string, value: RecordData, options?: SendOptions): Promise<RecordMetadata>;
  /** Sends several records to one topic, kafkajs style: `send({ topic, messages })`. */
  send(batch: TopicRecords): Promise<RecordMetadata[]>;
  send(
    target: string | TopicRecords,
    value?: RecordData,
    options: SendOptions = {},
  ): Promise<RecordMetadata | RecordMetadata[]> {
    if (typeof target !== 'string') return this.sendBatch(target.topic, target.messages);
    return this.enqueue(target, [{ ...options, value: value ?? null }]).then((results) => results[0]!);
  }

  /** Sends records to one topic; resolves with one RecordMetadata per record, in order. */
  sendBatch(topic: string, records: ProducerRecord[]): Promise<RecordMetadata[]>;
  /** kafkajs's `sendBatch({ topicMessages: [{ topic, messages }] })`: every record of every topic, in order. */
  sendBatch(batch: { topicMessages: TopicRecords[] }): Promise<RecordMetadata[]>;
  async sendBatch(
    target: string | { topicMessages: TopicRecords[] },
    records: ProducerRecord[] = [],
  ): Promise<RecordMetadata[]> {
    if (typeof target === 'string') return this.enqueue(target, records);
    const results = await Promise.all(target.topicMessages.map((entry) => this.enqueue(entry.topic, entry.messages)));
    return results.flat();
  }

  /** Sends every pending record now; resolves when all of them have been answered (failures stay with their sends). */
  flush(): Promise<void> {
    return this.accumulator.flush();
  }

  /** Flushes, then refuses further sends. */
  async close(): Promise<void> {
    this.closed = true;
    await this.accumulator.flush();
  }

  /** kafkajs's name for close(). */
  disconnect(): Promise<void> {
    return this.close();
  }

  private async enqueue(topic: string, records: ProducerRecord[]): Promise<RecordMetadata[]> {
    if (this.closed) {
      throw new MiniKafkaError('INVALID_REQUEST', 'The producer is closed', { details: { topic, closed: true } });
    }
    assertValidTopicName(topic);
    const prepared = records.map((record) => prepareRecord(topic, record));
    return this.accumulator.appendAll(
      topic,
      prepared,
      prepared.map((record) => record.size),
    );
  }

  /** One batch of a topic's records, in binary unless the broker has no binary produce. */
  private async produce(topic: string, records: PreparedRecord[]): Promise<Array<RecordMetadata | MiniKafkaError>> {
    if (this.binary !== undefined) {
      try {
        return await this.binary.produce(topic, records);
      } catch (error) {
        if (!isMissingRoute(error)) throw error;
        this.binary = undefined;
      }
    }
    return this.produceJson(topic, records);
  }

  /** One JSON produce request; on a rejection caused by some records, splits the batch to find them. */
  private async produceJson(topic: string, records: PreparedRecord[]): Promise<Array<RecordMetadata | MiniKafkaError>> {
    let producer: ProducerInput | undefined;
    let session: ProducerSession | undefined;
    try {
      if (this.idempotence !== undefined) {
        await this.partitions.assign(topic, records);
        session = await this.idempotence.current();
        producer = this.idempotence.producerInput(session, topic, records);
      }
      const body = producer === undefined ? toProduceRequest(records) : { ...toProduceRequest(records), producer };
      const response = await this.transport.request<ProduceResponse>('POST', route`/v1/topics/${topic}/records`, {
        body,
      });
      if (response.records.length !== records.length) {
        throw new MiniKafkaError(
          'UNKNOWN_SERVER_ERROR',
          `The broker answered ${response.records.length} offsets for ${records.length} records`,
          {
            details: { topic },
          },
        );
      }
      if (session !== undefined && producer !== undefined) {
        this.idempotence?.acknowledge(session, topic, producer, records);
      }
      return response.records.map(({ partition, offset }) => ({ topic, partition, offset }));
    } catch (error) {
      const failure = toMiniKafkaError(error);
      this.partitions.failed(topic, failure);
      if (session !== undefined) this.idempotence?.failed(session, failure);
      if (records.length > 1 && causedBySomeRecords(failure, records)) {
        const middle = Math.ceil(records.length / 2);
        const first = await this.produceJson(topic, records.slice(0, middle));
        const second = await this.produceJson(topic, records.slice(middle));
        return [...first, ...second];
      }
      return records.map(() => failure);
    }
  }
}

function causedBySomeRecords(error: MiniKafkaError, records: PreparedRecord[]): boolean {
  if (SPLITTABLE.has(error.type)) return true;
  return (
    error.type === 'UNKNOWN_TOPIC_OR_PARTITION' &&
    typeof error.details.partition === 'number' &&
    records.some((record) => record.partition !== undefined)
  );
}
