import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { transactionalBatch } from '../../testing/transactional-batches.js';

let broker: Broker;
beforeAll(async () => {
  broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
});
afterAll(() => broker.close());

const form = (fields: Record<string, string>, origin?: string): RequestInit => ({
  method: 'POST',
  headers: {
    'Content-Type': 'application/x-www-form-urlencoded',
    ...(origin === undefined ? {} : { Origin: origin }),
  },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual',
});

describe('the web console', () => {
  it('serves every page with a policy that loads nothing from elsewhere', async () => {
    for (const path of ['/', '/console/topics', '/console/groups', '/console/transactions', '/console/produce']) {
      const response = await fetch(`${broker.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = await response.text();
      expect(page).not.toMatch(/<script|<link|src=|https?:\/\/(?!127\.0\.0\.1)/i);
    }
  });

  it('creates a topic, produces to it and shows the record escaped, as text and hex', async () => {
    const created = await fetch(`${broker.url}/console/topics`, form({ name: 'console-a', partitions: '2' }));
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toMatch(/^\/console\/topics\/console-a\?done=/);
    const produced = await fetch(
      `${broker.url}/console/produce`,
      form({ topic: 'console-a', partition: '1', key: 'k', value: '<b>hi</b>', headers: 'h=v' }),
    );
    expect(decodeURIComponent(produced.headers.get('location') ?? '')).toContain('partition 1 at offset 0');
    const text = await (await fetch(`${broker.url}/console/topics/console-a/messages?partition=1`)).text();
    expect(text).toContain('&lt;b&gt;hi&lt;/b&gt;');
    expect(text).not.toContain('<b>hi</b>');
    const hex = await (await fetch(`${broker.url}/console/topics/console-a/messages?partition=1&format=hex`)).text();
    expect(hex).toContain('3c 62 3e 68 69 3c 2f 62 3e');
  });

  it('browses from a time: the first record at or after it', async () => {
    await fetch(`${broker.url}/console/topics`, form({ name: 'console-time' }));
    const records = [
      { value: 'early', timestamp: 1_000 },
      { value: 'late', timestamp: 5_000 },
    ];
    await fetch(`${broker.url}/v1/topics/console-time/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ records: records.map((r) => ({ ...r, partition: 0 })) }),
    });
    const page = await (await fetch(`${broker.url}/console/topics/console-time/messages?time=3000`)).text();
    expect(page).toContain('late');
    expect(page).not.toContain('early');
    const iso = await (
      await fetch(`${broker.url}/console/topics/console-time/messages?time=1970-01-01T00:00:00.500Z`)
    ).text();
    expect(iso).toContain('early');
  });

  it('refuses a form another site posts and answers a bad one with the error on the page', async () => {
    const refused = await fetch(`${broker.url}/console/topics`, form({ name: 'evil' }, 'http://evil.example'));
    expect(refused.status).toBe(403);
    const topics = await (await fetch(`${broker.url}/console/topics`)).text();
    expect(topics).not.toContain('evil');
    const bad = await fetch(`${broker.url}/console/topics`, form({ name: 'bad name!' }, broker.url));
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toMatch(/^\/console\/topics\?error=/);
  });

  it('answers an unknown topic or page with a page saying so', async () => {
    const topic = await fetch(`${broker.url}/console/topics/nope`);
    expect(topic.status).toBe(404);
    expect(await topic.text()).toContain('Topic &quot;nope&quot; does not exist');
    const other = await fetch(`${broker.url}/console/<x>`);
    expect(other.status).toBe(404);
    expect(other.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await other.text()).not.toContain('<x>');
  });

  it('lists transactions with their state, producer and partitions, linked from the nav', async () => {
    await broker.logs.createTopic('console-txn', { partitions: 1 });
    const producer = await broker.transactions.initProducerId({
      transactionalId: 'console-<tx>',
      transactionTimeoutMs: 60_000,
      producerId: -1,
      producerEpoch: -1,
    });
    const ids = { transactionalId: 'console-<tx>', ...producer };
    await broker.transactions.addPartitions({ ...ids, partitions: [{ topic: 'console-txn', partition: 0 }] });
    await broker.logs.getLog('console-txn', 0).appendBatch(transactionalBatch(['x'], { ...producer, baseSequence: 0 }));
    const page = await (await fetch(`${broker.url}/console/transactions`)).text();
    expect(page).toContain('href="/console/transactions"');
    expect(page).toContain('console-&lt;tx&gt;');
    expect(page).toMatch(new RegExp(`Ongoing</td><td class="n">${producer.producerId}</td>`));
    expect(page).toContain('console-txn-0');
  });
});
