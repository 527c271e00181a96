/** The SDK's Consumer in groups against a real broker: sharing partitions, hand-over, groups apart. */
import type { Broker } from '@mini-kafka/broker';
import { type Consumer, type ConsumerRecord, MiniKafka } from '@mini-kafka/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { pollUntil, text } from '../support/consumer-records.js';
import { eventually } from '../support/eventually.js';

const brokers = new Brokers();
let broker: Broker;
let kafka: MiniKafka;

beforeAll(async () => {
  broker = await brokers.start();
  kafka = new MiniKafka({ url: broker.url, clientId: 'group-test' });
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

/** Runs `consumer` with eachMessage into `into`. */
async function runInto(consumer: Consumer, into: ConsumerRecord[]): Promise<void> {
  await consumer.run({ eachMessage: async ({ message }) => void into.push(message) });
}

const owned = (consumer: Consumer) => consumer.assignment().length;

describe('Consumer groups', () => {
  it('three consumers of one group split three partitions and no message is read twice', async () => {
    await kafka.admin().createTopic('split', { partitions: 3 });
    const seen: ConsumerRecord[][] = [[], [], []];
    const consumers = seen.map(() =>
      kafka.consumer({ groupId: 'splitters', topics: ['split'], fromBeginning: true, sessionTimeoutMs: 3_000 }),
    );
    for (const [index, consumer] of consumers.entries()) await runInto(consumer, seen[index]!);
    await eventually(() => consumers.every((consumer) => owned(consumer) === 1), 10_000, 'one partition each');
    expect(new Set(consumers.map((consumer) => consumer.assignment()[0]!.partition))).toEqual(new Set([0, 1, 2]));

    await produce('split', 600, 'm', 3);
    await eventually(() => seen.flat().length >= 600, 10_000, 'all 600 messages');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const all = seen.flat();
    expect(all).toHaveLength(600);
    expect(new Set(all.map(text)).size).toBe(600);
    for (const [index, messages] of seen.entries()) {
      expect(new Set(messages.map((message) => message.partition))).toEqual(
        new Set([consumers[index]!.assignment()[0]!.partition]),
      );
    }
    await Promise.all(consumers.map((consumer) => consumer.close()));
    const lag = await kafka.admin().describeGroup('splitters');
    expect(lag.offsets.map((entry) => entry.lag)).toEqual([0, 0, 0]);
    expect(lag.offsets.map((entry) => entry.committed)).toEqual([200, 200, 200]);
  });

  it('two groups read the same topic independently', async () => {
    await produce('shared', 50);
    const first = kafka.consumer({ groupId: 'first', topics: ['shared'], fromBeginning: true });
    const second = kafka.consumer({ groupId: 'second', topics: ['shared'], fromBeginning: true });
    const [a, b] = (await Promise.all([pollUntil(first, 50), pollUntil(second, 50)])).map((messages) =>
      messages.map(text),
    );
    expect(a).toEqual(Array.from({ length: 50 }, (_, i) => `m-${i}`));
    expect(b).toEqual(a);
    await Promise.all([first.close(), second.close()]);
    const committed = await kafka.admin().fetchOffsets({ groupId: 'first', topics: ['shared'] });
    expect(committed).toEqual([{ topic: 'shared', partitions: [{ partition: 0, offset: 50, metadata: '' }] }]);
  });

  it('closing a consumer commits what it processed and hands its partitions over at once', async () => {
    await kafka.admin().createTopic('handover', { partitions: 2 });
    const stayingSeen: ConsumerRecord[] = [];
    const leavingSeen: ConsumerRecord[] = [];
    // A long session: only leaving (not a session timeout) can explain a quick hand-over.
    const options = {
      groupId: 'handover',
      topics: ['handover'],
      fromBeginning: true,
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 100,
    };
    const staying = kafka.consumer(options);
    const leaving = kafka.consumer(options);
    await runInto(staying, stayingSeen);
    await runInto(leaving, leavingSeen);
    await eventually(() => owned(staying) === 1 && owned(leaving) === 1, 10_000, 'one partition each');
    await produce('handover', 20, 'before', 2);
    await eventually(() => stayingSeen.length + leavingSeen.length === 20, 10_000, 'the first 20');

    await leaving.close();
    const closedAt = Date.now();
    await produce('handover', 20, 'after', 2);
    await eventually(
      () => stayingSeen.filter((message) => text(message).startsWith('after')).length === 20,
      5_000,
      'the hand-over',
    );
    expect(Date.now() - closedAt).toBeLessThan(3_000);
    expect(owned(staying)).toBe(2);
    // Nothing the leaving member processed (and committed on close) is read again.
    expect(stayingSeen.filter((message) => text(message).startsWith('before'))).toHaveLength(10);
    await staying.close();
  });

  it('for await reads messages; commit() commits what was handed out; a new member continues from there', async () => {
    await produce('iterate', 30);
    const consumer = kafka.consumer({
      groupId: 'iterators',
      topics: ['iterate'],
      fromBeginning: true,
      autoCommit: false,
    });
    const values: string[] = [];
    for await (const message of consumer) {
      values.push(text(message));
      if (values.length === 10) {
        await consumer.commit();
        break;
      }
    }
    await consumer.close();
    expect(values).toEqual(Array.from({ length: 10 }, (_, i) => `m-${i}`));
    expect(await kafka.admin().committed('iterators', 'iterate')).toMatchObject([{ partition: 0, offset: 10 }]);

    const next = kafka.consumer({ groupId: 'iterators', topics: ['iterate'], fromBeginning: true });
    const rest: string[] = [];
    const reading = (async () => {
      for await (const message of next) rest.push(text(message));
    })();
    await eventually(() => rest.length === 20, 10_000, 'the other 20');
    await next.close();
    await reading;
    expect(rest[0]).toBe('m-10');
    expect(await kafka.admin().committed('iterators', 'iterate')).toMatchObject([{ partition: 0, offset: 30 }]);
  });

  it('seek moves the position; commitOffsets commits exactly; close commits what the last poll handed out', async () => {
    await produce('seekable', 10);
    const consumer = kafka.consumer({ groupId: 'seekers', topics: ['seekable'], fromBeginning: true });
    expect((await consumer.poll({ maxRecords: 4, waitMs: 1_000 })).map(text)).toEqual(['m-0', 'm-1', 'm-2', 'm-3']);
    await consumer.seek({ topic: 'seekable', partition: 0, offset: 7 });
    expect((await consumer.poll({ maxRecords: 2, waitMs: 1_000 })).map(text)).toEqual(['m-7', 'm-8']);
    await expect(consumer.seek({ topic: 'seekable', partition: 0, offset: 999 })).rejects.toMatchObject({
      type: 'OFFSET_OUT_OF_RANGE',
    });
    expect((await consumer.poll({ waitMs: 1_000 })).map(text)).toEqual(['m-9']);
    await consumer.commitOffsets([{ topic: 'seekable', partition: 0, offset: '9' }]);
    expect(await kafka.admin().committed('seekers', 'seekable')).toMatchObject([{ partition: 0, offset: 9 }]);
    await consumer.seek({ topic: 'seekable', partition: 0, offset: '1' });
    expect((await consumer.poll({ maxRecords: 1, waitMs: 1_000 })).map(text)).toEqual(['m-1']);
    await consumer.close();
    expect(await kafka.admin().committed('seekers', 'seekable')).toMatchObject([{ partition: 0, offset: 2 }]);
  });

  it('without fromBeginning, a new group starts at the end of the log and reads what comes after it joined', async () => {
    await produce('latest', 10);
    const consumer = kafka.consumer({ groupId: 'latest-readers', topics: ['latest'] });
    expect(await consumer.poll({ waitMs: 100 })).toEqual([]);
    await produce('latest', 1, 'new');
    expect((await consumer.poll({ waitMs: 2_000 })).map(text)).toEqual(['new-0']);
    await consumer.close();
  });
});
