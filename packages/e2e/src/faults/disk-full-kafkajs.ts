/**
 * The Kafka side of the disk-full scenario, through one address that outlives a restart (a
 * DroppingProxy that drops nothing): kafkajs producers with acks -1, one plain and one
 * `idempotent: true`, sending 1–10 records spread over one topic's partitions; a kafkajs
 * consumer group on the kept topic that checks what it is handed and commits explicitly
 * (`commitOffsets`, so each refused commit is seen where it happens); an admin client for
 * CreateTopics, DeleteTopics and DeleteRecords. Producers never auto-create topics (their
 * metadata requests would bring a deleted fill topic back).
 *
 * Few retries on purpose: KAFKA_STORAGE_ERROR is retriable, so kafkajs retries it and gives
 * up with it as the cause. `retryingSend` is the other case: an idempotent producer with
 * room to retry, whose send started on a full disk must get through once space returns,
 * stored once.
 */
import type { SeededRandom } from '@mini-kafka/testing';
import { type Admin, type Consumer, Kafka, logLevel, type Producer, type RecordMetadata } from 'kafkajs';
import type { TopicSpec } from './crash-verify.js';
import { KAFKAJS_GROUP, KEEP_TOPIC, type LoadContext } from './disk-full-load.js';
import { Ledger, type SentRecord } from './ledger.js';

export type KafkajsProducerKind = 'kafkajs' | 'kafkajs-idempotent';

