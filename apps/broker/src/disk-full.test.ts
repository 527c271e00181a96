/**
 * A broker on a real full disk (an 8 MiB tmpfs): produce until the disk refuses, then check
 * that every refusal is a storage error naming its cause in words with the right status
 * (HTTP 507; KAFKA_STORAGE_ERROR over the Kafka protocol) and no path, that a topic creation
 * refused leaves nothing behind, that nothing acknowledged was lost, and that once a topic is
 * deleted its space comes back and produce, topic creation and offset commits work again,
 * without a restart. Skipped, saying why, where a tmpfs cannot be mounted.
 */
import { readdir } from 'node:fs/promises';
import { systemClock } from '@mini-kafka/protocol';
import { ProducerIdManager } from '@mini-kafka/storage';
import { mountSmallDisk, type SmallDisk } from '@mini-kafka/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from './broker.js';
import { send } from './http/testing/serve-app.js';
import { createTopicsHandler } from './kafka/handlers/create-topics.js';
import { metadataHandler } from './kafka/handlers/metadata.js';
import type { KafkaContext } from './kafka/kafka-context.js';
import { ADVERTISED, callHandler } from './kafka/testing/handler-context.js';
import { createLogger } from './logger.js';
import { fetchMemoryFor } from './services/fetch-memory.js';
import { ProduceService } from './services/produce-service.js';

const MIB = 1024 * 1024;
const NO_SPACE = "no space left on the data directory's device (ENOSPC)";
let disk: SmallDisk | string = 'not mounted';
beforeAll(async () => {
  disk = await mountSmallDisk(8 * MIB);
});
afterAll(async () => {
  if (typeof disk !== 'string') await disk.unmount();
});

/** A Kafka handler context over a running broker's parts. */
async function kafkaContext(broker: Broker): Promise<KafkaContext> {
  const { config, logs, coordinator, transactions } = broker;
  const produce = new ProduceService(logs, config, await ProducerIdManager.open({}));
  const logger = createLogger('silent');
  const fetchMemory = fetchMemoryFor(config);
  const { metrics } = broker;
  return {
    config,
    logs,
    coordinator,
    transactions,
    produce,
    fetchMemory,
    logger,
    metrics,
    clock: systemClock,
    security: broker.security,
    advertised: () => ADVERTISED,
  };
}

