/**
 * The SDK consumer over a topic one of whose partitions is damaged (issue 9): the healthy
 * partitions' records keep coming, the damaged partition's error (CORRUPT_MESSAGE, naming
 * topic, partition and offset) reaches the application once they are handed out, and a seek
 * past the lost offsets reads on. Both transports: the binary frame's partition error and the
 * JSON answer's `errors`.
 */
import { join } from 'node:path';
import type { Broker } from '@mini-kafka/broker';
import { type ConsumerRecord, isMiniKafkaError, MiniKafka } from '@mini-kafka/client';
import { damageTailBatch } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { eventually } from '../support/eventually.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

/** Topic `mixed`: partition 0's 40 records lost to damage an unclean stop left, partition 1's 3 healthy ones. */
async function brokerOverDamage(): Promise<Broker> {
  const dir = await brokers.dataDir();
  const writer = await brokers.start({ inMemory: false, dataDir: dir });
  const post = (path: string, body: unknown) =>
    fetch(`${writer.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => expect(response.status).toBeLessThan(300));
  await post('/v1/topics', { name: 'mixed', partitions: 2 });
  for (let batch = 0; batch < 2; batch++) {
    const records = Array.from({ length: 20 }, (_, i) => ({ value: `lost ${batch * 20 + i}`, partition: 0 }));
    await post('/v1/topics/mixed/records', { records });
  }
  await post('/v1/topics/mixed/records', { records: ['a', 'b', 'c'].map((value) => ({ value, partition: 1 })) });
  await writer.close();
  await damageTailBatch(join(dir, 'mixed', '0'), 0);
  return brokers.start({ inMemory: false, dataDir: dir });
}

const where = (error: unknown) => (isMiniKafkaError(error) ? { name: error.type, ...error.details } : error);

describe.each(['binary', 'json'] as const)('a %s consumer over a damaged partition', (transport) => {
  it('polls the healthy partition, then throws the damaged one’s error; a seek past it reads on', async () => {
    const broker = await brokerOverDamage();
    const kafka = new MiniKafka({ url: broker.url, transport, retry: { retries: 0 } });
    const consumer = kafka.consumer({ groupId: 'pollers', topics: ['mixed'], fromBeginning: true, maxWaitMs: 200 });
    try {
      const first = await consumer.poll();
      expect(first.map((r) => [r.partition, r.value?.toString()])).toEqual([
        [1, 'a'],
        [1, 'b'],
        [1, 'c'],
      ]);
      const failed = await consumer.poll().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(where(failed)).toEqual({ name: 'CORRUPT_MESSAGE', topic: 'mixed', partition: 0, offset: 0 });
      expect((failed as Error).message).toMatch(/mixed-0/);

      await consumer.seek({ topic: 'mixed', partition: 0, offset: 40 });
      const producer = kafka.producer();
      await producer.send('mixed', 'new', { partition: 0 });
      await producer.close();
      const after = await eventually(async (): Promise<ConsumerRecord[] | undefined> => {
        const records = await consumer.poll();
        return records.length > 0 ? records : undefined;
      });
      expect(after?.map((r) => [r.partition, r.offset, r.value?.toString()])).toEqual([[0, 40, 'new']]);
    } finally {
      await consumer.close();
    }
  });

  it('runs on over the healthy partition and reports the damaged one to onError', async () => {
    const broker = await brokerOverDamage();
    const kafka = new MiniKafka({ url: broker.url, transport, retry: { retries: 0, initialRetryTime: 20 } });
    const consumer = kafka.consumer({ groupId: 'runners', topics: ['mixed'], fromBeginning: true, maxWaitMs: 200 });
    const handled: ConsumerRecord[] = [];
    const errors: unknown[] = [];
    try {
      await consumer.run({
        eachMessage: async ({ message }) => {
          handled.push(message);
        },
        onError: (error) => errors.push(error),
      });
      await eventually(() => handled.length === 3 && errors.length >= 2, 10_000, 'records and repeated errors');
      expect(handled.map((r) => [r.partition, r.offset])).toEqual([
        [1, 0],
        [1, 1],
        [1, 2],
      ]);
      expect(errors.map(where)).toContainEqual({ name: 'CORRUPT_MESSAGE', topic: 'mixed', partition: 0, offset: 0 });
      expect(errors.every((error) => isMiniKafkaError(error, 'CORRUPT_MESSAGE'))).toBe(true);
    } finally {
      await consumer.close();
    }
  });
});
