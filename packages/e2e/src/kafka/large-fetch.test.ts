/**
 * Large Fetch answers, written as many chunks in one gathered write (the stored batches as the
 * file reads returned them, windows of 1 MiB), read by kafkajs 2.2.4 asking for 16 MiB per
 * partition: every record arrives once, in order, byte for byte, from a broker on disk whose
 * batches straddle the read windows, also when the fetch memory budget is smaller than an
 * answer would be.
 */
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { eventually } from '../support/eventually.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
const consumers: Consumer[] = [];
afterEach(async () => {
  for (const consumer of consumers.splice(0)) await consumer.disconnect().catch(() => undefined);
  await brokers.cleanup();
});

const RECORDS = 6000;
const PER_REQUEST = 300;
/** Record `i`'s value: 1 to 2 KB, so 300 records make a batch of ~450 KB, batches across read windows. */
const recordValue = (i: number): string => `${i}:`.padEnd(1000 + ((i * 37) % 1000), String.fromCharCode(97 + (i % 26)));

describe.each([
  ['the default budget', {}],
  ['a budget smaller than an answer', { fetchMemoryBytes: 1024 * 1024, fetchMaxBytes: 1024 * 1024 }],
])('kafkajs reading large answers with %s', (_name, limits) => {
  it('gets every record once, in order, byte for byte', async () => {
    const broker = await brokers.start({
      inMemory: false,
      dataDir: await brokers.dataDir(),
      flush: 'never',
      groupInitialRebalanceDelayMs: 0,
      ...limits,
    });
    await call(broker.url, 'POST', '/v1/topics', { name: 'big', partitions: 1 });
    for (let from = 0; from < RECORDS; from += PER_REQUEST) {
      const records = Array.from({ length: PER_REQUEST }, (_, r) => ({
        key: `k${from + r}`,
        value: recordValue(from + r),
        headers: { n: String(from + r) },
      }));
      expect((await call(broker.url, 'POST', '/v1/topics/big/records', { records })).status).toBe(200);
    }
    const kafka = new Kafka({ clientId: 'large-fetch', brokers: [broker.kafkaBootstrap!], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({
      groupId: 'large',
      maxBytesPerPartition: 16 * 1024 * 1024,
      maxBytes: 50 * 1024 * 1024,
      sessionTimeout: 10_000,
      heartbeatInterval: 500,
    });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: 'big', fromBeginning: true });
    const seen: { offset: number; key: string; value: string; header: string }[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({
          offset: Number(message.offset),
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          header: message.headers?.n?.toString() ?? '',
        });
      },
    });
    await eventually(async () => seen.length >= RECORDS, 60_000, `${RECORDS} records through kafkajs`);
    expect(seen.length).toBe(RECORDS);
    for (let i = 0; i < RECORDS; i++) {
      const record = seen[i]!;
      if (
        record.offset !== i ||
        record.key !== `k${i}` ||
        record.value !== recordValue(i) ||
        record.header !== String(i)
      ) {
        expect(record, `record ${i}`).toEqual({ offset: i, key: `k${i}`, value: recordValue(i), header: String(i) });
      }
    }
  });
});
