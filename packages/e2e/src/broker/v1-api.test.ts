/** The /v1 API: topics, batched produce, fetch with long poll, groups with fencing. */
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers, e2eBackend } from '../support/brokers.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

describe('/v1 topics and records', () => {
  it('creates, lists, describes, grows and deletes topics', async () => {
    const { url } = await brokers.start();
    const created = await call(url, 'POST', '/v1/topics', {
      name: 'orders',
      partitions: 2,
      config: { retentionMs: 60_000 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'orders', partitions: 2, config: { retentionMs: 60_000 } });
    // A cluster's durability is its replication, not a flush policy a gateway could show.
    expect(created.body.effectiveConfig.flush).toBe(e2eBackend === 'local' ? 'always' : 'never');
    expect((await call(url, 'POST', '/v1/topics', { name: 'orders' })).body.error.name).toBe('TOPIC_ALREADY_EXISTS');
    expect((await call(url, 'POST', '/v1/topics', { name: '../x' })).status).toBe(400);
    expect((await call(url, 'POST', '/v1/topics', { name: 'x', partitions: 0 })).status).toBe(400);
    expect((await call(url, 'GET', '/v1/topics')).body).toEqual({ topics: [{ name: 'orders', partitions: 2 }] });
    const grown = await call(url, 'POST', '/v1/topics/orders/partitions', { partitions: 5 });
    expect(grown.body.partitionDetails).toHaveLength(5);
    expect((await call(url, 'DELETE', '/v1/topics/orders')).status).toBe(204);
    const gone = await call(url, 'GET', '/v1/topics/orders');
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 3, name: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it('produces a batch and reads it back, bytes exactly, with offsets per record in request order', async () => {
    const { url } = await brokers.start();
    await call(url, 'POST', '/v1/topics', { name: 't', partitions: 3 });
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const produced = await call(url, 'POST', '/v1/topics/t/records', {
      encoding: 'base64',
      records: [
        {
          value: bytes.toString('base64'),
          key: Buffer.from('k').toString('base64'),
          partition: 1,
          headers: { h: Buffer.from([9]).toString('base64') },
        },
        { value: null, partition: 1, timestamp: 1234 },
        { value: Buffer.from('x').toString('base64'), partition: 2 },
      ],
    });
    expect(produced.status).toBe(200);
    expect(produced.body.records).toEqual([
      { partition: 1, offset: 0 },
      { partition: 1, offset: 1 },
      { partition: 2, offset: 0 },
    ]);
    const fetched = await call(url, 'GET', '/v1/topics/t/partitions/1/records?offset=0&encoding=base64');
    expect(fetched.body.nextOffset).toBe(2);
    const [first, second] = fetched.body.records;
    expect(Buffer.from(first.value, 'base64')).toEqual(bytes);
    expect(first.key).toBe(Buffer.from('k').toString('base64'));
    expect(first.headers).toEqual([{ key: 'h', value: Buffer.from([9]).toString('base64') }]);
    expect(second).toMatchObject({ offset: 1, value: null, timestamp: 1234 });
    const bad = await call(url, 'POST', '/v1/topics/t/records', {
      encoding: 'base64',
      records: [{ value: 'not base64!' }],
    });
    expect(bad.status).toBe(400);
  });

  it('answers 416 out of range, 404 for unknown partitions, 413 for oversized records', async () => {
    const { url } = await brokers.start({ maxMessageBytes: 100 });
    await call(url, 'POST', '/v1/topics', { name: 't' });
    const outOfRange = await call(url, 'GET', '/v1/topics/t/partitions/0/records?offset=5');
    expect(outOfRange.status).toBe(416);
    expect(outOfRange.body.error.name).toBe('OFFSET_OUT_OF_RANGE');
    expect((await call(url, 'GET', '/v1/topics/t/partitions/3/records?offset=0')).status).toBe(404);
    expect((await call(url, 'GET', '/v1/topics/t/partitions/-1/records?offset=0')).status).toBe(400);
    const tooBig = await call(url, 'POST', '/v1/topics/t/records', {
      records: [{ value: 'ok' }, { value: 'x'.repeat(200) }],
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.name).toBe('MESSAGE_TOO_LARGE');
    expect(JSON.stringify(tooBig.body)).not.toContain('xxxx');
    const described = await call(url, 'GET', '/v1/topics/t');
    expect(described.body.partitionDetails[0].logEndOffset).toBe(0);
    const malformed = await call(url, 'POST', '/v1/topics/t/records', '{"records": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.name).toBe('INVALID_REQUEST');
  });

  it('refuses request bodies over the limit', async () => {
    const { url } = await brokers.start({ maxRequestBytes: 2048 });
    const big = await call(url, 'POST', '/v1/topics/t/records', { records: [{ value: 'y'.repeat(5000) }] });
    expect(big.status).toBe(413);
  });

  it('long-polls: answers as soon as data arrives, and empty at the deadline', async () => {
    const { url } = await brokers.start();
    await call(url, 'POST', '/v1/topics', { name: 't' });
    const started = Date.now();
    const empty = await call(url, 'GET', '/v1/topics/t/partitions/0/records?offset=0&waitMs=200');
    expect(empty.body.records).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);

    const waitStarted = Date.now();
    const waiting = call(url, 'GET', '/v1/topics/t/partitions/0/records?offset=0&waitMs=20000');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await call(url, 'POST', '/v1/topics/t/records', { records: [{ value: 'wake up' }] });
    const woken = await waiting;
    expect(woken.body.records.map((r: { value: string }) => r.value)).toEqual(['wake up']);
    expect(Date.now() - waitStarted).toBeLessThan(10_000);
  });

  it('finds offsets by time', async () => {
    const { url } = await brokers.start();
    await call(url, 'POST', '/v1/topics/t/records', {
      records: [
        { value: 'a', timestamp: 1000 },
        { value: 'b', timestamp: 2000 },
        { value: 'c', timestamp: 3000 },
      ],
    });
    expect((await call(url, 'GET', '/v1/topics/t/partitions/0/offsets?timestamp=1500')).body).toEqual({
      offset: 1,
      timestamp: 2000,
    });
    expect((await call(url, 'GET', '/v1/topics/t/partitions/0/offsets?timestamp=-2')).body.offset).toBe(0);
    expect((await call(url, 'GET', '/v1/topics/t/partitions/0/offsets?timestamp=-1')).body.offset).toBe(3);
    expect((await call(url, 'GET', '/v1/topics/t/partitions/0/offsets?timestamp=9999')).body.offset).toBe(3);
  });

  it('answers unknown routes with 404 JSON', async () => {
    const { url } = await brokers.start();
    const response = await call(url, 'GET', '/v1/nothing');
    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(/No route/);
    expect((await call(url, 'GET', '/health')).body).toEqual({ status: 'ok' });
  });
});
