import type { CreatableTopic } from '@mini-kafka/kafka-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callHandler, handlerContext, type TestHandlerContext } from '../testing/handler-context.js';
import { createTopicsHandler } from './create-topics.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext({ config: { defaultPartitions: 4 } });
  await ctx.logs.createTopic('existing', { partitions: 1 });
});
afterEach(() => ctx.close());

const topic = (name: string, fields: Partial<CreatableTopic> = {}): CreatableTopic => ({
  name,
  numPartitions: 1,
  replicationFactor: 1,
  assignments: [],
  configs: [],
  ...fields,
});

async function create(topics: CreatableTopic[], validateOnly = false, version = 3) {
  const response = await callHandler(createTopicsHandler, ctx, version, { topics, timeoutMs: 5_000, validateOnly });
  return response!.topics;
}

describe('CreateTopics', () => {
  it('creates topics with their partition count, the broker default for -1, or one per assignment', async () => {
    const answers = await create([
      topic('three', { numPartitions: 3 }),
      topic('default', { numPartitions: -1, replicationFactor: -1 }),
      topic('assigned', {
        numPartitions: -1,
        replicationFactor: -1,
        assignments: [
          { partitionIndex: 0, brokerIds: [0] },
          { partitionIndex: 1, brokerIds: [0] },
        ],
      }),
    ]);
    expect(answers.map(({ name, errorCode, errorMessage }) => ({ name, errorCode, errorMessage }))).toEqual([
      { name: 'three', errorCode: 0, errorMessage: null },
      { name: 'default', errorCode: 0, errorMessage: null },
      { name: 'assigned', errorCode: 0, errorMessage: null },
    ]);
    expect(['three', 'default', 'assigned'].map((name) => ctx.logs.getTopic(name)?.partitions)).toEqual([3, 4, 2]);
  });

  it('applies the topic configs it knows, under Kafka names', async () => {
    const [answer] = await create([
      topic('configured', {
        configs: [
          { name: 'retention.ms', value: '60000' },
          { name: 'segment.bytes', value: '1048576' },
        ],
      }),
    ]);
    expect(answer?.errorCode).toBe(0);
    expect(ctx.logs.getTopic('configured')?.effectiveConfig).toMatchObject({
      retentionMs: 60_000,
      segmentBytes: 1_048_576,
    });
  });

  it('refuses, per topic, what it cannot create, and creates the rest', async () => {
    const answers = await create([
      topic('existing'),
      topic('a/b'),
      topic('replicated', { replicationFactor: 3 }),
      topic('unknown-config', { configs: [{ name: 'cleanup.policy', value: 'compact' }] }),
      topic('bad-config', { configs: [{ name: 'retention.ms', value: 'soon' }] }),
      topic('no-partitions', { numPartitions: 0 }),
      topic('fine'),
    ]);
    expect(answers.map((a) => [a.name, a.errorCode])).toEqual([
      ['existing', 36],
      ['a/b', 17],
      ['replicated', 38],
      ['unknown-config', 40],
      ['bad-config', 40],
      ['no-partitions', 37],
      ['fine', 0],
    ]);
    expect(answers.every((a) => (a.errorCode === 0) === (a.errorMessage === null))).toBe(true);
    expect(answers[0]?.errorMessage).toBe('Topic "existing" already exists');
    expect(
      ctx.logs
        .listTopics()
        .map((t) => t.name)
        .sort(),
    ).toEqual(['existing', 'fine']);
  });

  it('with validateOnly, answers as it would and creates nothing', async () => {
    const refused = [
      topic('no-partitions', { numPartitions: 0 }),
      topic('too-many-partitions', { numPartitions: 100_000 }),
      topic('tiny-segments', { configs: [{ name: 'segment.bytes', value: '1' }] }),
    ];
    const answers = await create(
      [topic('would-be', { numPartitions: 2 }), topic('existing'), topic('a/b'), ...refused],
      true,
    );
    expect(answers.map((a) => [a.name, a.errorCode])).toEqual([
      ['would-be', 0],
      ['existing', 36],
      ['a/b', 17],
      ['no-partitions', 37],
      ['too-many-partitions', 37],
      ['tiny-segments', 40],
    ]);
    expect(ctx.logs.listTopics().map((t) => t.name)).toEqual(['existing']);
    // The same answers, messages included, as without validateOnly.
    expect(await create(refused)).toEqual(answers.slice(3));
  });

  it('v7 answers each topic with its id, partition count, replication factor and configs', async () => {
    const [created, refused, validated] = await create(
      [topic('seven', { numPartitions: 2, configs: [{ name: 'retention.ms', value: '60000' }] }), topic('existing')],
      false,
      7,
    ).then(async (answers) => [...answers, ...(await create([topic('maybe', { numPartitions: 3 })], true, 7))]);
    expect(created).toMatchObject({ name: 'seven', errorCode: 0, numPartitions: 2, replicationFactor: 1 });
    expect(created?.topicId).toBe(ctx.logs.topicId('seven'));
    expect(created?.configs?.find((c) => c.name === 'retention.ms')).toEqual({
      name: 'retention.ms',
      value: '60000',
      readOnly: false,
      configSource: 1,
      isSensitive: false,
    });
    expect(created?.configs?.find((c) => c.name === 'cleanup.policy')).toMatchObject({
      value: 'delete',
      configSource: 5,
    });
    expect(refused).toMatchObject({ errorCode: 36, numPartitions: -1, replicationFactor: -1, configs: null });
    expect(refused?.topicId).toBe('00000000-0000-0000-0000-000000000000');
    expect(validated).toMatchObject({ name: 'maybe', errorCode: 0, numPartitions: 3, replicationFactor: 1 });
    expect(validated?.configs?.length).toBeGreaterThan(20);
    expect(ctx.logs.hasTopic('maybe')).toBe(false);
  });

  it('refuses a topic named twice, gapped assignments, and a config given twice', async () => {
    const answers = await create(
      [
        topic('twice'),
        topic('twice'),
        topic('gapped', {
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [{ partitionIndex: 1, brokerIds: [0] }],
        }),
        topic('elsewhere', {
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [{ partitionIndex: 0, brokerIds: [1] }],
        }),
        topic('both', { numPartitions: 2, assignments: [{ partitionIndex: 0, brokerIds: [0] }] }),
        topic('doubled', {
          configs: [
            { name: 'retention.ms', value: '1' },
            { name: 'retention.ms', value: '2' },
          ],
        }),
      ],
      false,
      5,
    );
    expect(answers.map((a) => [a.name, a.errorCode])).toEqual([
      ['twice', 42],
      ['twice', 42],
      ['gapped', 39],
      ['elsewhere', 39],
      ['both', 42],
      ['doubled', 42],
    ]);
    expect(ctx.logs.listTopics().map((t) => t.name)).toEqual(['existing']);
  });

  it('answers v0, which has no error messages, alike', async () => {
    const answers = await create([topic('old'), topic('existing')], false, 0);
    expect(answers.map((a) => [a.name, a.errorCode])).toEqual([
      ['old', 0],
      ['existing', 36],
    ]);
    expect(ctx.logs.hasTopic('old')).toBe(true);
  });
});