const createTopic = (ctx: KafkaContext, name: string) =>
  callHandler(createTopicsHandler, ctx, 5, {
    topics: [{ name, numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 1000,
    validateOnly: false,
  }).then((answer) => answer!.topics[0]!);

const autoCreate = (ctx: KafkaContext, name: string) =>
  callHandler(metadataHandler, ctx, 4, {
    topics: [{ name }],
    allowAutoTopicCreation: true,
  }).then((answer) => answer!.topics[0]!);

describe('a broker on a full disk (8 MiB tmpfs)', () => {
  it('answers 507 naming the cause, loses nothing acknowledged, and works again once a topic is deleted', async (ctx) => {
    if (typeof disk === 'string') return ctx.skip(disk);
    const dataDir = disk.path;
    const url = (path: string) => `${broker.url}${path}`;
    const broker = await createBroker({ dataDir, port: 0, kafkaPort: -1, logLevel: 'silent', segmentBytes: MIB });
    const kafka = await kafkaContext(broker);
    const commit = () => send(url('/v1/groups/g/offsets/reset'), 'POST', { topic: 'small', to: 'latest' });
    const produce = (topic: string, value: string) =>
      send(url(`/v1/topics/${topic}/records`), 'POST', { records: [{ value }] });
    try {
      expect((await send(url('/v1/topics'), 'POST', { name: 'big' })).status).toBe(201);
      expect((await send(url('/v1/topics'), 'POST', { name: 'small' })).status).toBe(201);
      expect((await commit()).status).toBe(200);

      // Fill the disk: first with large records, then smaller ones down to the last bytes.
      const acked: string[] = [];
      let refused: Awaited<ReturnType<typeof send>> | undefined;
      for (let size = 100 * 1024; size >= 16; size = Math.floor(size / 4)) {
        for (;;) {
          const value = `${acked.length}-`.padEnd(size, 'v');
          const answer = await produce('big', value);
          if (answer.status !== 200) {
            refused ??= answer;
            break;
          }
          expect(answer.body.records[0].offset).toBe(acked.length);
          acked.push(value);
        }
      }
      expect(refused?.status).toBe(507);
      expect(refused?.body.error).toEqual({
        code: 56,
        name: 'KAFKA_STORAGE_ERROR',
        message: `Append to big-0 failed: ${NO_SPACE}; nothing was written`,
        details: { topic: 'big', partition: 0, ioError: 'ENOSPC' },
      });

      // Full: every way of creating a topic, and offset commits, refuse clearly and leave nothing behind.
      const v1 = await send(url('/v1/topics'), 'POST', { name: 'later', partitions: 2 });
      expect([v1.status, v1.body.error.message]).toEqual([507, `Cannot create topic "later": ${NO_SPACE}`]);
      const tutorial = await send(url('/topics/tutorial/create?num_partitions=2'), 'POST');
      expect([tutorial.status, tutorial.body]).toEqual([
        507,
        { detail: `Cannot create topic "tutorial": ${NO_SPACE}` },
      ]);
      const auto = await produce('auto', 'x');
      expect([auto.status, auto.body.error.message]).toEqual([507, `Cannot create topic "auto": ${NO_SPACE}`]);
      expect(await createTopic(kafka, 'kafka-later')).toMatchObject({
        errorCode: 56,
        errorMessage: `Cannot create topic "kafka-later": ${NO_SPACE}`,
      });
      expect((await autoCreate(kafka, 'kafka-auto')).errorCode).toBe(56);
      // The offsets log may still have room in its last page: commit until it has none.
      let committed = await commit();
      for (let i = 0; i < 1000 && committed.status === 200; i++) committed = await commit();
      expect(committed.status).toBe(507);
      expect(committed.body.error).toMatchObject({ name: 'KAFKA_STORAGE_ERROR' });
      expect(committed.body.error.message).toContain(NO_SPACE);
      for (const answer of [refused, v1, tutorial, auto, committed]) expect(answer?.text).not.toContain(dataDir);
      expect((await readdir(dataDir)).filter((name) => !name.startsWith('.')).sort()).toEqual([
        'big',
        'small',
        '~coordinator',
      ]);
      expect((await send(url('/v1/topics'))).body.topics.map((t: { name: string }) => t.name)).toEqual([
        'big',
        'small',
      ]);

      // Nothing acknowledged was lost.
      const stored: string[] = [];
      while (stored.length < acked.length) {
        const read = await send(url(`/v1/topics/big/partitions/0/records?offset=${stored.length}&maxBytes=4194304`));
        expect(read.status).toBe(200);
        stored.push(...read.body.records.map((r: { value: string }) => r.value));
      }
      expect(stored).toEqual(acked);

      // Deleting a topic gives its space back at once, and everything works again.
      const free = await disk.freeBytes();
      expect((await send(url('/v1/topics/big'), 'DELETE')).status).toBe(204);
      expect(await disk.freeBytes()).toBeGreaterThan(free + 6 * MIB);
      expect((await produce('small', 'after')).status).toBe(200);
      expect((await send(url('/v1/topics'), 'POST', { name: 'later', partitions: 2 })).status).toBe(201);
      expect((await send(url('/topics/tutorial/create?num_partitions=2'), 'POST')).status).toBe(200);
      expect((await produce('auto', 'x')).status).toBe(200);
      expect((await createTopic(kafka, 'kafka-later')).errorCode).toBe(0);
      expect((await autoCreate(kafka, 'kafka-auto')).errorCode).toBe(0);
      expect((await commit()).body.offsets).toEqual([expect.objectContaining({ topic: 'small', offset: 1 })]);
    } finally {
      await broker.close();
    }
    const restarted = await createBroker({ dataDir, port: 0, kafkaPort: -1, logLevel: 'silent' });
    try {
      expect((await send(`${restarted.url}/v1/topics`)).body.topics.map((t: { name: string }) => t.name)).toEqual([
        'auto',
        'kafka-auto',
        'kafka-later',
        'later',
        'small',
        'tutorial',
      ]);
      const offsets = await send(`${restarted.url}/v1/groups/g/offsets`);
      expect(offsets.body.offsets).toEqual([expect.objectContaining({ topic: 'small', partition: 0, offset: 1 })]);
    } finally {
      await restarted.close();
    }
  });
});
