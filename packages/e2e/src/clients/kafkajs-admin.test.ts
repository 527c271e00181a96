/**
 * kafkajs 2.2.4's admin client against the broker's admin APIs: topics created (validate
 * only, with configs, refused), deleted and created again, grown; configs described and
 * altered with the change taking effect while the broker runs; records deleted so a new
 * consumer starts at the new log start offset; the cluster described.
 */
import { type Admin, ConfigResourceTypes, type Consumer, Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { eventually } from '../support/eventually.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
const feature = clientFeatures('kafkajs 2.2.4');
const open: (Admin | Consumer)[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.disconnect().catch(() => undefined);
  await brokers.cleanup();
});

function kafkaOf(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'e2e-admin', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 1 } });
}

async function adminOf(bootstrap: string): Promise<Admin> {
  const admin = kafkaOf(bootstrap).admin();
  open.push(admin);
  await admin.connect();
  return admin;
}

/** The error kafkajs throws (an aggregate of per-topic errors), as the Kafka error type names. */
async function failureTypes(promise: Promise<unknown>): Promise<string[]> {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { errors?: { type?: string }[]; type?: string } | undefined;
  expect(error, 'expected kafkajs to throw').toBeDefined();
  return error!.errors?.map((e) => e.type ?? '?') ?? [error!.type ?? '?'];
}

async function configOf(admin: Admin, topic: string, name: string) {
  const described = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }],
    includeSynonyms: false,
  });
  return described.resources[0]?.configEntries[0];
}

