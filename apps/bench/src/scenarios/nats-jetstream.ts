/**
 * NATS JetStream through nats.js 2.x, its own Node client: a file-store stream, async
 * publishes with at most 1,000 outstanding (each awaits its PubAck), then a durable pull
 * consumer fetching 1,000 at a time and acknowledging each batch with one cumulative ack
 * (AckPolicy.All, the last message's ack; awaited for the final batch). One ack per batch
 * is what a Kafka commit does, and the fastest way nats.js acknowledges.
 */
import { AckPolicy, connect, type JetStreamClient, type JsMsg, type NatsConnection, StorageType } from 'nats';
import { windowed } from '../load/windowed.js';
import { startNats } from '../procs/anchor-servers.js';
import { ConsumeClock, measure, since, type Timed } from './measure.js';
import type { Scenario, ScenarioContext } from './scenario.js';

async function produce(
  js: JetStreamClient,
  ctx: ScenarioContext,
  payloads: Uint8Array[],
  subject: string,
  records: number,
  progress: (done: number) => void,
): Promise<Timed> {
  let done = 0;
  const start = performance.now();
  await windowed(records, ctx.plan.natsOutstanding, async (i) => {
    await js.publish(subject, payloads[i % payloads.length]);
    done++;
    if (done % 1000 === 0) progress(done);
  });
  return { records, seconds: since(start) };
}

async function consume(
  nc: NatsConnection,
  stream: string,
  batch: number,
  records: number,
  progress: (done: number) => void,
): Promise<Timed> {
  const jsm = await nc.jetstreamManager();
  await jsm.consumers.add(stream, { durable_name: 'bench', ack_policy: AckPolicy.All });
  const consumer = await nc.jetstream().consumers.get(stream, 'bench');
  const clock = new ConsumeClock();
  while (clock.received < records) {
    const messages = await consumer.fetch({ max_messages: Math.min(batch, records - clock.received), expires: 30_000 });
    let last: JsMsg | undefined;
    let count = 0;
    for await (const message of messages) {
      last = message;
      count++;
    }
    if (last === undefined) throw new Error(`a fetch returned nothing after ${clock.received} records`);
    clock.add(count);
    if (clock.received < records) last.ack();
    else await last.ackAck();
    progress(clock.received);
  }
  return clock.timed();
}

async function addStream(nc: NatsConnection, name: string, subject: string): Promise<void> {
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name, subjects: [subject], storage: StorageType.File });
}

export const natsJetStream: Scenario = {
  id: 'nats',
  title: 'NATS JetStream + nats.js',
  needs: ['nats-server'],
  units: (plan) => 2 * plan.records,
  async round(ctx) {
    const server = await startNats(ctx.commands['nats-server']!);
    const nc = await connect({ servers: `127.0.0.1:${server.port}`, reconnect: false });
    try {
      const encoder = new TextEncoder();
      const payloads = ctx.values.map((value) => encoder.encode(value));
      const js = nc.jetstream();
      const { records, batchRecords, warmupRecords } = ctx.plan;
      const skip = (): void => undefined;
      await addStream(nc, 'WARMUP', 'warmup');
      await produce(js, ctx, payloads, 'warmup', warmupRecords, skip);
      await consume(nc, 'WARMUP', batchRecords, warmupRecords, skip);
      await addStream(nc, 'BENCH', 'bench');
      const serverPid = server.child.pid;
      await measure(ctx, { key: 'nats.produce', label: 'publish', units: records, serverPid }, (progress) =>
        produce(js, ctx, payloads, 'bench', records, progress),
      );
      await measure(ctx, { key: 'nats.consume', label: 'fetch', units: records, serverPid }, (progress) =>
        consume(nc, 'BENCH', batchRecords, records, progress),
      );
    } finally {
      await nc.close();
      await server.stop();
    }
  },
};
