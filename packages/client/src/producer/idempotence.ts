/**
 * Idempotence: what makes the producer's retries safe. It holds the producer id and epoch
 * the broker handed out (`POST /v1/producers`, asked once, lazily) and numbers each
 * partition's records with Kafka's sequence numbers; partitions are picked by the producer
 * (TopicPartitions). A request carries the producer id, epoch and each partition's base
 * sequence (in the JSON body's `producer`, or in the RecordBatch header on the binary
 * transport); the transport resends the same bytes on a retriable failure, so the broker
 * recognizes a request it already stored and stores it only once.
 *
 * Sequences advance only when a request succeeds. A request refused before anything was
 * written (a record too large or invalid, an unknown partition, a malformed request) leaves
 * them where they were, so the split halves that isolate bad records reuse them. After any
 * other failure nobody knows what the broker kept, so the producer id is dropped: the next
 * request asks for a new one and numbers from 0 (Kafka's producer resets the same way).
 * Sequences belong to the producer session (id and epoch) that numbered them, so a request
 * still in flight when its session is dropped cannot move the numbers of the next one. One
 * request per topic and partition is in flight at a time (the accumulator's rule), so a
 * partition's sequences never race.
 */

import type { ErrorType, InitProducerResponse, MiniKafkaError, ProducerInput } from '@mini-kafka/protocol';
import type { HttpTransport } from '../http-transport.js';
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
  'CORRUPT_MESSAGE',
  'UNSUPPORTED_VERSION',
]);

/** A producer id and epoch with the next sequence of each partition it wrote to. */
export interface ProducerSession extends InitProducerResponse {
  /** Next sequence per `topic/partition`. */
  readonly sequences: Map<string, number>;
}

export class Idempotence {
  private session: Promise<ProducerSession> | undefined;
  /** What `session` resolved to. */
  private settled: ProducerSession | undefined;

  constructor(private readonly transport: HttpTransport) {}

  /** The current producer session, asking the broker for a producer id first when there is none. */
  current(): Promise<ProducerSession> {
    this.session ??= this.transport.request<InitProducerResponse>('POST', '/v1/producers').then(
      ({ producerId, producerEpoch }) => {
        this.settled = { producerId, producerEpoch, sequences: new Map() };
        return this.settled;
      },
      (error: unknown) => {
        this.session = undefined;
        throw error;
      },
    );
    return this.session;
  }

  /** The sequence of the next record `session` writes to a partition. */
  baseSequence(session: ProducerSession, topic: string, partition: number): number {
    return session.sequences.get(`${topic}/${partition}`) ?? 0;
  }

  /** `count` records of `session` were stored in a partition: its sequence moves past them. */
  advance(session: ProducerSession, topic: string, partition: number, count: number): void {
    const next = this.baseSequence(session, topic, partition) + count;
    session.sequences.set(`${topic}/${partition}`, next > MAX_SEQUENCE ? next - MAX_SEQUENCE - 1 : next);
  }

  /** The JSON `producer` field for a request of `records` (all partitioned). */
  producerInput(session: ProducerSession, topic: string, records: readonly PreparedRecord[]): ProducerInput {
    const baseSequences: ProducerInput['baseSequences'] = [];
    for (const partition of new Set(records.map((record) => record.partition!))) {
      baseSequences.push({ partition, baseSequence: this.baseSequence(session, topic, partition) });
    }
    return { producerId: session.producerId, producerEpoch: session.producerEpoch, baseSequences };
  }

  /** A JSON request with `producer` succeeded: its partitions' sequences move past its records. */
  acknowledge(session: ProducerSession, topic: string, producer: ProducerInput, records: readonly PreparedRecord[]) {
    for (const { partition } of producer.baseSequences) {
      const count = records.filter((record) => record.partition === partition).length;
      this.advance(session, topic, partition, count);
    }
  }

  /** A request of `session` failed with `error`: drop the session unless nothing was written. */
  failed(session: ProducerSession, error: MiniKafkaError): void {
    if (NOTHING_WRITTEN.has(error.type) || this.settled !== session) return;
    this.session = undefined;
    this.settled = undefined;
  }
}