describe('CreateTopics under the broker-wide limits', () => {
  it('refuses topics past maxTopics and partitions past maxPartitions with POLICY_VIOLATION, validateOnly too', async () => {
    const limited = await handlerContext({ config: { maxTopics: 3, maxPartitions: 6 } });
    try {
      await limited.logs.createTopic('first', { partitions: 2 });
      const answer = async (topics: CreatableTopic[], validateOnly = false) =>
        (await callHandler(createTopicsHandler, limited, 5, { topics, timeoutMs: 5_000, validateOnly }))!.topics.map(
          (t) => [t.name, t.errorCode, t.errorMessage],
        );
      expect(await answer([topic('wide', { numPartitions: 5 })], true)).toEqual([
        [
          'wide',
          44,
          `Cannot create topic "wide" with 5 partitions: the broker would hold 7 partitions across all topics and its limit is 6 (the maxPartitions setting; the broker's --max-partitions flag raises it)`,
        ],
      ]);
      expect(await answer([topic('second', { numPartitions: 2 }), topic('third'), topic('fourth')])).toEqual([
        ['second', 0, null],
        ['third', 0, null],
        [
          'fourth',
          44,
          `Cannot create topic "fourth": the broker holds 3 topics and its limit is 3 (the maxTopics setting; the broker's --max-topics flag raises it)`,
        ],
      ]);
      expect(limited.logs.listTopics().map((t) => t.name)).toEqual(['first', 'second', 'third']);
    } finally {
      await limited.close();
    }
  });
});