describe('kafkajs admin', () => {
  // Creates topics with configs, validates without creating, and refuses what it cannot create.
  feature('admin: create topics', async () => {
    const broker = await brokers.start();
    const admin = await adminOf(broker.kafkaBootstrap!);
    const configEntries = [
      { name: 'retention.ms', value: '3600000' },
      { name: 'cleanup.policy', value: 'delete' },
    ];
    // kafkajs waits for a created topic's leaders, which a validated topic never has.
    await admin.createTopics({
      validateOnly: true,
      waitForLeaders: false,
      topics: [{ topic: 'checked', numPartitions: 2, configEntries }],
    });
    expect(await admin.listTopics()).toEqual([]);

    expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2, configEntries }] })).toBe(true);
    expect(await admin.listTopics()).toEqual(['orders']);
    expect(await configOf(admin, 'orders', 'retention.ms')).toMatchObject({
      configName: 'retention.ms',
      configValue: '3600000',
      readOnly: false,
      configSource: 1,
    });
    expect((await call(broker.url, 'GET', '/v1/topics/orders')).body.effectiveConfig.retentionMs).toBe(3_600_000);

    expect(
      await failureTypes(
        admin.createTopics({ topics: [{ topic: 'replicated', numPartitions: 1, replicationFactor: 3 }] }),
      ),
    ).toEqual(['INVALID_REPLICATION_FACTOR']);
    expect(
      await failureTypes(
        admin.createTopics({
          topics: [{ topic: 'compacted', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
        }),
      ),
    ).toEqual(['INVALID_CONFIG']);
    expect(await admin.listTopics()).toEqual(['orders']);
  });

  // Deletes a topic and creates it again, empty and with a new topic id.
  feature('admin: delete topics', async () => {
    const broker = await brokers.start();
    const admin = await adminOf(broker.kafkaBootstrap!);
    await admin.createTopics({ topics: [{ topic: 'cycle', numPartitions: 2 }] });
    const producer = kafkaOf(broker.kafkaBootstrap!).producer();
    await producer.connect();
    await producer.send({ topic: 'cycle', messages: [{ value: 'a', partition: 0 }] });
    await producer.disconnect();
    const firstId = broker.logs.topicId('cycle');

    await admin.deleteTopics({ topics: ['cycle'] });
    expect(await admin.listTopics()).toEqual([]);
    await admin.createTopics({ topics: [{ topic: 'cycle', numPartitions: 1 }] });
    expect((await admin.fetchTopicOffsets('cycle')).map((o) => [o.partition, o.offset])).toEqual([[0, '0']]);
    expect(broker.logs.topicId('cycle')).not.toBe(firstId);
  });

  feature('admin: create partitions', async () => {
    const broker = await brokers.start();
    const admin = await adminOf(broker.kafkaBootstrap!);
    await admin.createTopics({ topics: [{ topic: 'grown', numPartitions: 1 }] });
    await admin.createPartitions({ topicPartitions: [{ topic: 'grown', count: 4 }] });
    const metadata = await admin.fetchTopicMetadata({ topics: ['grown'] });
    expect(metadata.topics[0]?.partitions).toHaveLength(4);
    expect(broker.logs.getTopic('grown')?.partitions).toBe(4);
    expect(await failureTypes(admin.createPartitions({ topicPartitions: [{ topic: 'grown', count: 2 }] }))).toEqual([
      'INVALID_PARTITIONS',
    ]);
  });

  // Alters configs, and the new retention.ms applies while the broker runs.
  feature('admin: describe and alter configs', async () => {
    const broker = await brokers.start({ segmentBytes: 1024, retentionCheckIntervalMs: 100 });
    const admin = await adminOf(broker.kafkaBootstrap!);
    await admin.createTopics({ topics: [{ topic: 'aging', numPartitions: 1 }] });
    const producer = kafkaOf(broker.kafkaBootstrap!).producer();
    await producer.connect();
    const anHourAgo = String(Date.now() - 60 * 60 * 1000);
    for (let i = 0; i < 10; i++) {
      await producer.send({ topic: 'aging', messages: [{ value: 'x'.repeat(300), timestamp: anHourAgo }] });
    }
    await producer.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await admin.fetchTopicOffsets('aging'))[0]).toMatchObject({ low: '0', high: '10' });

    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: 'aging', configEntries: [{ name: 'retention.ms', value: '60000' }] },
      ],
    });
    expect(await configOf(admin, 'aging', 'retention.ms')).toMatchObject({ configValue: '60000', configSource: 1 });
    const low = await eventually(
      async () => {
        const [offsets] = await admin.fetchTopicOffsets('aging');
        return Number(offsets?.low) > 0 ? Number(offsets?.low) : undefined;
      },
      10_000,
      'retention to delete old segments',
    );
    expect(low).toBeGreaterThan(0);

    const broken = admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: 'aging',
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
    });
    await expect(broken).rejects.toThrow();
    expect(await configOf(admin, 'aging', 'retention.ms')).toMatchObject({ configValue: '60000' });
  });

  // A new consumer group starts at the new log start offset.
  feature('admin: delete records', async () => {
    const broker = await brokers.start();
    const kafka = kafkaOf(broker.kafkaBootstrap!);
    const admin = await adminOf(broker.kafkaBootstrap!);
    await admin.createTopics({ topics: [{ topic: 'trimmed', numPartitions: 1 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'trimmed', messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` })) });
    await producer.disconnect();

    // kafkajs finds partition leaders in its cached metadata only: load the new topic's first.
    await admin.fetchTopicMetadata({ topics: ['trimmed'] });
    await admin.deleteTopicRecords({ topic: 'trimmed', partitions: [{ partition: 0, offset: '6' }] });
    expect((await admin.fetchTopicOffsets('trimmed'))[0]).toMatchObject({ low: '6', high: '10' });

    const consumer = kafka.consumer({ groupId: 'after-trim', maxWaitTimeInMs: 200 });
    open.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: ['trimmed'], fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(`${message.offset}:${message.value?.toString()}`);
      },
    });
    await eventually(() => seen.length >= 4, 15_000, 'the consumer to read the remaining records');
    expect(seen).toEqual(['6:m6', '7:m7', '8:m8', '9:m9']);
  });

  // kafkajs declares IncrementalAlterConfigs (API 44) but implements no request for it, and its
  // admin has no method that would send one.
  feature('admin: incremental alter configs', async (ctx) => {
    const admin = kafkaOf('127.0.0.1:9').admin();
    expect(typeof (admin as unknown as Record<string, unknown>).incrementalAlterConfigs).toBe('undefined');
    ctx.skip('kafkajs 2.2.4 has no incrementalAlterConfigs (only alterConfigs, which replaces a whole config)');
  });

  // One broker, the controller, the cluster id.
  feature('admin: describe cluster', async () => {
    const broker = await brokers.start();
    const admin = await adminOf(broker.kafkaBootstrap!);
    expect(await admin.describeCluster()).toEqual({
      brokers: [{ nodeId: 0, host: '127.0.0.1', port: broker.kafkaPort }],
      controller: 0,
      clusterId: 'mini-kafka',
    });
  });
});
