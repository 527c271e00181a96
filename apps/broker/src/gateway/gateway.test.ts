import { partitionForKey } from '@mini-kafka/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { createGateway, type Gateway } from './gateway.js';

let cluster: Broker;
let local: Broker;
let gateway: Gateway;

async function call(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: the assertions check the shape.
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as any };
}

beforeAll(async () => {
  cluster = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: 0,
    logLevel: 'silent',
    groupInitialRebalanceDelayMs: 0,
  });
  local = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
  gateway = await createGateway({ port: 0, bootstrapServers: [cluster.kafkaBootstrap!], logLevel: 'silent' });
});

afterAll(async () => {
  await gateway?.close();
  await local?.close();
  await cluster?.close();
});

describe('the gateway over a cluster', () => {
  it('refuses to start without bootstrap servers, or with --auth', async () => {
    await expect(createGateway({ port: 0, logLevel: 'silent' })).rejects.toThrow(/bootstrap-servers/);
    await expect(
      createGateway({ port: 0, logLevel: 'silent', bootstrapServers: [cluster.kafkaBootstrap!], auth: true }),
    ).rejects.toThrow(/--auth/);
  });

  it('serves the tutorial flow with the data in the cluster', async () => {
    expect((await call(gateway.url, 'POST', '/topics/orders/create?num_partitions=3')).body).toEqual({
      topic: 'orders',
      num_partitions: 3,
      created: true,
    });
    expect((await call(gateway.url, 'POST', '/topics/orders/create?num_partitions=5')).body.created).toBe(false);
    const keyed = [];
    for (let i = 0; i < 3; i++)
      keyed.push((await call(gateway.url, 'POST', `/topics/orders/messages?message=m${i}&key=customer-7`)).body);
    expect(keyed.map((r) => r.partition_id)).toEqual([0, 1, 2].map(() => partitionForKey('customer-7', 3)));
    expect(keyed.map((r) => r.message_offset)).toEqual([0, 1, 2]);
    // The data is in the cluster.
    expect(cluster.logs.getLog('orders', partitionForKey('customer-7', 3)).highWatermark).toBe(3);

    const subscribed = await call(gateway.url, 'POST', '/topics/orders/groups/g1/subscribe?consumer_id=c1');
    expect(subscribed.body.assigned_partitions).toEqual([0, 1, 2]);
    const polled = await call(gateway.url, 'GET', '/topics/orders/messages?consumer_id=c1&group_id=g1');
    expect(polled.body).toEqual([
      { message_id: 0, message_offset: 0, partition_id: keyed[0].partition_id, data: 'm0' },
    ]);
    // A poll does not move the position; an ack does.
    expect((await call(gateway.url, 'GET', '/topics/orders/messages?consumer_id=c1&group_id=g1')).body[0].data).toBe(
      'm0',
    );
    const acked = await call(
      gateway.url,
      'POST',
      `/topics/orders/messages/0/ack?consumer_id=c1&partition_id=${keyed[0].partition_id}&group_id=g1`,
    );
    expect(acked.body).toMatchObject({ acknowledged: true, next_offset: 1 });
    expect((await call(gateway.url, 'GET', '/topics/orders/messages?consumer_id=c1&group_id=g1')).body[0].data).toBe(
      'm1',
    );
    const tooFar = await call(
      gateway.url,
      'POST',
      `/topics/orders/messages/9/ack?consumer_id=c1&partition_id=${keyed[0].partition_id}&group_id=g1`,
    );
    expect(tooFar.status).toBe(416);
    expect(tooFar.body.detail).toMatch(/no such message yet/);
    expect((await call(gateway.url, 'GET', '/topics/missing/messages?consumer_id=c1')).body).toEqual({
      detail: 'Topic missing not found',
    });
  });

  it('puts a key in the same partition as a local broker does', async () => {
    for (const base of [gateway.url, local.url])
      await call(base, 'POST', '/v1/topics', { name: 'same', partitions: 7 });
    const records = Array.from({ length: 20 }, (_, i) => ({ key: `user-${i}`, value: `v${i}` }));
    const [viaGateway, viaLocal] = await Promise.all(
      [gateway.url, local.url].map(
        async (base) => (await call(base, 'POST', '/v1/topics/same/records', { records })).body.records,
      ),
    );
    expect(viaGateway.map((r: { partition: number }) => r.partition)).toEqual(
      viaLocal.map((r: { partition: number }) => r.partition),
    );
  });

  it('reads by partition and offset, looks up offsets by time, describes topics and configs', async () => {
    await call(gateway.url, 'POST', '/v1/topics', {
      name: 'events',
      partitions: 1,
      configs: { 'retention.ms': '86400000' },
    });
    const produced = await call(gateway.url, 'POST', '/v1/topics/events/records', {
      records: [
        { value: 'a', timestamp: 1_000, headers: [{ key: 'h', value: 'x' }] },
        { value: 'b', timestamp: 2_000 },
        { value: 'c', timestamp: 3_000 },
      ],
    });
    expect(produced.body.records.map((r: { offset: number }) => r.offset)).toEqual([0, 1, 2]);
    const read = await call(gateway.url, 'GET', '/v1/topics/events/partitions/0/records?offset=1&maxRecords=1');
    expect(read.body).toMatchObject({
      nextOffset: 2,
      highWatermark: 3,
      records: [{ offset: 1, value: 'b', timestamp: 2000 }],
    });
    expect(
      (await call(gateway.url, 'GET', '/v1/topics/events/partitions/0/records?offset=0')).body.records[0].headers,
    ).toEqual([{ key: 'h', value: 'x' }]);
    expect((await call(gateway.url, 'GET', '/v1/topics/events/partitions/0/offsets?timestamp=1500')).body).toEqual({
      offset: 1,
      timestamp: 2000,
    });
    const described = await call(gateway.url, 'GET', '/v1/topics/events');
    expect(described.body).toMatchObject({ name: 'events', partitions: 1, config: { retentionMs: 86_400_000 } });
    expect(described.body.partitionDetails[0]).toMatchObject({ logStartOffset: 0, highWatermark: 3 });
    const missing = await call(gateway.url, 'GET', '/v1/topics/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('answers 501 for what the Kafka backend does not serve', async () => {
    const acls = await call(gateway.url, 'GET', '/v1/acls');
    expect(acls.status).toBe(501);
    expect(acls.body.error.message).toMatch(/not served by the Kafka backend/);
    expect((await call(gateway.url, 'GET', '/v1/transactions')).status).toBe(501);
  });
});
