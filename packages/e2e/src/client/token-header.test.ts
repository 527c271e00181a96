/**
 * The SDK's `token` reaches every request a real session makes: binary and JSON produce,
 * a group member's join, sync, heartbeats, long-poll fetches and commits, and admin calls,
 * against a real broker (authentication off: it ignores the header, which is what lets this
 * run without the broker's HTTP security). A `fetch` wrapper records each request's
 * Authorization header.
 */
import { type Broker, createBroker } from '@mini-kafka/broker';
import { type FetchFunction, MiniKafka } from '@mini-kafka/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';

const TOKEN = `mk_0123456789abcdef_${'Z'.repeat(43)}`;
let broker: Broker;

beforeAll(async () => {
  broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
});
afterAll(() => broker.close());

function headerRecordingFetch(): { fetch: FetchFunction; seen: Array<{ path: string; authorization: string | null }> } {
  const seen: Array<{ path: string; authorization: string | null }> = [];
  const fetch: FetchFunction = (input, init) => {
    seen.push({ path: new URL(input).pathname, authorization: new Headers(init.headers).get('authorization') });
    return globalThis.fetch(input, init);
  };
  return { fetch, seen };
}

it('goes with every request of producers, a consumer group member and admin, binary and JSON', async () => {
  const { fetch, seen } = headerRecordingFetch();
  const binary = new MiniKafka({ url: broker.url, token: TOKEN, fetch, retry: { retries: 0 } });
  const json = new MiniKafka({ url: broker.url, token: TOKEN, fetch, transport: 'json', retry: { retries: 0 } });
  await binary.admin().createTopic('orders', { partitions: 2 });
  const producer = binary.producer();
  await producer.send({ topic: 'orders', messages: [{ value: 'binary' }] });
  await producer.close();
  const jsonProducer = json.producer();
  await jsonProducer.send({ topic: 'orders', messages: [{ value: 'json' }] });
  await jsonProducer.close();

  const consumer = binary.consumer({ groupId: 'billing', maxWaitMs: 300, heartbeatIntervalMs: 100 });
  await consumer.subscribe({ topics: ['orders'], fromBeginning: true });
  const values: string[] = [];
  await eventually(async () => {
    for (const record of await consumer.poll({ waitMs: 300 })) values.push(String(record.value));
    return values.length >= 2;
  });
  await consumer.commit();
  await consumer.poll({ waitMs: 300 }); // a long poll with nothing to read
  await consumer.close();
  await binary.admin().describeGroup('billing');

  expect(values.sort()).toEqual(['binary', 'json']);
  const paths = new Set(seen.map((request) => request.path));
  const expectedPaths = [
    /^\/v1\/topics\/orders\/records$/, // JSON produce
    /^\/v1\/topics\/orders\/partitions\/\d+\/records$/, // binary produce
    /^\/v1\/groups\/billing\/members$/, // join
    /\/members\/[^/]+\/heartbeat$/,
    /\/members\/[^/]+\/records$/, // member fetch (long poll)
    /^\/v1\/groups\/billing\/offsets$/, // commit
    /^\/v1\/groups\/billing$/,
  ];
  for (const expected of expectedPaths)
    expect(
      [...paths].some((path) => expected.test(path)),
      `a request matching ${expected}`,
    ).toBe(true);
  expect(seen.filter((request) => request.authorization !== `Bearer ${TOKEN}`)).toEqual([]);
});
