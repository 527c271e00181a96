/**
 * Mutated real frames on the Kafka port. A corpus of request frames is recorded from real
 * kafkajs traffic (admin, an idempotent producer, a consumer group: ApiVersions, Metadata,
 * CreateTopics, InitProducerId, Produce, FindCoordinator, JoinGroup, SyncGroup, Heartbeat,
 * Fetch, OffsetCommit, OffsetFetch, ListOffsets, LeaveGroup...), then fast-check mutates
 * them: flipped bytes, cut or extended frames, random spans, changed API versions. Each
 * goes out on its own connection. The broker may answer or close that connection; it must
 * never crash, never stop answering others, and keep its memory bounded. The short run is
 * part of `pnpm test`; MINI_KAFKA_FUZZ_RUNS sets how many frames (MINI_KAFKA_TEST_SEED
 * replays them).
 */
import type { Socket } from 'node:net';
import type { Broker } from '@mini-kafka/broker';
import { ApiVersions, decodeResponseFrame, encodeRequestFrame } from '@mini-kafka/kafka-protocol';
import fc from 'fast-check';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { DroppingProxy } from '../support/dropping-proxy.js';
import { call } from '../support/json-call.js';
import { closed, openKafkaSocket, roundTrip } from '../support/raw-kafka.js';

const RUNS = Number(process.env.MINI_KAFKA_FUZZ_RUNS ?? 300);

const brokers = new Brokers();
let broker: Broker;
const corpus: Buffer[] = [];

/** Real request frames: kafkajs's admin, idempotent producer and a consumer group, through a recording proxy. */
async function recordCorpus(): Promise<void> {
  const proxy = await DroppingProxy.start({
    target: { host: '127.0.0.1', port: broker.kafkaPort! },
    dropProduceResponse: () => false,
    onRequest: (frame) => corpus.push(frame),
  });
  try {
    const kafka = new Kafka({ clientId: 'fuzz-corpus', brokers: [proxy.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'corpus', numPartitions: 2 }] });
    await admin.fetchTopicOffsets('corpus');
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic: 'corpus', messages: [{ key: 'k', value: 'v', headers: { h: 'x' } }, { value: 'w' }] });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'fuzz-group', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: ['corpus'], fromBeginning: true });
    let seen = 0;
    await consumer.run({ eachMessage: async () => void seen++ });
    const deadline = Date.now() + 20_000;
    while (seen < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await consumer.disconnect();
    await admin.describeGroups(['fuzz-group']);
    await admin.disconnect();
  } finally {
    await proxy.close();
  }
}

beforeAll(async () => {
  broker = await brokers.start({ maxRequestBytes: 1024 * 1024 });
  await recordCorpus();
});
afterAll(() => brokers.cleanup());

/** A mutation of a frame (without its size prefix); the size prefix is then made to match, or not. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    bits: fc.integer({ min: 1, max: 255 }),
    count: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), keep: fc.nat() }),
  fc.record({ kind: fc.constant('extend' as const), extra: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({ kind: fc.constant('version' as const), version: fc.integer({ min: -1, max: 40 }) }),
  fc.record({
    kind: fc.constant('int' as const),
    at: fc.nat(),
    value: fc.constantFrom(-1, 0x7fffffff, -0x80000000, 0xffff),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(frame: Buffer, m: Mutation): Buffer {
  const out = Buffer.from(frame);
  switch (m.kind) {
    case 'flip':
      for (let i = 0; i < m.count; i++) {
        const at = (m.at + i * 7) % out.length;
        out[at] = out[at]! ^ m.bits;
      }
      return out;
    case 'cut':
      return out.subarray(0, m.keep % Math.max(1, out.length));
    case 'extend':
      return Buffer.concat([out, Buffer.from(m.extra)]);
    case 'splice': {
      const at = m.at % out.length;
      Buffer.from(m.bytes).copy(out, at);
      return out;
    }
    case 'version':
      if (out.length >= 4) out.writeInt16BE(m.version, 2);
      return out;
    case 'int': {
      const at = m.at % Math.max(1, out.length - 4);
      if (out.length >= 4) out.writeInt32BE(m.value | 0, at);
      return out;
    }
  }
}

/**
 * Sends the frame on a new connection; waits for an answer, the broker closing it, or 50 ms
 * (a frame whose size prefix promises more bytes waits for them: the broker's read timeout
 * closes such connections later, which kafka-connection.test.ts covers).
 */
async function sendOne(frame: Buffer, honestSize: boolean): Promise<void> {
  const socket: Socket = await openKafkaSocket(broker.kafkaPort!);
  socket.on('error', () => undefined);
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(honestSize ? frame.length : frame.length + 3);
  socket.write(Buffer.concat([prefix, frame]));
  await Promise.race([
    closed(socket),
    new Promise((resolve) => socket.once('data', resolve)),
    new Promise((resolve) => setTimeout(resolve, 50)),
  ]);
  socket.destroy();
}

/** An ApiVersions round trip on `socket` (a new connection when none is given). */
async function healthy(existing?: Socket): Promise<void> {
  const socket = existing ?? (await openKafkaSocket(broker.kafkaPort!));
  const frame = encodeRequestFrame(
    ApiVersions,
    3,
    { correlationId: 42, clientId: 'probe' },
    {
      clientSoftwareName: 'probe',
      clientSoftwareVersion: '1',
    },
  );
  const answer = decodeResponseFrame(ApiVersions, 3, await roundTrip(socket, frame));
  if (existing === undefined) socket.destroy();
  expect(answer.correlationId).toBe(42);
  expect(answer.response.errorCode).toBe(0);
}

describe('the Kafka port under mutated real frames', () => {
  it(
    `survives ${RUNS} mutated frames and keeps serving other connections with bounded memory`,
    async () => {
      expect(corpus.length, 'the recorded corpus').toBeGreaterThan(20);
      const bystander = await openKafkaSocket(broker.kafkaPort!);
      await healthy(bystander);
      const before = process.memoryUsage().rss;
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          fc.boolean(),
          async (pick, mutations, honestSize) => {
            let frame = corpus[pick % corpus.length]!;
            for (const m of mutations) frame = mutate(frame, m);
            await sendOne(frame, honestSize);
          },
        ),
        { numRuns: RUNS },
      );
      await healthy();
      await healthy(bystander); // a connection open all along is unaffected
      bystander.destroy();
      // The broker runs in this process: a leak of what the frames asked for would show here.
      const grownMb = (process.memoryUsage().rss - before) / (1024 * 1024);
      expect(grownMb, 'RSS growth over the run, in MiB').toBeLessThan(512);
      expect((await call(broker.url, 'GET', '/health')).status).toBe(200);
    },
    120_000 + RUNS * 100,
  );
});
