/** consumer.run() against a real broker: redelivery after a handler error, eachBatch, fencing, session expiry. */
import type { Broker } from '@mini-kafka/broker';
import { type ConsumerRecord, isMiniKafkaError, MiniKafka } from '@mini-kafka/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { text } from '../support/consumer-records.js';
import { eventually } from '../support/eventually.js';
import { recordingFetch } from '../support/recording-fetch.js';

const brokers = new Brokers();
let broker: Broker;
let kafka: MiniKafka;

beforeAll(async () => {
  // The coordinator's smallest session timeout: members that stop heartbeating leave within about a second.
  broker = await brokers.start({ sessionTimeoutMs: 1_000 });
  kafka = new MiniKafka({ url: broker.url, clientId: 'run-test', retry: { initialRetryTime: 50 } });
});

afterAll(() => brokers.cleanup());

async function produce(topic: string, count: number, prefix = 'm', partitions?: number): Promise<void> {
  const producer = kafka.producer();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      producer.send(topic, `${prefix}-${i}`, partitions === undefined ? {} : { partition: i % partitions }),
    ),
  );
  await producer.close();
}

describe('consumer.run', () => {
  it('gives a message whose handler threw to the handler again, in order, and commits only what succeeded', async () => {
    await produce('flaky-handler', 10);
    const handled: string[] = [];
    const errors: unknown[] = [];
    let failed = false;
    const consumer = kafka.consumer({ groupId: 'retriers', topics: ['flaky-handler'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (text(message) === 'm-4' && !failed) {
          failed = true;
          throw new Error('handler failed once');
        }
        handled.push(text(message));
      },
      onError: (error) => errors.push(error),
    });
    await eventually(() => handled.length === 10, 10_000, 'all ten handled');
    await consumer.close();
    expect(handled).toEqual(Array.from({ length: 10 }, (_, i) => `m-${i}`));
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('handler failed once');
    expect(await kafka.admin().committed('retriers', 'flaky-handler')).toMatchObject([{ partition: 0, offset: 10 }]);
  });

  it('eachBatch gets a batch per partition; resolveOffset marks progress before a failure', async () => {
    await kafka.admin().createTopic('batches', { partitions: 2 });
    await produce('batches', 20, 'm', 2);
    const batches: Array<{ partition: number; size: number }> = [];
    let failures = 0;
    const consumer = kafka.consumer({ groupId: 'batchers', topics: ['batches'], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch, resolveOffset }) => {
        if (batch.partition === 1 && failures === 0) {
          failures++;
          for (const message of batch.messages.slice(0, 4)) resolveOffset(message.offset);
          throw new Error('stop after four');
        }
        batches.push({ partition: batch.partition, size: batch.messages.length });
      },
      onError: () => undefined,
    });
    await eventually(
      () => batches.reduce((sum, batch) => sum + batch.size, 0) === 16,
      10_000,
      'the rest of the batches',
    );
    await consumer.close();
    // Partition 1 came again from its fifth message: 6 of its 10 were left.
    expect(batches.filter((batch) => batch.partition === 1).map((batch) => batch.size)).toEqual([6]);
    expect(await kafka.admin().committed('batchers', 'batches')).toMatchObject([
      { partition: 0, offset: 10 },
      { partition: 1, offset: 10 },
    ]);
  });

  it('a commit fenced by a rebalance makes the consumer rejoin instead of crashing', async () => {
    await kafka.admin().createTopic('fenced', { partitions: 2 });
    await produce('fenced', 2, 'first', 2);
    const recorder = recordingFetch();
    const handled: ConsumerRecord[] = [];
    const errors: unknown[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const options = { groupId: 'fencers', topics: ['fenced'], fromBeginning: true };
    const first = new MiniKafka({ url: broker.url, fetch: recorder.fetch }).consumer(options);
    await first.run({
      eachMessage: async ({ message }) => {
        if (handled.length === 0) await released; // hold the first batch while the group rebalances
        handled.push(message);
      },
      onError: (error) => errors.push(error),
    });
    await eventually(() => first.assignment().length === 2, 5_000, 'the first member owning both partitions');
    const second = kafka.consumer(options);
    const secondSeen: ConsumerRecord[] = [];
    await second.run({ eachMessage: async ({ message }) => void secondSeen.push(message) });
    release();

    await eventually(
      () => recorder.requests.some((request) => request.path.endsWith('/offsets') && request.status === 409),
      5_000,
      'a fenced commit',
    );
    await eventually(() => first.assignment().length === 1, 5_000, 'the first member rejoining with one partition');
    await produce('fenced', 10, 'after', 2);
    await eventually(
      () => [...handled, ...secondSeen].filter((message) => text(message).startsWith('after')).length === 10,
      5_000,
      'both members consuming',
    );
    expect(errors.filter((error) => !isMiniKafkaError(error, 'ILLEGAL_GENERATION'))).toEqual([]);
    expect(handled.filter((message) => text(message).startsWith('after')).length).toBe(5);
    await Promise.all([first.close(), second.close()]);
  });

  it('a consumer that stops heartbeating loses its partitions after the session timeout', async () => {
    await kafka.admin().createTopic('expiry', { partitions: 2 });
    const recorder = recordingFetch();
    const options = { groupId: 'expirers', topics: ['expiry'], fromBeginning: true };
    const silent = new MiniKafka({
      url: broker.url,
      fetch: recorder.fetch,
      retry: { retries: 0, initialRetryTime: 20, maxRetryTime: 100 },
    }).consumer(options);
    const silentSeen: ConsumerRecord[] = [];
    const survivor = kafka.consumer(options);
    const survivorSeen: ConsumerRecord[] = [];
    await silent.run({ eachMessage: async ({ message }) => void silentSeen.push(message), onError: () => undefined });
    await survivor.run({ eachMessage: async ({ message }) => void survivorSeen.push(message) });
    await eventually(
      () => silent.assignment().length === 1 && survivor.assignment().length === 1,
      5_000,
      'one partition each',
    );

    recorder.block(() => true); // the silent member's process hangs: no heartbeats, no fetches
    const silencedAt = Date.now();
    await produce('expiry', 10, 'm', 2);
    await eventually(() => survivorSeen.length === 10, 3_000, 'the survivor taking over');
    const tookMs = Date.now() - silencedAt;
    expect(tookMs).toBeGreaterThanOrEqual(900);
    expect(tookMs).toBeLessThan(3_000);
    expect(survivor.assignment()).toHaveLength(2);

    // The network comes back: the expired member learns it is unknown, joins as a new member and gets a partition back.
    recorder.block(() => false);
    await eventually(
      () => silent.assignment().length === 1 && survivor.assignment().length === 1,
      5_000,
      'the expired member back',
    );
    await produce('expiry', 10, 'later', 2);
    await eventually(() => silentSeen.length + survivorSeen.length === 20, 5_000, 'the later messages');
    expect(silentSeen.map(text).every((value) => value.startsWith('later'))).toBe(true);
    expect(silentSeen).toHaveLength(5);
    await Promise.all([silent.close(), survivor.close()]);
  });

  it('follows a topic that grows: new partitions are assigned and read', async () => {
    await kafka.admin().createTopic('growing', { partitions: 1 });
    const seen: ConsumerRecord[] = [];
    const consumer = kafka.consumer({ groupId: 'growers', topics: ['growing'], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
    await eventually(() => consumer.assignment().length === 1, 5_000, 'the first partition');
    await kafka.admin().addPartitions('growing', 3);
    await eventually(() => consumer.assignment().length === 3, 5_000, 'all three partitions');
    await produce('growing', 9, 'm', 3);
    await eventually(() => seen.length === 9, 5_000, 'records of every partition');
    expect(new Set(seen.map((message) => message.partition))).toEqual(new Set([0, 1, 2]));
    await consumer.close();
  });

  it('subscribing to another topic while running rejoins with both', async () => {
    await produce('first-topic', 3);
    await produce('second-topic', 3);
    const seen: ConsumerRecord[] = [];
    const consumer = kafka.consumer({ groupId: 'subscribers', topics: ['first-topic'], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
    await eventually(() => seen.length === 3, 5_000, 'the first topic');
    await consumer.subscribe('second-topic');
    await eventually(() => seen.length === 6, 5_000, 'the second topic');
    expect(
      consumer
        .assignment()
        .map((tp) => tp.topic)
        .sort(),
    ).toEqual(['first-topic', 'second-topic']);
    await consumer.close();
  });
});
