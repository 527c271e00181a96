/**
 * The SDK producer's retries against a real broker when answers are lost: a `fetch` that
 * delivers every produce request to the broker but loses the answer to its first attempt,
 * so the transport resends it. Idempotent (the default), each record is stored once, in
 * order; with `idempotent: false` the same faults store records twice, which is what the
 * idempotent producer exists to prevent. Both transports: binary (the producer id and
 * sequences in the RecordBatch header) and JSON (in the request's `producer`).
 */
import type { Broker } from '@mini-kafka/broker';
import { type FetchFunction, MiniKafka, type Transport } from '@mini-kafka/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { recordingFetch } from '../support/recording-fetch.js';

const brokers = new Brokers();
let broker: Broker;

beforeAll(async () => {
  broker = await brokers.start();
});
afterAll(() => brokers.cleanup());

/** A fetch that lets each produce request through but loses the answer the first time a body is sent. */
function answerLosingFetch() {
  const seen = new Set<string>();
  let lost = 0;
  const fetch: FetchFunction = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const body =
      typeof init.body === 'string'
        ? init.body
        : init.body instanceof Uint8Array
          ? Buffer.from(init.body).toString('base64')
          : '';
    if (init.method === 'POST' && new URL(input).pathname.endsWith('/records') && !seen.has(body)) {
      seen.add(body);
      lost++;
      await response.body?.cancel();
      throw new TypeError('fetch failed (the answer was lost)');
    }
    return response;
  };
  return { fetch, lost: () => lost };
}

async function stored(topic: string, partitions: number): Promise<string[][]> {
  const all: string[][] = [];
  for (let partition = 0; partition < partitions; partition++) {
    const { records } = await broker.logs.getLog(topic, partition).read(0, { maxBytes: 1 << 22 });
    all.push(records.map((record) => record.value!.toString()));
  }
  return all;
}

async function produceThroughLosses(topic: string, idempotent: boolean, transport: Transport) {
  const lossy = answerLosingFetch();
  const kafka = new MiniKafka({ url: broker.url, fetch: lossy.fetch, retry: { initialRetryTime: 1 }, transport });
  await kafka.admin().createTopic(topic, { partitions: 3 });
  const producer = kafka.producer({ idempotent, lingerMs: 2, batchSize: 7 });
  const sends = Array.from({ length: 60 }, (_, i) => producer.send(topic, `v${i}`, { key: `k${i % 5}` }));
  const results = await Promise.all(sends);
  await producer.close();
  return { results, lost: lossy.lost() };
}

describe.each(['binary', 'json'] as const)('Producer retries when answers are lost (%s)', (transport) => {
  it('stores every record once and in order when idempotent (the default)', async () => {
    const { results, lost } = await produceThroughLosses(`exactly-once-${transport}`, true, transport);
    expect(lost).toBeGreaterThan(1);
    const partitions = await stored(`exactly-once-${transport}`, 3);
    expect(partitions.flat().sort()).toEqual(Array.from({ length: 60 }, (_, i) => `v${i}`).sort());
    for (const [partition, values] of partitions.entries()) {
      const sent = results.flatMap((result, i) => (result.partition === partition ? [`v${i}`] : []));
      expect(values, `partition ${partition}`).toEqual(sent);
    }
    // The answers a retry got name the offsets where the records really are.
    for (const [i, result] of results.entries()) {
      expect(partitions[result.partition]![result.offset]).toBe(`v${i}`);
    }
  });

  it('stores records twice without idempotence', async () => {
    const { lost } = await produceThroughLosses(`at-least-once-${transport}`, false, transport);
    expect(lost).toBeGreaterThan(1);
    // Every request reached the broker twice: every record is stored twice.
    expect((await stored(`at-least-once-${transport}`, 3)).flat()).toHaveLength(120);
  });

  it('isolates a too-large record without losing the sequence: the good records and later sends go through under one producer id', async () => {
    const small = await brokers.start({ maxMessageBytes: 100 });
    const recorder = recordingFetch();
    const kafka = new MiniKafka({ url: small.url, fetch: recorder.fetch, transport });
    await kafka.admin().createTopic('mixed', { partitions: 1 });
    const producer = kafka.producer({ lingerMs: 20 });
    const outcomes = await Promise.allSettled([
      producer.send('mixed', 'a'),
      producer.send('mixed', 'b'),
      producer.send('mixed', 'x'.repeat(500)),
      producer.send('mixed', 'c'),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    await producer.send('mixed', 'd');
    await producer.close();
    const { records } = await small.logs.getLog('mixed', 0).read(0);
    expect(records.map((record) => record.value?.toString())).toEqual(['a', 'b', 'c', 'd']);
    expect(recorder.count('POST', /^\/v1\/producers$/)).toBe(1);
  });
});