const QUICK_RETRY = { retries: 2, initialRetryTime: 50, maxRetryTime: 200 };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class DiskKafkajs {
  consumed = 0;
  mismatches = 0;
  /** Times the consumer joined its group (again after a restart). */
  joins = 0;
  /** The consumer's last crash, for a problem's text, and how often it was started again after one. */
  lastCrash = '';
  consumerRestarts = 0;
  private stopping = false;
  private readonly kafka: Kafka;
  private readonly producers = new Map<KafkajsProducerKind, Producer>();
  private consumer: Consumer | undefined;
  private adminClient: Admin | undefined;
  /** Per partition of the kept topic: the next offset to commit (after what was consumed), and the last commit taken. */
  private readonly consumedUpTo = new Map<number, number>();
  private readonly committed = new Map<number, number>();

  constructor(
    bootstrap: string,
    private readonly ctx: LoadContext,
  ) {
    this.kafka = new Kafka({
      clientId: 'disk-full',
      brokers: [bootstrap],
      logLevel: logLevel.NOTHING,
      retry: QUICK_RETRY,
    });
  }

  get admin(): Admin {
    return this.adminClient!;
  }

  async connect(): Promise<void> {
    await this.connectProducers();
    await this.startConsumer();
  }

  /**
   * Starts the group's consumer. kafkajs restarts a consumer that crashed on a retriable
   * error by itself; one that crashed for good (a broker gone for longer than its retries,
   * say) is started again here, as an application would.
   */
  private async startConsumer(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: KAFKAJS_GROUP,
      sessionTimeout: 10_000,
      rebalanceTimeout: 5_000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 400 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => {
      for (const { topic, partitions } of payload.topics) {
        for (const { partition, offset } of partitions) {
          this.committed.set(Number(partition), Number(offset));
          this.ctx.ledgers.of(topic).commit(KAFKAJS_GROUP, topic, Number(partition), Number(offset));
        }
      }
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.lastCrash = `${payload.error.name}: ${payload.error.message} (restart: ${payload.restart})`;
      if (payload.restart || this.stopping) return;
      this.consumerRestarts++;
      void this.startAgain(consumer);
    });
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => {
        this.joins++;
        resolve();
      }),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: [KEEP_TOPIC.name], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        this.consumed++;
        const value = message.value ?? Buffer.alloc(0);
        const sent = this.ctx.ledgers.of(topic).lookup(value);
        if (sent === undefined || !Ledger.same(sent, message.key, value)) {
          this.mismatches++;
          this.ctx.refusals.problem(`${KAFKAJS_GROUP} read ${topic}-${partition}@${message.offset}: not what was sent`);
        }
        this.consumedUpTo.set(partition, Number(message.offset) + 1);
      },
    });
    await joined;
  }

  /**
   * Starts the consumer again after a crash for good, as an application would: while the
   * broker is still down (a restart in progress) the start fails too, so it is tried again,
   * a second apart, until it joins or the scenario stops.
   */
  private async startAgain(crashed: Consumer): Promise<void> {
    await crashed.disconnect().catch(() => undefined);
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.startConsumer();
        return;
      } catch (error) {
        this.lastCrash += `; starting it again (attempt ${attempt}) failed: ${(error as Error).message}`;
        await this.consumer?.disconnect().catch(() => undefined);
        await sleep(1_000);
      }
    }
  }

  /**
   * New producers and admin client. kafkajs refreshes the metadata of every topic a client
   * ever used, and fails on one that was deleted, for good: like any kafkajs application,
   * the scenario starts new clients after it deletes a topic they used.
   */
  async renewClients(): Promise<void> {
    for (const producer of this.producers.values()) await producer.disconnect();
    await this.adminClient?.disconnect();
    await this.connectProducers();
  }

  private async connectProducers(): Promise<void> {
    for (const kind of ['kafkajs', 'kafkajs-idempotent'] as const) {
      const idempotent = kind === 'kafkajs-idempotent';
      const producer = this.kafka.producer({
        idempotent,
        maxInFlightRequests: idempotent ? 1 : undefined,
        allowAutoTopicCreation: false,
        retry: QUICK_RETRY,
      });
      await producer.connect();
      this.producers.set(kind, producer);
    }
    this.adminClient = this.kafka.admin();
    await this.adminClient.connect();
  }

  /**
   * One send of 1–10 records with acks -1 to the kept or the fill topic: the plain producer
   * spreads them over the partitions, the idempotent one sends to one partition. kafkajs
   * 2.2.4 steps an idempotent producer's sequence numbers back for every partition of a
   * request when one partition fails, also for those the broker appended; its next send to
   * such a partition is then OUT_OF_ORDER_SEQUENCE_NUMBER (or, with as many records, taken
   * for a resend of the batch already stored). On a filling disk one partition can still
   * take a batch that another refuses.
   */
  async send(kind: KafkajsProducerKind, random: SeededRandom): Promise<void> {
    const { ctx } = this;
    const topic = random.int(8) === 0 && ctx.keepBudget > 0 ? KEEP_TOPIC : ctx.fill;
    const ledger = ctx.ledgers.of(topic.name);
    const sent: { record: SentRecord; partition: number }[] = [];
    const onePartition = kind === 'kafkajs-idempotent' ? random.int(topic.partitions) : undefined;
    for (let i = 1 + random.int(10); i > 0; i--) {
      const key = random.int(2) === 0 ? random.bytes(1 + random.int(16)) : null;
      const partition = onePartition ?? random.int(topic.partitions);
      sent.push({ record: ledger.record(kind, 0, topic.name, random, { key }), partition });
    }
    if (topic === KEEP_TOPIC) ctx.keepBudget -= sent.reduce((sum, { record }) => sum + record.value.length, 0);
    let answers: RecordMetadata[];
    try {
      answers = await this.producers.get(kind)!.send({
        topic: topic.name,
        acks: -1,
        messages: sent.map(({ record, partition }) => ({ key: record.key, value: record.value, partition })),
      });
    } catch (error) {
      if (ctx.killing) ctx.cut++;
      else ctx.refusals.kafkajs(kind === 'kafkajs' ? 'kafkajs-produce' : 'kafkajs-idempotent-produce', error);
      await sleep(20);
      return;
    }
    acknowledge(ledger, topic, sent, answers);
  }

  /** Commits what the group consumed since its last commit, if anything. */
  async commitStep(): Promise<void> {
    const offsets = [...this.consumedUpTo].filter(([partition, offset]) => this.committed.get(partition) !== offset);
    if (offsets.length === 0) return sleep(50);
    await this.commit(offsets);
  }

  /** Commits the group's position on partition 0 of the kept topic again; resolves to whether it was taken. */
  async commitAgain(): Promise<boolean> {
    const offset = this.consumedUpTo.get(0) ?? this.committed.get(0) ?? 0;
    return this.commit([[0, offset]]);
  }

  private async commit(offsets: [number, number][]): Promise<boolean> {
    try {
      await this.consumer!.commitOffsets(
        offsets.map(([partition, offset]) => ({ topic: KEEP_TOPIC.name, partition, offset: String(offset) })),
      );
      return true;
    } catch (error) {
      if (this.ctx.killing) this.ctx.cut++;
      else this.ctx.refusals.kafkajs('kafkajs-commit', error);
      await sleep(20);
      return false;
    }
  }

  /** A new idempotent producer (InitProducerId writes to the data directory); resolves to the error of connecting, if any. */
  async connectNewIdempotent(): Promise<unknown> {
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: QUICK_RETRY });
    try {
      await producer.connect();
      return undefined;
    } catch (error) {
      return error;
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  async disconnect(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect();
    for (const producer of this.producers.values()) await producer.disconnect();
    await this.adminClient?.disconnect();
  }
}

