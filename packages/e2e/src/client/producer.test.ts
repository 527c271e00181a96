/** The SDK's Producer against a real broker: batching, per-partition order, bytes, errors. */
import type { Broker } from '@mini-kafka/broker';
import { type ConsumerRecord, MiniKafka, MiniKafkaError } from '@mini-kafka/client';
import { partitionForKey } from '@mini-kafka/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { pollUntil, text } from '../support/consumer-records.js';
import { recordingFetch } from '../support/recording-fetch.js';

const brokers = new Brokers();
let broker: Broker;
let kafka: MiniKafka;

beforeAll(async () => {
  broker = await brokers.start();
  kafka = new MiniKafka({ url: broker.url, clientId: 'producer-test' });
});

afterAll(() => brokers.cleanup());

/** Reads `count` records of a topic from the beginning with a throwaway group. */
async function readAll(topic: string, count: number): Promise<ConsumerRecord[]> {
  const consumer = kafka.consumer({
    groupId: `reader-${topic}`,
    topics: [topic],
    fromBeginning: true,
    autoCommit: false,
  });
  try {
    return await pollUntil(consumer, count);
  } finally {
    await consumer.close();
  }
}

describe('Producer', () => {
  it('writes keyed records to the key partition and unkeyed ones round robin, in order per partition', async () => {
    await kafka.admin().createTopic('orders', { partitions: 3 });
    const producer = kafka.producer();
    const sends = [];
    for (let i = 0; i < 60; i++) {
      sends.push(producer.send('orders', `keyed-${i}`, { key: `customer-${i % 4}` }));
      sends.push(producer.send('orders', `unkeyed-${i}`));
    }
    const results = await Promise.all(sends);
    await producer.close();

    for (let i = 0; i < 60; i++) {
      expect(results[2 * i]!.partition).toBe(partitionForKey(`customer-${i % 4}`, 3));
    }
    const unkeyedPartitions = new Set(results.filter((_, index) => index % 2 === 1).map((result) => result.partition));
    expect(unkeyedPartitions.size).toBe(3);

    const messages = await readAll('orders', 120);
    expect(messages).toHaveLength(120);
    for (const partition of [0, 1, 2]) {
      const inPartition = messages.filter((message) => message.partition === partition);
      const offsets = inPartition.map((message) => message.offset);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      // Per key, values come back in the order they were sent.
      for (let key = 0; key < 4; key++) {
        const values = inPartition.filter((message) => message.key?.toString() === `customer-${key}`).map(text);
        const sent = Array.from({ length: 60 }, (_, i) => i)
          .filter((i) => i % 4 === key)
          .map((i) => `keyed-${i}`);
        if (partitionForKey(`customer-${key}`, 3) === partition) expect(values).toEqual(sent);
      }
    }
    for (const [index, result] of results.entries()) {
      const message = messages.find(
        (candidate) => candidate.partition === result.partition && candidate.offset === result.offset,
      );
      expect(text(message!)).toBe(index % 2 === 0 ? `keyed-${index / 2}` : `unkeyed-${(index - 1) / 2}`);
    }
  });

  it('coalesces 5,000 un-awaited sends into a few requests, each promise getting its own offset', async () => {
    const recorder = recordingFetch();
    const producer = new MiniKafka({ url: broker.url, fetch: recorder.fetch }).producer({
      lingerMs: 5,
      batchSize: 1000,
    });
    await kafka.admin().createTopic('bulk', { partitions: 2 });
    const promises = [];
    for (let i = 0; i < 5000; i++) promises.push(producer.send('bulk', `message-${i}`, { partition: i % 2 }));
    const results = await Promise.all(promises);
    await producer.close();

    const produceRequests = recorder.count('POST', /\/records$/);
    expect(produceRequests).toBeGreaterThanOrEqual(5);
    expect(produceRequests).toBeLessThanOrEqual(10);
    for (const partition of [0, 1]) {
      const offsets = results.filter((result) => result.partition === partition).map((result) => result.offset);
      expect(offsets).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    }
    expect(results[4999]).toEqual({ topic: 'bulk', partition: 1, offset: 2499 });
  });

  it('round-trips bytes exactly (keys, values, headers), next to text in the same batch', async () => {
    const producer = kafka.producer({ lingerMs: 20 });
    const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const view = new Uint8Array([0xff, 0x00, 0xfe, 0x80]);
    const sends = [
      producer.send('bytes', allBytes, {
        key: view,
        headers: { raw: allBytes, trace: 'abc', multi: ['1', Buffer.from([2])] },
      }),
      producer.send('bytes', 'plain text ✓', { key: 'k', headers: [{ key: 'h', value: null }] }),
      producer.send('bytes', null, { key: 'tombstone' }),
    ];
    await Promise.all(sends);
    await producer.close();

    const [binary, plain, tombstone] = await readAll('bytes', 3);
    expect(binary!.value!.equals(allBytes)).toBe(true);
    expect(binary!.key!.equals(Buffer.from(view))).toBe(true);
    expect((binary!.headers.raw as Buffer).equals(allBytes)).toBe(true);
    expect(binary!.headers.trace).toEqual(Buffer.from('abc'));
    expect(binary!.headers.multi).toEqual([Buffer.from('1'), Buffer.from([2])]);
    expect(text(plain!)).toBe('plain text ✓');
    expect(plain!.headers).toEqual({ h: null });
    expect(tombstone!.value).toBeNull();
    expect(tombstone!.key!.toString()).toBe('tombstone');
  });

  it('fails only the bad records of a coalesced batch', async () => {
    await kafka.admin().createTopic('strict', { partitions: 2 });
    const producer = kafka.producer({ lingerMs: 20 });
    const outcomes = await Promise.allSettled([
      producer.send('strict', 'a'),
      producer.send('strict', 'to a missing partition', { partition: 7 }),
      producer.send('strict', 'b'),
      producer.send('strict', 'x'.repeat(2 * 1024 * 1024)),
      producer.send('strict', 'c'),
    ]);
    await producer.close();
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const reasons = outcomes
      .filter((outcome) => outcome.status === 'rejected')
      .map((outcome) => (outcome as PromiseRejectedResult).reason);
    expect(reasons[0]).toBeInstanceOf(MiniKafkaError);
    expect(reasons[0]).toMatchObject({ type: 'UNKNOWN_TOPIC_OR_PARTITION' });
    expect(reasons[1]).toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
    expect((await readAll('strict', 3)).map(text).sort()).toEqual(['a', 'b', 'c']);
  });

  it('supports the kafkajs shapes send({ topic, messages }) and sendBatch({ topicMessages })', async () => {
    const producer = kafka.producer();
    const first = await producer.send({
      topic: 'shapes',
      messages: [{ value: 'one' }, { key: 'k', value: 'two', timestamp: '1700000000000' }],
    });
    const second = await producer.sendBatch({ topicMessages: [{ topic: 'shapes', messages: [{ value: 'three' }] }] });
    await producer.close();
    expect([...first, ...second].map((result) => result.offset)).toEqual([0, 1, 2]);
    const messages = await readAll('shapes', 3);
    expect(messages.map(text)).toEqual(['one', 'two', 'three']);
    expect(messages[1]!.timestamp).toBe(1_700_000_000_000);
  });

  it('rejects invalid input at once, and sends after close, with MiniKafkaError', async () => {
    const producer = kafka.producer();
    await expect(producer.send('bad topic', 'x')).rejects.toMatchObject({ type: 'INVALID_TOPIC_EXCEPTION' });
    await expect(producer.send('t', 'x', { partition: -1 })).rejects.toBeInstanceOf(MiniKafkaError);
    await expect(producer.send('t', 42 as unknown as string)).rejects.toMatchObject({ type: 'INVALID_RECORD' });
    await expect(producer.send('t', 'x', { timestamp: 'soon' })).rejects.toMatchObject({ type: 'INVALID_TIMESTAMP' });
    await producer.close();
    await expect(producer.send('t', 'x')).rejects.toMatchObject({ type: 'INVALID_REQUEST', details: { closed: true } });
  });

  it('reports an unreachable broker as a retriable BROKER_NOT_AVAILABLE after its retries', async () => {
    const recorder = recordingFetch();
    recorder.block(() => true);
    const producer = new MiniKafka({
      url: broker.url,
      fetch: recorder.fetch,
      retry: { retries: 2, initialRetryTime: 10 },
    }).producer();
    const error = await producer.send('anywhere', 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MiniKafkaError);
    expect(error).toMatchObject({ type: 'BROKER_NOT_AVAILABLE', retriable: true });
    expect(recorder.requests).toHaveLength(3);
  });

  it('retries a produce that failed on the network and delivers it once it gets through', async () => {
    const recorder = recordingFetch();
    let failures = 2;
    recorder.block((_method, path) => path.endsWith('/records') && failures-- > 0);
    const producer = new MiniKafka({
      url: broker.url,
      fetch: recorder.fetch,
      retry: { initialRetryTime: 10 },
    }).producer();
    await expect(producer.send('flaky', 'made it')).resolves.toMatchObject({ topic: 'flaky', offset: 0 });
    expect(recorder.count('POST', /\/records$/)).toBe(3);
  });
});
