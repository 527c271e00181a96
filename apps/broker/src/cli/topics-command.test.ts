import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { runMiniKafka } from './testing/run-binary.js';

describe('mini-kafka topics', () => {
  let broker: Broker;
  let url: string[];

  beforeAll(async () => {
    broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
    url = ['--url', broker.url];
  });
  afterAll(() => broker.close());

  it('creates, lists, describes, alters and deletes a topic, in tables and in JSON', async () => {
    const created = await runMiniKafka([
      'topics',
      'create',
      'orders',
      '--partitions',
      '3',
      '--config',
      'retention.ms=60000',
      ...url,
    ]);
    expect(created).toMatchObject({ code: 0, stdout: 'Created topic orders with 3 partitions\n', stderr: '' });

    const list = await runMiniKafka(['topics', 'list', ...url]);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toEqual([
      'TOPIC   PARTITIONS  RECORDS  SIZE BYTES',
      'orders           3        0           0',
      '',
    ]);
    const listJson = await runMiniKafka(['topics', 'list', '--json', ...url]);
    expect(JSON.parse(listJson.stdout)).toEqual({
      topics: [{ topic: 'orders', partitions: 3, records: 0, sizeBytes: 0 }],
    });

    const described = await runMiniKafka(['topics', 'describe', 'orders', ...url]);
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(/^Topic orders \(id [0-9a-f-]{36}\), 3 partitions\n/);
    expect(described.stdout).toMatch(/PARTITION\s+LOG START\s+LOG END\s+HIGH WATERMARK/);
    expect(described.stdout).toMatch(/retention\.ms\s+60000\s+TOPIC_CONFIG/);
    const describedJson = JSON.parse((await runMiniKafka(['topics', 'describe', 'orders', '--json', ...url])).stdout);
    expect(describedJson).toMatchObject({ name: 'orders', partitions: 3 });
    expect(describedJson.partitionDetails).toHaveLength(3);
    expect(describedJson.configs).toContainEqual(expect.objectContaining({ name: 'retention.ms', value: '60000' }));

    const altered = await runMiniKafka([
      'topics',
      'alter',
      'orders',
      '--set',
      'retention.ms=1000',
      '--delete',
      'segment.ms',
      '--partitions',
      '4',
      '--json',
      ...url,
    ]);
    expect(altered.code).toBe(0);
    const alteredJson = JSON.parse(altered.stdout);
    expect(alteredJson).toMatchObject({ topic: 'orders', partitions: 4 });
    expect(alteredJson.configs).toContainEqual(
      expect.objectContaining({ name: 'retention.ms', value: '1000', source: 'TOPIC_CONFIG' }),
    );

    const deleted = await runMiniKafka(['topics', 'delete', 'orders', '--json', ...url]);
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(deleted.stdout)).toEqual({ topic: 'orders', deleted: true });
    expect(JSON.parse((await runMiniKafka(['topics', 'list', '--json', ...url])).stdout)).toEqual({ topics: [] });
  });

  it('exits 1 with the broker error name on stderr for an unknown topic', async () => {
    const result = await runMiniKafka(['topics', 'describe', 'missing', ...url]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'mini-kafka topics describe: UNKNOWN_TOPIC_OR_PARTITION: Topic "missing" does not exist\n',
    });
  });

  it('exits 1 when the topic exists already, and 2 when alter is given nothing to change', async () => {
    await runMiniKafka(['topics', 'create', 'twice', ...url]);
    const again = await runMiniKafka(['topics', 'create', 'twice', ...url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^mini-kafka topics create: TOPIC_ALREADY_EXISTS: /);
    const nothing = await runMiniKafka(['topics', 'alter', 'twice', ...url]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');
  });
});
