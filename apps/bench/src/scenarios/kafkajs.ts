/**
 * kafkajs, the pure-JavaScript Kafka client, against Mini Kafka's Kafka listener, one
 * partition, kafkajs's defaults (acks -1): `sendBatch` of 1,000 records, 4 in flight; then
 * one consumer of a group, `run` with `eachBatch` from the beginning (kafkajs commits after
 * each batch). The consume rate runs from the first batch to the last record, so joining
 * the group (the broker's initial rebalance delay included) is reported apart.
 */
import { Kafka, logLevel } from 'kafkajs';
import { createTopic } from '../load/fill.js';
import { windowed } from '../load/windowed.js';
import { startBroker } from '../procs/broker-process.js';
import { ConsumeClock, measure, since, type Timed } from './measure.js';
import type { Scenario, ScenarioContext } from './scenario.js';

async function produce(
  kafka: Kafka,
  ctx: ScenarioContext,
  topic: string,
  records: number,
  progress: (done: number) => void,
): Promise<Timed> {
  const { batchRecords, inFlightBatches } = ctx.plan;
  const producer = kafka.producer();
  await producer.connect();
  let done = 0;
  const start = performance.now();
  await windowed(Math.ceil(records / batchRecords), inFlightBatches, async (batch) => {
    const first = batch * batchRecords;
    const count = Math.min(batchRecords, records - first);
    const messages = Array.from({ length: count }, (_, i) => ({ value: ctx.values[(first + i) % ctx.values.length]! }));
    await producer.sendBatch({ topicMessages: [{ topic, messages }] });
    done += count;
    progress(done);
  });
  const seconds = since(start);
  await producer.disconnect();
  return { records, seconds };
}

async function consume(
  kafka: Kafka,
  topic: string,
  records: number,
  progress: (done: number) => void,
): Promise<Timed & { joinMs: number }> {
  const consumer = kafka.consumer({ groupId: `${topic}-kafkajs` });
  const clock = new ConsumeClock();
  let finished: () => void = () => undefined;
  const allRead = new Promise<void>((resolve) => {
    finished = resolve;
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        clock.add(Math.min(batch.messages.length, records - clock.received));
        progress(clock.received);
        if (clock.received >= records) finished();
      },
    });
    await allRead;
  } finally {
    await consumer.disconnect();
  }
  return { ...clock.timed(), joinMs: clock.firstDelayMs() };
}

export const kafkajs: Scenario = {
  id: 'kafkajs',
  title: 'kafkajs over the Kafka protocol',
  needs: [],
  units: (plan) => 2 * plan.records,
  async round(ctx) {
    const { plan } = ctx;
    const broker = await startBroker();
    const kafka = new Kafka({ clientId: 'bench', brokers: [broker.kafka], logLevel: logLevel.NOTHING });
    try {
      for (const topic of ['warmup', 'bench']) await createTopic(broker.http, topic, 1);
      const skip = (): void => undefined;
      await produce(kafka, ctx, 'warmup', plan.warmupRecords, skip);
      await consume(kafka, 'warmup', plan.warmupRecords, skip);
      const serverPid = broker.child.pid;
      await measure(ctx, { key: 'kafkajs.produce', label: 'sendBatch', units: plan.records, serverPid }, (progress) =>
        produce(kafka, ctx, 'bench', plan.records, progress),
      );
      let joinMs = Number.NaN;
      await measure(ctx, { key: 'kafkajs.consume', label: 'eachBatch', units: plan.records, serverPid }, async (p) => {
        const read = await consume(kafka, 'bench', plan.records, p);
        joinMs = read.joinMs;
        return read;
      });
      ctx.results.record('kafkajs.consume.join.ms', joinMs);
    } finally {
      await broker.stop('kill');
    }
  },
};
