/**
 * Mini Kafka's own SDK (@mini-kafka/client) with its defaults (idempotent producer,
 * autoCommit) on a 4-partition topic: the producer's `sendBatch` of 1,000 records, 4 in
 * flight; then a group of 1, of 2 and of 4 consumers (`run` with `eachBatch`, maxRecords
 * 1,000), each group reading the whole topic from the beginning. A group's rate counts
 * each record once, from the first records any member got to the last record; records
 * delivered twice in a rebalance are counted apart and noted.
 */
import { type Consumer, MiniKafka } from '@mini-kafka/client';
import { createTopic } from '../load/fill.js';
import { windowed } from '../load/windowed.js';
import { startBroker } from '../procs/broker-process.js';
import { ConsumeClock, measure, since, type Timed } from './measure.js';
import type { Scenario, ScenarioContext } from './scenario.js';

const PARTITIONS = 4;

async function produce(
  kafka: MiniKafka,
  ctx: ScenarioContext,
  topic: string,
  records: number,
  progress: (done: number) => void,
): Promise<Timed> {
  const { batchRecords, inFlightBatches } = ctx.plan;
  const producer = kafka.producer();
  let done = 0;
  const start = performance.now();
  await windowed(Math.ceil(records / batchRecords), inFlightBatches, async (batch) => {
    const first = batch * batchRecords;
    const count = Math.min(batchRecords, records - first);
    const list = Array.from({ length: count }, (_, i) => ({ value: ctx.values[(first + i) % ctx.values.length]! }));
    await producer.sendBatch(topic, list);
    done += count;
    progress(done);
  });
  const seconds = since(start);
  await producer.close();
  return { records, seconds };
}

interface GroupRead extends Timed {
  duplicates: number;
  joinMs: number;
}

async function consumeAsGroup(
  kafka: MiniKafka,
  ctx: ScenarioContext,
  topic: string,
  members: number,
  progress: (done: number) => void,
): Promise<GroupRead> {
  const ends = (await kafka.admin().fetchTopicOffsets(topic)).map((entry) => entry.high);
  const total = ends.reduce((sum, end) => sum + end, 0);
  const next = ends.map(() => 0);
  const clock = new ConsumeClock();
  let duplicates = 0;
  let finished: () => void = () => undefined;
  const allRead = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const groupId = `${topic}-${members}-members`;
  const consumers: Consumer[] = [];
  try {
    await Promise.all(
      Array.from({ length: members }, async () => {
        const consumer = kafka.consumer({ groupId, fromBeginning: true, maxRecords: ctx.plan.batchRecords });
        consumers.push(consumer);
        await consumer.subscribe(topic);
        await consumer.run({
          eachBatch: ({ batch }) => {
            let fresh = 0;
            for (const message of batch.messages) {
              if (message.offset >= next[batch.partition]!) {
                fresh++;
                next[batch.partition] = message.offset + 1;
              } else {
                duplicates++;
              }
            }
            clock.add(fresh);
            progress(clock.received);
            if (clock.received >= total) finished();
          },
        });
      }),
    );
    await allRead;
  } finally {
    await Promise.all(consumers.map((consumer) => consumer.close()));
  }
  return { ...clock.timed(), duplicates, joinMs: clock.firstDelayMs() };
}

export const sdk: Scenario = {
  id: 'sdk',
  title: 'Mini Kafka SDK (@mini-kafka/client)',
  needs: [],
  units: (plan) => plan.records * (1 + plan.sdkMembers.length),
  async round(ctx) {
    const { plan } = ctx;
    const broker = await startBroker();
    const kafka = new MiniKafka({ url: broker.url, clientId: 'bench' });
    try {
      for (const topic of ['warmup', 'bench']) await createTopic(broker.http, topic, PARTITIONS);
      const skip = (): void => undefined;
      await produce(kafka, ctx, 'warmup', plan.warmupRecords, skip);
      await consumeAsGroup(kafka, ctx, 'warmup', 1, skip);
      const serverPid = broker.child.pid;
      await measure(ctx, { key: 'sdk.produce', label: 'sendBatch', units: plan.records, serverPid }, (progress) =>
        produce(kafka, ctx, 'bench', plan.records, progress),
      );
      for (const members of plan.sdkMembers) {
        const key = `sdk.consume-${members}`;
        const label = `run eachBatch, ${members} member${members > 1 ? 's' : ''}`;
        let read: GroupRead | undefined;
        await measure(ctx, { key, label, units: plan.records, serverPid }, async (progress) => {
          read = await consumeAsGroup(kafka, ctx, 'bench', members, progress);
          return read;
        });
        ctx.results.record(`${key}.join.ms`, read!.joinMs);
        ctx.results.record(`${key}.duplicates.count`, read!.duplicates);
        if (read!.duplicates > 0)
          ctx.note(`SDK ${members} members: records delivered twice in rebalances (counted once)`);
      }
    } finally {
      await broker.stop('kill');
    }
  },
};
