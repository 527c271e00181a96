/**
 * Admin's configs, delete-records, group-offset, group-list, cluster and log-dir methods
 * against a real in-memory broker on 127.0.0.1 (free ports), over real sockets.
 */
import { type Broker, createBroker } from '@mini-kafka/broker';
import { type Admin, MiniKafka } from '@mini-kafka/client';
import type { ConfigEntry, DescribeConfigsResponse } from '@mini-kafka/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let broker: Broker;
let kafka: MiniKafka;
let admin: Admin;

/** The broker's retention, not Kafka's default: a topic that has none of its own shows it as STATIC_BROKER_CONFIG. */
const BROKER_RETENTION_MS = 3_600_000;

beforeAll(async () => {
  broker = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: 0,
    logLevel: 'silent',
    retentionMs: BROKER_RETENTION_MS,
  });
  kafka = new MiniKafka({ url: broker.url, retry: { retries: 0 } });
  admin = kafka.admin();
});

afterAll(() => broker.close());

const config = (described: DescribeConfigsResponse, name: string): ConfigEntry | undefined =>
  described.configs.find((entry) => entry.name === name);

async function produce(topic: string, partition: number, count: number): Promise<void> {
  const producer = kafka.producer();
  await producer.sendBatch(
    topic,
    Array.from({ length: count }, (_, i) => ({ value: `record-${i}`, partition })),
  );
  await producer.close();
}

