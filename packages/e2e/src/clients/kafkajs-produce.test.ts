/** kafkajs 2.2.4 admin and producer against the broker, and what they wrote read back over HTTP. */

import { partitionForKey } from '@mini-kafka/protocol';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
const feature = clientFeatures('kafkajs 2.2.4');
afterEach(() => brokers.cleanup());

function client(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'e2e', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
}

describe('kafkajs', () => {
  // Creates topics with the admin client and lists them.
  feature('metadata', async () => {
    const broker = await brokers.start();
    const admin = client(broker.kafkaBootstrap!).admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] })).toBe(false);
    expect(await admin.listTopics()).toEqual(['orders']);
    const offsets = await admin.fetchTopicOffsets('orders');
    expect(offsets.map((o) => [o.partition, o.offset])).toEqual([
      [0, '0'],
      [1, '0'],
      [2, '0'],
    ]);
    await admin.disconnect();
    const overHttp = await call(broker.url, 'GET', '/v1/topics/orders');
    expect(overHttp.body.partitions).toBe(3);
  });

  // Keyed messages with headers, plain and gzip, readable over HTTP with their key, value, headers and timestamp.
  feature('produce keyed', async () => {
    const broker = await brokers.start();
    const kafka = client(broker.kafkaBootstrap!);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'events', numPartitions: 4 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    const timestamp = String(Date.now() - 5_000);
    const plain = await producer.send({
      topic: 'events',
      messages: [{ key: 'user-1', value: 'signed up', headers: { source: 'web' }, timestamp }],
    });
    const gzip = await producer.send({
      topic: 'events',
      compression: CompressionTypes.GZIP,
      messages: Array.from({ length: 20 }, (_, i) => ({
        key: 'user-1',
        value: `click ${i}`,
        headers: { n: String(i) },
      })),
    });
    await producer.disconnect();
    const partition = partitionForKey('user-1', 4);
    expect(plain[0]).toMatchObject({ topicName: 'events', partition, errorCode: 0, baseOffset: '0' });
    expect(gzip[0]).toMatchObject({ partition, baseOffset: '1' });

    const read = await call(
      broker.url,
      'GET',
      `/v1/topics/events/partitions/${partition}/records?offset=0&maxRecords=100`,
    );
    const records = read.body.records as {
      offset: number;
      key: string;
      value: string;
      timestamp: number;
      headers: unknown[];
    }[];
    expect(records).toHaveLength(21);
    expect(records[0]).toMatchObject({ offset: 0, key: 'user-1', value: 'signed up', timestamp: Number(timestamp) });
    expect(records[0]!.headers).toEqual([{ key: 'source', value: 'web' }]);
    expect(records[20]).toMatchObject({ offset: 20, value: 'click 19', headers: [{ key: 'n', value: '19' }] });
  });

  it('auto-creates a topic on produce through metadata when the broker allows it, and not when it does not', async () => {
    const open = await brokers.start();
    const producer = client(open.kafkaBootstrap!).producer();
    await producer.connect();
    await producer.send({ topic: 'auto', messages: [{ value: 'x' }] });
    await producer.disconnect();
    expect((await call(open.url, 'GET', '/v1/topics/auto')).status).toBe(200);

    const closed = await brokers.start({ autoCreateTopics: false });
    const refused = new Kafka({
      clientId: 'e2e',
      brokers: [closed.kafkaBootstrap!],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).producer();
    await refused.connect();
    await expect(refused.send({ topic: 'nope', messages: [{ value: 'x' }] })).rejects.toThrow();
    await refused.disconnect();
    expect((await call(closed.url, 'GET', '/v1/topics/nope')).status).toBe(404);
  });
});
