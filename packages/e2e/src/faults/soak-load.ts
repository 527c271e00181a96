/**
 * The soak's load against one broker: producers at a steady rate (a /v1 batch POST and a
 * kafkajs send with acks -1, each every 100 ms), and consumers that join and leave: HTTP
 * group members (each reads and commits in a loop until told to leave, then leaves with
 * DELETE) and kafkajs group consumers (auto-commit, disconnect to leave). Counts what was
 * acknowledged and consumed; `churn()` makes one seeded join or leave, keeping 1–3 HTTP
 * members and 1–2 kafkajs consumers, so each group always has someone reading.
 */
import type { SeededRandom } from '@mini-kafka/testing';
import { type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';
import { call } from '../support/json-call.js';

export const SOAK_TOPIC = 'soak';
export const SOAK_PARTITIONS = 3;
export const HTTP_GROUP = 'soak-http';
export const KAFKAJS_GROUP = 'soak-kafkajs';
const TICK_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface HttpMember {
  id: string;
  leaving: boolean;
  done: Promise<void>;
}

export class SoakLoad {
  produced = 0;
  consumed = { http: 0, kafkajs: 0 };
  failures = 0;
  private stopped = false;
  private readonly tasks: Promise<void>[] = [];
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private readonly httpMembers: HttpMember[] = [];
  private readonly kafkajsMembers: Consumer[] = [];
  private joined = 0;

  constructor(
    private readonly url: string,
    bootstrap: string,
    private readonly random: SeededRandom,
    /** Records per tick of each producer (10 ticks a second). */
    private readonly perTick: number,
  ) {
    const retry = { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 };
    this.kafka = new Kafka({ clientId: 'soak', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry });
  }

  get members(): { http: number; kafkajs: number } {
    return { http: this.httpMembers.length, kafkajs: this.kafkajsMembers.length };
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer();
    await this.producer.connect();
    this.tasks.push(
      this.every(() => this.produceHttp()),
      this.every(() => this.produceKafkajs()),
    );
    this.joinHttp();
    await this.joinKafkajs();
  }

  /** One join or leave, drawn from the seed. */
  async churn(): Promise<void> {
    const http = this.random.int(2) === 0;
    const count = http ? this.httpMembers.length : this.kafkajsMembers.length;
    const max = http ? 3 : 2;
    const join = count <= 1 ? true : count >= max ? false : this.random.int(2) === 0;
    if (http && join) this.joinHttp();
    else if (http) await this.leaveHttp(this.httpMembers[this.random.int(this.httpMembers.length)]!);
    else if (join) await this.joinKafkajs();
    else await this.leaveKafkajs(this.kafkajsMembers[this.random.int(this.kafkajsMembers.length)]!);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.tasks);
    for (const member of [...this.httpMembers]) await this.leaveHttp(member);
    for (const consumer of [...this.kafkajsMembers]) await this.leaveKafkajs(consumer);
    await this.producer?.disconnect();
  }

  /** Runs `step` every tick (a fixed rate: a slow step is not made up for by a burst). */
  private async every(step: () => Promise<void>): Promise<void> {
    let next = Date.now();
    while (!this.stopped) {
      await step().catch(() => {
        this.failures++;
      });
      next = Math.max(next + TICK_MS, Date.now());
      await sleep(next - Date.now());
    }
  }

  private payload(): string {
    return this.random.bytes(150).toString('base64');
  }

  private async produceHttp(): Promise<void> {
    const records = Array.from({ length: this.perTick }, (_, i) => ({ key: `k${i % 17}`, value: this.payload() }));
    const { status } = await call(this.url, 'POST', `/v1/topics/${SOAK_TOPIC}/records`, { records });
    if (status !== 200) throw new Error(`produce answered ${status}`);
    this.produced += records.length;
  }

  private async produceKafkajs(): Promise<void> {
    const messages = Array.from({ length: this.perTick }, (_, i) => ({ key: `j${i % 13}`, value: this.payload() }));
    await this.producer!.send({ topic: SOAK_TOPIC, acks: -1, messages });
    this.produced += messages.length;
  }

  private joinHttp(): void {
    const member: HttpMember = { id: `soak-member-${this.joined++}`, leaving: false, done: Promise.resolve() };
    member.done = this.runHttpMember(member);
    this.httpMembers.push(member);
  }

  private async runHttpMember(member: HttpMember): Promise<void> {
    const base = `/v1/groups/${HTTP_GROUP}`;
    let generationId: number | undefined;
    while (!member.leaving) {
      try {
        if (generationId === undefined) {
          const body = { topics: [SOAK_TOPIC], memberId: member.id, sessionTimeoutMs: 10_000 };
          const joined = await call(this.url, 'POST', `${base}/members`, body);
          if (joined.status !== 200) throw new Error(`join answered ${joined.status}`);
          generationId = joined.body.generationId as number;
        }
        const query = `maxRecords=500&waitMs=300&generationId=${generationId}`;
        const read = await call(this.url, 'GET', `${base}/members/${member.id}/records?${query}`);
        if (read.status !== 200 || read.body.rebalanceRequired) {
          generationId = undefined;
          continue;
        }
        const next = new Map<number, number>();
        for (const record of read.body.records as { partition: number; offset: number }[]) {
          next.set(record.partition, record.offset + 1);
        }
        this.consumed.http += read.body.records.length;
        if (next.size === 0) continue;
        const offsets = [...next].map(([partition, offset]) => ({ topic: SOAK_TOPIC, partition, offset }));
        const commit = await call(this.url, 'POST', `${base}/offsets`, { memberId: member.id, generationId, offsets });
        if (commit.status !== 200) generationId = undefined;
      } catch {
        this.failures++;
        await sleep(100);
      }
    }
    await call(this.url, 'DELETE', `${base}/members/${member.id}`).catch(() => undefined);
  }

  private async leaveHttp(member: HttpMember): Promise<void> {
    this.httpMembers.splice(this.httpMembers.indexOf(member), 1);
    member.leaving = true;
    await member.done;
  }

  private async joinKafkajs(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: KAFKAJS_GROUP,
      sessionTimeout: 10_000,
      rebalanceTimeout: 5_000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 300,
    });
    this.kafkajsMembers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [SOAK_TOPIC], fromBeginning: true });
    await consumer.run({
      autoCommitInterval: 1000,
      eachBatch: async ({ batch }) => {
        this.consumed.kafkajs += batch.messages.length;
      },
    });
  }

  private async leaveKafkajs(consumer: Consumer): Promise<void> {
    this.kafkajsMembers.splice(this.kafkajsMembers.indexOf(consumer), 1);
    await consumer.disconnect();
  }
}
