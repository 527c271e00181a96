/** The SDK's Admin against a real broker: topics, partitions, offsets, groups and lag. */
import type { Broker } from '@mini-kafka/broker';
import { MiniKafka, MiniKafkaError } from '@mini-kafka/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';

const brokers = new Brokers();
let broker: Broker;
let kafka: MiniKafka;

beforeAll(async () => {
  broker = await brokers.start();
  kafka = new MiniKafka({ url: broker.url });
});

afterAll(() => brokers.cleanup());

describe('Admin', () => {
  it('creates, lists, describes, grows and deletes topics', async () => {
    const admin = kafka.admin();
    const created = await admin.createTopic('events', { partitions: 2, config: { retentionMs: 60_000 } });
    expect(created).toMatchObject({ name: 'events', partitions: 2, config: { retentionMs: 60_000 } });
    await expect(admin.createTopic('events')).rejects.toMatchObject({ type: 'TOPIC_ALREADY_EXISTS', retriable: false });
    expect(await admin.createTopics({ topics: [{ topic: 'events' }, { topic: 'audit', numPartitions: 3 }] })).toBe(
      false,
    );
    expect((await admin.listTopics()).sort()).toEqual(['audit', 'events']);

    const grown = await admin.addPartitions('events', 4);
    expect(grown.partitionDetails.map((detail) => detail.partition)).toEqual([0, 1, 2, 3]);
    expect(await admin.createPartitions({ topicPartitions: [{ topic: 'audit', count: 5 }] })).toBe(true);
    expect((await admin.describeTopic('audit')).partitions).toBe(5);

    await admin.deleteTopics({ topics: ['audit'] });
    await admin.deleteTopic('events');
    expect(await admin.listTopics()).toEqual([]);
    const missing = await admin.describeTopic('events').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(MiniKafkaError);
    expect(missing).toMatchObject({ type: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it('reports offsets per partition, and the offset for a timestamp', async () => {
    const admin = kafka.admin();
    await admin.createTopic('clock', { partitions: 2 });
    const producer = kafka.producer();
    await producer.sendBatch('clock', [
      { value: 'a', partition: 0, timestamp: 1_000 },
      { value: 'b', partition: 0, timestamp: 2_000 },
      { value: 'c', partition: 0, timestamp: 3_000 },
      { value: 'd', partition: 1, timestamp: 2_500 },
    ]);
    await producer.close();

    expect(await admin.fetchTopicOffsets('clock')).toEqual([
      { partition: 0, offset: 3, high: 3, low: 0 },
      { partition: 1, offset: 1, high: 1, low: 0 },
    ]);
    expect(await admin.offsetsForTimestamp('clock', 0, 1_500)).toEqual({ offset: 1, timestamp: 2_000 });
    expect(await admin.offsetsForTimestamp('clock', 0, 9_000)).toEqual({ offset: 3, timestamp: null });
    expect(await admin.offsetsForTimestamp('clock', 0, -2)).toMatchObject({ offset: 0 });
    expect(await admin.fetchTopicOffsetsByTimestamp('clock', 2_200)).toEqual([
      { partition: 0, offset: 2 },
      { partition: 1, offset: 0 },
    ]);
    expect(await admin.fetchTopicOffsetsByTimestamp('clock')).toEqual([
      { partition: 0, offset: 3 },
      { partition: 1, offset: 1 },
    ]);
  });

  it('lists and describes groups with lag, resets and sets offsets, deletes empty groups only', async () => {
    const admin = kafka.admin();
    const producer = kafka.producer();
    await producer.sendBatch(
      'lagging',
      Array.from({ length: 10 }, (_, i) => ({ value: `m-${i}` })),
    );
    await producer.close();

    const consumer = kafka.consumer({ groupId: 'laggards', topics: ['lagging'], fromBeginning: true });
    expect(await consumer.poll({ maxRecords: 4, waitMs: 1_000 })).toHaveLength(4);
    await consumer.commit();

    expect((await admin.listGroups()).groups).toContainEqual({ groupId: 'laggards', state: 'Stable', members: 1 });
    const described = await admin.describeGroup('laggards');
    expect(described.members).toHaveLength(1);
    expect(described.members[0]).toMatchObject({
      clientId: 'mini-kafka-client',
      assignment: [{ topic: 'lagging', partition: 0 }],
    });
    expect(described.offsets).toMatchObject([
      { topic: 'lagging', partition: 0, committed: 4, logEndOffset: 10, lag: 6 },
    ]);
    await expect(admin.deleteGroup('laggards')).rejects.toMatchObject({ type: 'NON_EMPTY_GROUP' });
    await consumer.close();

    expect(await admin.resetOffsets({ groupId: 'laggards', topic: 'lagging', earliest: true })).toMatchObject([
      { partition: 0, offset: 0 },
    ]);
    expect(await admin.resetOffsets({ groupId: 'laggards', topic: 'lagging', to: 'latest' })).toMatchObject([
      { partition: 0, offset: 10 },
    ]);
    expect(
      await admin.setOffsets({ groupId: 'laggards', topic: 'lagging', partitions: [{ partition: 0, offset: 7 }] }),
    ).toMatchObject([{ partition: 0, offset: 7 }]);
    expect(await admin.fetchOffsets({ groupId: 'laggards' })).toEqual([
      { topic: 'lagging', partitions: [{ partition: 0, offset: 7, metadata: '' }] },
    ]);
    expect((await admin.describeGroups(['laggards'])).groups[0]!.offsets[0]).toMatchObject({ committed: 7, lag: 3 });

    const next = kafka.consumer({ groupId: 'laggards', topics: ['lagging'] });
    expect((await next.poll({ waitMs: 1_000 })).map((message) => message.offset)).toEqual([7, 8, 9]);
    await next.close();

    await admin.deleteGroups(['laggards']);
    await expect(admin.describeGroup('laggards')).rejects.toMatchObject({ type: 'GROUP_ID_NOT_FOUND' });
  });
});
