import { MiniKafka } from '@mini-kafka/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { runMiniKafka } from './testing/run-binary.js';

describe('mini-kafka groups and records', () => {
  let broker: Broker;
  let url: string[];
  let kafka: MiniKafka;

  beforeAll(async () => {
    broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
    url = ['--url', broker.url];
    kafka = new MiniKafka({ url: broker.url });
    const admin = kafka.admin();
    await admin.createTopic('events', { partitions: 2 });
    const producer = kafka.producer();
    await producer.sendBatch(
      'events',
      Array.from({ length: 6 }, (_, i) => ({ value: `e${i}`, partition: i % 2 })),
    );
    await producer.close();
    await admin.setOffsets({
      groupId: 'billing',
      topic: 'events',
      partitions: [
        { partition: 0, offset: 1 },
        { partition: 1, offset: 3 },
      ],
    });
  });
  afterAll(() => broker.close());

  it('lists and describes groups, in tables and in JSON', async () => {
    const list = await runMiniKafka(['groups', 'list', ...url]);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^GROUP\s+STATE\s+MEMBERS\s+PROTOCOL TYPE$/);
    expect(list.stdout).toMatch(/^billing\s+Empty\s+0\s+-$/m);
    const listJson = JSON.parse((await runMiniKafka(['groups', 'list', '--state', 'Empty', '--json', ...url])).stdout);
    expect(listJson).toEqual({ groups: [{ groupId: 'billing', state: 'Empty', members: 0 }] });

    const described = await runMiniKafka(['groups', 'describe', 'billing', ...url]);
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(/^Group billing: Empty, generation \d+, 0 members\n/);
    expect(described.stdout).toMatch(/^events\s+0\s+1\s+3\s+2$/m);
    expect(described.stdout).toMatch(/^events\s+1\s+3\s+3\s+0$/m);
    const describedJson = JSON.parse((await runMiniKafka(['groups', 'describe', 'billing', '--json', ...url])).stdout);
    expect(describedJson).toMatchObject({ groupId: 'billing', state: 'Empty', members: [] });
    expect(describedJson.offsets).toContainEqual(
      expect.objectContaining({ topic: 'events', partition: 0, committed: 1, logEndOffset: 3, lag: 2 }),
    );
  });

  it('resets offsets to earliest, latest, an offset and a time', async () => {
    const earliest = await runMiniKafka([
      'groups',
      'reset-offsets',
      'billing',
      '--topic',
      'events',
      '--to',
      'earliest',
      '--json',
      ...url,
    ]);
    expect(earliest.code).toBe(0);
    expect(JSON.parse(earliest.stdout).offsets).toEqual([
      expect.objectContaining({ topic: 'events', partition: 0, offset: 0 }),
      expect.objectContaining({ topic: 'events', partition: 1, offset: 0 }),
    ]);
    const one = await runMiniKafka([
      'groups',
      'reset-offsets',
      'billing',
      '--topic',
      'events',
      '--partition',
      '1',
      '--to',
      '2',
      ...url,
    ]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^events\s+1\s+2$/m);
    const future = await runMiniKafka([
      'groups',
      'reset-offsets',
      'billing',
      '-t',
      'events',
      '--to',
      '2999-01-01T00:00:00Z',
      '--json',
      ...url,
    ]);
    expect(JSON.parse(future.stdout).offsets.map((entry: { offset: number }) => entry.offset)).toEqual([3, 3]);
    const bad = await runMiniKafka(['groups', 'reset-offsets', 'billing', '-t', 'events', '--to', 'soon', ...url]);
    expect(bad.code).toBe(2);
    const missing = await runMiniKafka(['groups', 'reset-offsets', 'billing', '--to', 'latest', ...url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '-t, --topic <topic>' not specified");
  });

  it('deletes the records before an offset', async () => {
    const deleted = await runMiniKafka(['records', 'delete', 'events', '--before', '2', '--json', ...url]);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({
      topic: 'events',
      partitions: [
        { partition: 0, logStartOffset: 2 },
        { partition: 1, logStartOffset: 2 },
      ],
    });
    const one = await runMiniKafka(['records', 'delete', 'events', '--before', '3', '--partition', '0', ...url]);
    expect(one.stdout.split('\n')).toEqual(['TOPIC   PARTITION  LOG START', 'events          0          3', '']);
    expect(await kafka.admin().fetchTopicOffsets('events')).toEqual([
      { partition: 0, offset: 3, high: 3, low: 3 },
      { partition: 1, offset: 3, high: 3, low: 2 },
    ]);
    const unknown = await runMiniKafka(['records', 'delete', 'nothing-here', '--before', '1', ...url]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('deletes a group, and exits 1 for one that does not exist', async () => {
    const deleted = await runMiniKafka(['groups', 'delete', 'billing', ...url]);
    expect(deleted).toEqual({ code: 0, stdout: 'Deleted group billing\n', stderr: '' });
    const gone = await runMiniKafka(['groups', 'delete', 'billing', ...url]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^mini-kafka groups delete: GROUP_ID_NOT_FOUND: /);
  });
});