/** Records a send's acknowledgement: each partition's base offset, the records of that partition following in the order sent. */
function acknowledge(
  ledger: Ledger,
  topic: TopicSpec,
  sent: readonly { record: SentRecord; partition: number }[],
  answers: readonly RecordMetadata[],
): void {
  for (const answer of answers) {
    if (answer.errorCode !== 0 || answer.baseOffset === undefined) {
      throw new Error(`kafkajs send to ${topic.name}-${answer.partition}: error ${answer.errorCode}`);
    }
    const base = Number(answer.baseOffset);
    const inPartition = sent.filter(({ partition }) => partition === answer.partition);
    for (const [i, { record }] of inPartition.entries()) ledger.acknowledge(record, answer.partition, base + i);
  }
}

/**
 * An idempotent producer with room to retry (about 20 s), connected while there is space
 * (InitProducerId writes). A send it starts on a full disk is refused with
 * KAFKA_STORAGE_ERROR and retried; once space returns it must go through, stored once.
 */
export class RetryingSender {
  private readonly producer: Producer;
  private sawRefusal: () => void = () => undefined;

  constructor(bootstrap: string) {
    const kafka = new Kafka({
      clientId: 'disk-full-retrying',
      brokers: [bootstrap],
      logLevel: logLevel.ERROR,
      logCreator: () => (entry) => {
        if (entry.log.message.startsWith('Failed to send messages')) this.sawRefusal();
      },
    });
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 40, initialRetryTime: 100, maxRetryTime: 500 },
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  /** Sends three records to partition 0 of `topic`: `refused` resolves once kafkajs retries a refusal, `acknowledged` once it went through. */
  send(
    ledger: Ledger,
    topic: TopicSpec,
    random: SeededRandom,
  ): { refused: Promise<void>; acknowledged: Promise<void> } {
    const refused = new Promise<void>((resolve) => {
      this.sawRefusal = resolve;
    });
    const sent = [0, 1, 2].map(() => ({
      record: ledger.record('kafkajs-idempotent', 1, topic.name, random, { key: null }),
      partition: 0,
    }));
    const acknowledged = this.producer
      .send({
        topic: topic.name,
        acks: -1,
        messages: sent.map(({ record, partition }) => ({ key: record.key, value: record.value, partition })),
      })
      .then((answers) => acknowledge(ledger, topic, sent, answers));
    return { refused, acknowledged };
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
