import { isMiniKafkaError } from '@mini-kafka/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { ClusterClient } from './cluster-client.js';
import { produceRecords } from './partition-io.js';
import {
  alterTopicConfigs,
  createPartitions,
  createTopic,
  deleteRecords,
  deleteTopic,
  describeTopicConfigs,
  describeTopicPartitions,
  listTopics,
} from './topic-admin.js';

let cluster: Broker;
let client: ClusterClient;

beforeAll(async () => {
  cluster = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent' });
  client = await ClusterClient.connect({ bootstrapServers: [cluster.kafkaBootstrap!] });
});

afterAll(async () => {
  await client?.close();
  await cluster?.close();
});

describe('topic administration on a cluster', () => {
  it('creates (and validates), lists, grows and deletes a topic', async () => {
    const validated = await createTopic(client, { name: 'checked', partitions: 2 }, true);
    expect(validated.partitions).toBe(2);
    expect((await listTopics(client)).map((t) => t.name)).not.toContain('checked');

    await createTopic(client, { name: 'orders', partitions: 2, configs: { 'retention.ms': '3600000' } });
    expect((await listTopics(client)).find((t) => t.name === 'orders')?.partitions).toBe(2);
    const again = await createTopic(client, { name: 'orders', partitions: 2 }).catch((e: unknown) => e);
    expect(isMiniKafkaError(again, 'TOPIC_ALREADY_EXISTS')).toBe(true);

    await createPartitions(client, 'orders', 4);
    expect((await describeTopicPartitions(client, 'orders')).map((p) => p.partition)).toEqual([0, 1, 2, 3]);

    await deleteTopic(client, 'orders');
    expect((await listTopics(client)).map((t) => t.name)).not.toContain('orders');
    const gone = await describeTopicPartitions(client, 'orders').catch((e: unknown) => e);
    expect(isMiniKafkaError(gone, 'UNKNOWN_TOPIC_OR_PARTITION')).toBe(true);
  });

  it('describes and alters configs, and deletes records', async () => {
    await createTopic(client, { name: 'configured', partitions: 1, configs: { 'retention.ms': '3600000' } });
    const retention = (await describeTopicConfigs(client, 'configured')).find((c) => c.name === 'retention.ms');
    expect(retention).toMatchObject({ value: '3600000', source: 'TOPIC_CONFIG' });

    await alterTopicConfigs(client, 'configured', { 'retention.bytes': '1048576' }, ['retention.ms']);
    const configs = await describeTopicConfigs(client, 'configured');
    expect(configs.find((c) => c.name === 'retention.bytes')).toMatchObject({
      value: '1048576',
      source: 'TOPIC_CONFIG',
    });
    expect(configs.find((c) => c.name === 'retention.ms')?.source).not.toBe('TOPIC_CONFIG');

    await produceRecords(client, 'configured', 0, [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    expect(await deleteRecords(client, 'configured', 0, 2)).toBe(2);
    const [partition] = await describeTopicPartitions(client, 'configured');
    expect(partition).toMatchObject({ logStartOffset: 2, highWatermark: 3, lastStableOffset: 3 });
  });
});
