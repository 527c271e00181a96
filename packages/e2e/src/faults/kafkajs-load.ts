/**
 * The Kafka side of the crash harness's mixed load, through one address that outlives the
 * broker (a DroppingProxy retargeted after each restart): two kafkajs producers with
 * acks -1, one plain and one `idempotent: true`, each send 1–10 records spread over the
 * partitions of one topic; and a kafkajs consumer group that checks every record it is
 * handed against what was sent and auto-commits. A send's acknowledgement gives each
 * partition's base offset; the records of that partition follow in the order sent. A commit
 * is recorded when kafkajs reports it done (its COMMIT_OFFSETS event follows the broker's
 * answer).
 */
import type { SeededRandom } from '@mini-kafka/testing';
import { type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';
import type { TopicSpec } from './crash-verify.js';
import { Ledger, type SentRecord } from './ledger.js';

type ProducerKind = 'kafkajs' | 'kafkajs-idempotent';

const RETRY = { retries: 60, initialRetryTime: 100, maxRetryTime: 1000 };

export class KafkajsLoad {
  consumed = 0;
  /** Records handed out that were not what was sent (must stay 0). */
  mismatches = 0;
  private readonly kafka: Kafka;
  private readonly producers = new Map<ProducerKind, Producer>();
  private consumer: Consumer | undefined;

  constructor(
    bootstrap: string,
    private readonly ledger: Ledger,
    private readonly topics: readonly TopicSpec[],
    private readonly group: string,
    private readonly problems: string[],
  ) {
    this.kafka = new Kafka({ clientId: 'fault-suite', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: RETRY });
  }

  async connect(): Promise<void> {
    for (const kind of ['kafkajs', 'kafkajs-idempotent'] as const) {
      const idempotent = kind === 'kafkajs-idempotent';
      const producer = this.kafka.producer({ idempotent, maxInFlightRequests: idempotent ? 1 : undefined });
      await producer.connect();
      this.producers.set(kind, producer);
    }
    const consumer = this.kafka.consumer({
      groupId: this.group,
      sessionTimeout: 10_000,
      rebalanceTimeout: 5_000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 200,
      retry: RETRY,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => {
      for (const { topic, partitions } of payload.topics) {
        for (const { partition, offset } of partitions) {
          this.ledger.commit(this.group, topic, Number(partition), Number(offset));
        }
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics.map((topic) => topic.name), fromBeginning: true });
    await consumer.run({
      autoCommitInterval: 200,
      eachMessage: async ({ topic, partition, message }) => {
        this.consumed++;
        const value = message.value ?? Buffer.alloc(0);
        const sent = this.ledger.lookup(value);
        if (sent === undefined || !Ledger.same(sent, message.key, value)) {
          this.mismatches++;
          this.problems.push(`${this.group} read ${topic}-${partition}@${message.offset}: not what was sent`);
        }
      },
    });
  }

  /** One send of 1–10 records with acks -1; resolves once acknowledged (kafkajs retries across a restart). */
  async send(kind: ProducerKind, random: SeededRandom): Promise<void> {
    const producer = this.producers.get(kind)!;
    const topic = this.topics[random.int(this.topics.length)]!;
    const sent: { record: SentRecord; partition: number }[] = [];
    for (let i = 1 + random.int(10); i > 0; i--) {
      const key = random.int(2) === 0 ? random.bytes(1 + random.int(16)) : null;
      sent.push({
        record: this.ledger.record(kind, 0, topic.name, random, { key }),
        partition: random.int(topic.partitions),
      });
    }
    const answers = await producer.send({
      topic: topic.name,
      acks: -1,
      messages: sent.map(({ record, partition }) => ({ key: record.key, value: record.value, partition })),
    });
    for (const answer of answers) {
      if (answer.errorCode !== 0 || answer.baseOffset === undefined) {
        throw new Error(`kafkajs send to ${topic.name}-${answer.partition}: error ${answer.errorCode}`);
      }
      const base = Number(answer.baseOffset);
      const inPartition = sent.filter(({ partition }) => partition === answer.partition);
      for (const [i, { record }] of inPartition.entries()) this.ledger.acknowledge(record, answer.partition, base + i);
    }
  }

  async disconnect(): Promise<void> {
    await this.consumer?.disconnect();
    for (const producer of this.producers.values()) await producer.disconnect();
  }
}