describe('topic configs', () => {
  it('alters configs live: set shows the new value as TOPIC_CONFIG, delete returns it to the default', async () => {
    await admin.createTopic('configured');
    const before = await admin.describeTopicConfigs('configured');
    expect(before.resource).toEqual({ type: 'topic', name: 'configured' });
    expect(config(before, 'retention.ms')).toMatchObject({
      value: String(BROKER_RETENTION_MS),
      source: 'STATIC_BROKER_CONFIG',
    });

    const altered = await admin.alterTopicConfigs('configured', {
      set: { 'retention.ms': 60_000, 'max.message.bytes': '4096' },
    });
    expect(config(altered, 'retention.ms')).toMatchObject({ value: '60000', source: 'TOPIC_CONFIG', readOnly: false });
    expect(config(await admin.describeTopicConfigs('configured'), 'max.message.bytes')).toMatchObject({
      value: '4096',
      source: 'TOPIC_CONFIG',
    });
    expect((await admin.describeTopic('configured')).effectiveConfig.retentionMs).toBe(60_000);

    const reverted = await admin.alterTopicConfigs('configured', { delete: ['retention.ms'] });
    expect(config(reverted, 'retention.ms')).toMatchObject({
      value: String(BROKER_RETENTION_MS),
      source: 'STATIC_BROKER_CONFIG',
    });
    expect(config(reverted, 'max.message.bytes')).toMatchObject({ value: '4096', source: 'TOPIC_CONFIG' });
  });

  it('changes nothing with validateOnly, and refuses a value it cannot honour with the broker error', async () => {
    await admin.createTopic('validated');
    const answer = await admin.alterTopicConfigs('validated', { set: { 'retention.ms': 5_000 }, validateOnly: true });
    expect(config(answer, 'retention.ms')?.source).toBe('STATIC_BROKER_CONFIG');
    expect(config(await admin.describeTopicConfigs('validated'), 'retention.ms')?.value).toBe(
      String(BROKER_RETENTION_MS),
    );

    await expect(admin.alterTopicConfigs('validated', { set: { 'cleanup.policy': 'compact' } })).rejects.toMatchObject({
      name: 'MiniKafkaError',
      type: 'INVALID_CONFIG',
      message: expect.stringMatching(/cleanup\.policy=compact/),
    });
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for a topic that does not exist', async () => {
    await expect(admin.describeTopicConfigs('no-such-topic')).rejects.toMatchObject({
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
      details: { topic: 'no-such-topic', status: 404 },
    });
    await expect(admin.alterTopicConfigs('no-such-topic', { set: { 'retention.ms': 1 } })).rejects.toMatchObject({
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
  });
});

describe('broker configs', () => {
  it('describes the broker named by describeCluster, every config read-only, under Kafka names', async () => {
    const described = await admin.describeBrokerConfigs();
    const { controllerId } = await admin.describeCluster();
    expect(described.resource).toEqual({ type: 'broker', name: String(controllerId) });
    expect(described.configs.length).toBeGreaterThan(0);
    expect(described.configs.every((entry) => entry.readOnly)).toBe(true);
    expect(config(described, 'log.retention.ms')).toMatchObject({
      value: String(BROKER_RETENTION_MS),
      source: 'STATIC_BROKER_CONFIG',
    });
    expect(await admin.describeBrokerConfigs(controllerId)).toEqual(described);
    await expect(admin.describeBrokerConfigs(controllerId + 7)).rejects.toMatchObject({ type: 'INVALID_REQUEST' });
  });
});

describe('deleteTopicRecords', () => {
  it('moves the log start offset of each partition listed, -1 meaning all records', async () => {
    await admin.createTopic('trimmed', { partitions: 3 });
    await produce('trimmed', 0, 5);
    await produce('trimmed', 1, 3);
    await produce('trimmed', 2, 2);

    const deleted = await admin.deleteTopicRecords({
      topic: 'trimmed',
      partitions: [
        { partition: 0, offset: 3 },
        { partition: 1, offset: -1 },
      ],
    });
    expect(deleted).toEqual([
      { topic: 'trimmed', partition: 0, logStartOffset: 3 },
      { topic: 'trimmed', partition: 1, logStartOffset: 3 },
    ]);
    expect(await admin.fetchTopicOffsets('trimmed')).toEqual([
      { partition: 0, offset: 5, high: 5, low: 3 },
      { partition: 1, offset: 3, high: 3, low: 3 },
      { partition: 2, offset: 2, high: 2, low: 0 },
    ]);
    expect(await admin.offsetsForTimestamp('trimmed', 0, -2)).toMatchObject({ offset: 3 });

    // An offset below the log start leaves it where it is.
    expect(await admin.deleteRecords('trimmed', 0, 1)).toEqual({ topic: 'trimmed', partition: 0, logStartOffset: 3 });
  });

  it("refuses an offset past the high watermark, an unknown topic or partition, and an empty list, with the broker's errors", async () => {
    await admin.createTopic('untrimmed');
    await produce('untrimmed', 0, 2);
    await expect(
      admin.deleteTopicRecords({ topic: 'untrimmed', partitions: [{ partition: 0, offset: 3 }] }),
    ).rejects.toMatchObject({ type: 'OFFSET_OUT_OF_RANGE' });
    await expect(admin.deleteRecords('no-such-topic', 0)).rejects.toMatchObject({
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
    await expect(admin.deleteRecords('untrimmed', 4)).rejects.toMatchObject({ type: 'UNKNOWN_TOPIC_OR_PARTITION' });
    await expect(admin.deleteTopicRecords({ topic: 'untrimmed', partitions: [] })).rejects.toMatchObject({
      type: 'INVALID_REQUEST',
    });
    expect((await admin.fetchTopicOffsets('untrimmed'))[0]).toMatchObject({ low: 0, high: 2 });
  });
});

describe('groups', () => {
  it('lists only the groups in the states asked for, in any case', async () => {
    await produce('listed', 0, 3);
    await admin.setOffsets({ groupId: 'idle', topic: 'listed', partitions: [{ partition: 0, offset: 1 }] });
    const consumer = kafka.consumer({ groupId: 'busy', topics: ['listed'], fromBeginning: true });
    try {
      expect(await consumer.poll({ waitMs: 1_000 })).toHaveLength(3);

      const ids = async (states?: string[]) =>
        (await admin.listGroups(states === undefined ? {} : { states })).groups.map((group) => group.groupId);
      expect(await ids()).toEqual(expect.arrayContaining(['busy', 'idle']));
      expect(await ids([])).toEqual(expect.arrayContaining(['busy', 'idle']));
      expect(await ids(['Stable'])).toContain('busy');
      expect(await ids(['Stable'])).not.toContain('idle');
      expect(await ids(['empty'])).toContain('idle');
      expect(await ids(['empty'])).not.toContain('busy');
      expect(await ids(['Stable', 'Empty'])).toEqual(expect.arrayContaining(['busy', 'idle']));
      expect((await admin.listGroups({ states: ['Stable'] })).groups).toContainEqual({
        groupId: 'busy',
        state: 'Stable',
        members: 1,
      });
      await expect(admin.listGroups({ states: ['Sleepy'] })).rejects.toMatchObject({ type: 'INVALID_REQUEST' });
    } finally {
      await consumer.close();
    }
  });

  it('deletes committed offsets of a topic or one partition, never while a member reads the topic', async () => {
    await admin.createTopic('left', { partitions: 2 });
    await admin.createTopic('kept');
    await produce('left', 0, 4);
    await produce('left', 1, 4);
    await produce('kept', 0, 4);
    const groupId = 'pruned';
    await admin.setOffsets({
      groupId,
      topic: 'left',
      partitions: [
        { partition: 0, offset: 2 },
        { partition: 1, offset: 3 },
      ],
    });
    await admin.setOffsets({ groupId, topic: 'kept', partitions: [{ partition: 0, offset: 1 }] });

    const afterOne = await admin.deleteGroupOffsets({ groupId, topic: 'left', partition: 1 });
    expect(afterOne.map(({ topic, partition, offset }) => ({ topic, partition, offset }))).toEqual([
      { topic: 'kept', partition: 0, offset: 1 },
      { topic: 'left', partition: 0, offset: 2 },
    ]);
    expect(await admin.deleteGroupOffsets({ groupId, topic: 'left' })).toMatchObject([
      { topic: 'kept', partition: 0, offset: 1 },
    ]);
    expect(await admin.committed(groupId)).toMatchObject([{ topic: 'kept', partition: 0, offset: 1 }]);

    await expect(admin.deleteGroupOffsets({ groupId, topic: 'no-such-topic' })).rejects.toMatchObject({
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });

    const reader = kafka.consumer({ groupId, topics: ['kept'] });
    try {
      await reader.poll({ waitMs: 100 });
      await expect(admin.deleteGroupOffsets({ groupId, topic: 'kept' })).rejects.toMatchObject({
        type: 'GROUP_SUBSCRIBED_TO_TOPIC',
        details: { group: groupId, topic: 'kept' },
      });
    } finally {
      await reader.close();
    }
    expect(await admin.committed(groupId, 'kept')).toHaveLength(1);
  });
});

describe('cluster and log dirs', () => {
  it('describes the cluster with the Kafka listener of its one broker', async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.controller).toBe(cluster.controllerId);
    expect(cluster.clusterId).toEqual(expect.any(String));
    expect(cluster.brokers).toEqual([
      { nodeId: cluster.controllerId, host: '127.0.0.1', port: broker.kafkaPort, rack: null },
    ]);
  });

  it('describes the log directory with the bytes of each partition', async () => {
    await admin.createTopic('sized', { partitions: 2 });
    await produce('sized', 1, 3);
    const { logDirs } = await admin.describeLogDirs();
    expect(logDirs).toHaveLength(1);
    const [dir] = logDirs;
    expect(dir).toMatchObject({ path: '(memory)', totalBytes: -1, usableBytes: -1 });
    const sized = dir?.topics.find((entry) => entry.topic === 'sized');
    expect(sized?.partitions).toEqual([
      { partition: 0, sizeBytes: 0, offsetLag: 0 },
      { partition: 1, sizeBytes: expect.any(Number), offsetLag: 0 },
    ]);
    expect(sized?.partitions[1]?.sizeBytes).toBeGreaterThan(0);
  });
});
