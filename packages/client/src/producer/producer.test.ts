import type { ProduceRequest } from '@mini-kafka/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { FetchFunction } from '../http-transport.js';
import { Producer } from './producer.js';

/**
 * A fake broker for one topic with 2 partitions: appends every record of a request to its
 * partition (0 unless given), or rejects the whole request as the real broker does:
 * 413 when a value is longer than 10 characters, 404 for a partition >= 2. It serves
 * JSON produce only, so these producers use the JSON transport and are not idempotent
 * (both transports and idempotence are tested against a real broker in
 * packages/e2e/src/client/).
 */
function fakeBroker(failFirst = 0) {
  const requests: ProduceRequest[] = [];
  const ends = [0, 0];
  let failures = failFirst;
  const fetch: FetchFunction = async (_url, init) => {
    if (failures-- > 0) throw new TypeError('fetch failed');
    const request = JSON.parse(init.body as string) as ProduceRequest;
    requests.push(request);
    const error = (status: number, name: string, details: object) =>
      new Response(JSON.stringify({ error: { code: 0, name, message: name, details } }), { status });
    for (const record of request.records) {
      if ((record.value ?? '').length > 10) return error(413, 'MESSAGE_TOO_LARGE', { topic: 't' });
      if ((record.partition ?? 0) >= 2)
        return error(404, 'UNKNOWN_TOPIC_OR_PARTITION', { topic: 't', partition: record.partition! });
    }
    const records = request.records.map((record) => {
      const partition = record.partition ?? 0;
      return { partition, offset: ends[partition]!++ };
    });
    return new Response(JSON.stringify({ topic: 't', records }), { status: 200 });
  };
  return { fetch, requests };
}

describe('Producer', () => {
  it('splits a rejected batch until only the bad records fail', async () => {
    const broker = fakeBroker();
    const producer = new Producer({
      url: 'http://fake',
      fetch: broker.fetch,
      transport: 'json',
      idempotent: false,
      lingerMs: 1,
    });
    const outcomes = await Promise.allSettled([
      producer.send('t', 'a'),
      producer.send('t', 'b'),
      producer.send('t', 'far too long a value'),
      producer.send('t', 'c'),
      producer.send('t', 'd', { partition: 5 }),
      producer.send('t', 'e', { partition: 1 }),
    ]);
    expect(
      outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.offset : outcome.reason.type)),
    ).toEqual([0, 1, 'MESSAGE_TOO_LARGE', 2, 'UNKNOWN_TOPIC_OR_PARTITION', 0]);
    // Good records keep their order: a, b before c.
    const written = broker.requests.filter((request) => request.records.length > 0);
    expect(written[0]!.records).toHaveLength(6);
  });

  it('retries a batch lost on the network and resolves every send once', async () => {
    const broker = fakeBroker(2);
    const producer = new Producer({
      url: 'http://fake',
      fetch: broker.fetch,
      transport: 'json',
      idempotent: false,
      retry: { initialRetryTime: 1 },
    });
    const results = await Promise.all(['x', 'y', 'z'].map((value) => producer.send('t', value)));
    expect(results.map((result) => result.offset)).toEqual([0, 1, 2]);
    expect(broker.requests).toHaveLength(1);
  });

  it('sends text as utf8 and bytes as base64', async () => {
    const broker = fakeBroker();
    const producer = new Producer({
      url: 'http://fake',
      fetch: broker.fetch,
      transport: 'json',
      idempotent: false,
      lingerMs: 0,
    });
    await producer.send('t', 'text');
    await producer.send('t', Buffer.from('bytes'), { headers: { h: 'v' } });
    expect(broker.requests.map((request) => request.encoding)).toEqual(['utf8', 'base64']);
    expect(broker.requests[1]!.records[0]).toEqual({ value: 'Ynl0ZXM=', headers: [{ key: 'h', value: 'dg==' }] });
  });

  it('with its defaults, sends a record sent alone without waiting for others or for a timer', async () => {
    const broker = fakeBroker();
    const producer = new Producer({ url: 'http://fake', fetch: broker.fetch, transport: 'json', idempotent: false });
    // Timers never fire: only the end of the current turn of the event loop lets the request go.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    try {
      await expect(producer.send('t', 'alone')).resolves.toMatchObject({ partition: 0, offset: 0 });
      expect(broker.requests.map((request) => request.records.length)).toEqual([1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects malformed records with a MiniKafkaError before anything is sent', async () => {
    const broker = fakeBroker();
    const producer = new Producer({ url: 'http://fake', fetch: broker.fetch, transport: 'json', idempotent: false });
    const bad: unknown[] = [
      null,
      'text',
      { value: 5 },
      { value: 'x', headers: 7 },
      { value: 'x', headers: { h: 1 } },
      { value: 'x', timestamp: -5 },
    ];
    for (const record of bad) {
      await expect(producer.sendBatch('t', [record as never])).rejects.toHaveProperty('name', 'MiniKafkaError');
    }
    await expect(producer.sendBatch('t', [{ value: 'ok', headers: null as never }])).resolves.toHaveLength(1);
    expect(broker.requests).toHaveLength(1);
  });

  it('rejects bad options at construction', () => {
    expect(() => new Producer({ url: 'http://fake', batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new Producer({ url: 'http://fake', lingerMs: -1 })).toThrow(/lingerMs/);
    expect(() => new Producer({ url: 'http://fake', transport: 'xml' as never })).toThrow(/'binary' or 'json'/);
  });
});
