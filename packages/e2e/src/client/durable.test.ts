/** The SDK against a broker that keeps its data on disk: records and committed offsets survive a restart. */
import { MiniKafka } from '@mini-kafka/client';
import { afterAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { pollUntil, text } from '../support/consumer-records.js';

const brokers = new Brokers();
afterAll(() => brokers.cleanup());

describe('a broker with a data directory', () => {
  it('keeps records and a group committed offsets across a restart', async () => {
    const dataDir = await brokers.dataDir();
    const first = await brokers.start({ inMemory: false, dataDir });
    const kafka = new MiniKafka({ url: first.url });
    await kafka.admin().createTopic('journal', { partitions: 2 });
    const producer = kafka.producer();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => producer.send('journal', `entry-${i}`, { key: `k-${i % 7}` })),
    );
    await producer.close();

    const consumer = kafka.consumer({ groupId: 'journalists', topics: ['journal'], fromBeginning: true });
    await pollUntil(consumer, 40);
    await consumer.close();
    const committedBefore = await kafka.admin().committed('journalists');
    expect(committedBefore.reduce((sum, entry) => sum + entry.offset, 0)).toBe(40);
    await first.close();

    const second = await brokers.start({ inMemory: false, dataDir });
    const again = new MiniKafka({ url: second.url });
    expect(await again.admin().committed('journalists')).toEqual(committedBefore);
    expect((await again.admin().fetchTopicOffsets('journal')).reduce((sum, entry) => sum + entry.high, 0)).toBe(100);
    const resumed = again.consumer({ groupId: 'journalists', topics: ['journal'], fromBeginning: true });
    const rest = (await pollUntil(resumed, 60)).map(text);
    await resumed.close();
    expect(rest).toHaveLength(60);
    expect(new Set(rest).size).toBe(60);
    expect((await again.admin().describeGroup('journalists')).offsets.every((entry) => entry.lag === 0)).toBe(true);
  });
});
