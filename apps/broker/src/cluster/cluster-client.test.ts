import { createServer } from 'node:net';
import { Metadata } from '@mini-kafka/kafka-protocol';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { BrokerConnection } from './broker-connection.js';
import { ClusterClient } from './cluster-client.js';

let cluster: Broker;
let client: ClusterClient;

beforeAll(async () => {
  cluster = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent' });
  await cluster.logs.createTopic('orders', { partitions: 3 }, true);
  client = await ClusterClient.connect({ bootstrapServers: [cluster.kafkaBootstrap!] });
});

afterAll(async () => {
  await client?.close();
  await cluster?.close();
});

describe('ClusterClient', () => {
  it('reads the cluster: its broker, the controller and each topic with its partitions and leaders', async () => {
    const metadata = await client.metadata(['orders', 'missing']);
    expect(metadata.brokers).toHaveLength(1);
    expect(metadata.controllerId).toBe(metadata.brokers[0]!.nodeId);
    expect(metadata.topics.get('orders')!.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    expect(metadata.topics.has('missing')).toBe(false);
    expect(await client.partitionCount('orders')).toBe(3);
    expect(await client.partitionCount('missing')).toBeUndefined();
    // Never auto-created by asking.
    expect(cluster.logs.getTopic('missing')).toBeUndefined();
  });

  it('sees a topic created after it cached the metadata, once invalidated', async () => {
    expect(await client.partitionCount('later')).toBeUndefined();
    await cluster.logs.createTopic('later', { partitions: 2 }, true);
    client.invalidate('later');
    expect(await client.partitionCount('later')).toBe(2);
  });

  it('sends at a version both sides speak, capped when asked', async () => {
    const answer = await client.send(Metadata, { topics: null }, { kind: 'any' }, { maxVersion: 1 });
    expect(answer.topics.map((t) => t.name)).toContain('orders');
  });

  it('fails clearly when no bootstrap server answers', async () => {
    const error = await ClusterClient.connect({ bootstrapServers: ['127.0.0.1:1'] }).catch((e: unknown) => e);
    expect(isMiniKafkaError(error, 'BROKER_NOT_AVAILABLE')).toBe(true);
  });

  it('fails the requests in flight when the broker closes the connection, and says which broker', async () => {
    // A listener that answers ApiVersions like a broker would not: it closes the socket at once.
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const error = await BrokerConnection.open({
      host: '127.0.0.1',
      port,
      clientId: 't',
      requestTimeoutMs: 5_000,
    }).catch((e: unknown) => e);
    server.close();
    expect(isMiniKafkaError(error, 'BROKER_NOT_AVAILABLE')).toBe(true);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
  });
});
