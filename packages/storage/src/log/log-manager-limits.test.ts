import { type ErrorType, isMiniKafkaError, type MiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LogManager, type LogManagerOptions } from './log-manager.js';

const dirs = new TempDirs();
const managers: LogManager[] = [];
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.close();
  await dirs.cleanup();
});

async function open(options: LogManagerOptions): Promise<LogManager> {
  const manager = await LogManager.open({ retentionCheckIntervalMs: 0, defaults: { flush: 'never' }, ...options });
  managers.push(manager);
  return manager;
}

async function refusal(promise: Promise<unknown>, type: ErrorType = 'POLICY_VIOLATION'): Promise<MiniKafkaError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isMiniKafkaError(error, type), `expected ${type}, got ${String(error)}`).toBe(true);
  return error as MiniKafkaError;
}

for (const mode of ['on disk', 'in memory'] as const) {
  describe(`LogManager limits ${mode}`, () => {
    const make = async (options: LogManagerOptions = {}) =>
      open(mode === 'on disk' ? { dataDir: await dirs.make(), ...options } : { inMemory: true, ...options });

    it('defaults to 1,000 topics and 10,000 partitions', async () => {
      expect((await make()).limits).toEqual({ maxTopics: 1000, maxPartitions: 10_000 });
    });

    it('refuses a topic past maxTopics, naming the limit and the flag, and creates nothing', async () => {
      const manager = await make({ maxTopics: 2 });
      await manager.createTopic('a');
      await manager.createTopic('b');
      const error = await refusal(manager.createTopic('c'));
      expect(error.message).toBe(
        `Cannot create topic "c": the broker holds 2 topics and its limit is 2 (the maxTopics setting; the broker's --max-topics flag raises it)`,
      );
      expect(error.details).toMatchObject({ topic: 'c', limit: 2 });
      expect(() => manager.validateTopic('c')).toThrow('maxTopics');
      expect(manager.hasTopic('c')).toBe(false);
      // An existing topic is still answered as such, and a deleted one makes room.
      expect((await manager.createTopic('a', {}, true)).created).toBe(false);
      await manager.deleteTopic('a');
      expect((await manager.createTopic('c')).created).toBe(true);
    });

    it('refuses partitions past maxPartitions across all topics, on creation and on growth', async () => {
      const manager = await make({ maxPartitions: 10 });
      await manager.createTopic('a', { partitions: 6 });
      const created = await refusal(manager.createTopic('b', { partitions: 5 }));
      expect(created.message).toBe(
        `Cannot create topic "b" with 5 partitions: the broker would hold 11 partitions across all topics and its limit is 10 (the maxPartitions setting; the broker's --max-partitions flag raises it)`,
      );
      expect(() => manager.validateTopic('b', { partitions: 5 })).toThrow('maxPartitions');
      expect(manager.validateTopic('b', { partitions: 4 }).partitions).toBe(4);
      await manager.createTopic('b', { partitions: 4 });
      await refusal(manager.addPartitions('a', 7, true));
      const grown = await refusal(manager.addPartitions('a', 7));
      expect(grown.message).toMatch(
        /^Cannot grow topic "a" from 6 to 7 partitions: the broker would hold 11 partitions/,
      );
      expect(manager.getTopic('a')?.partitions).toBe(6);
      await manager.deleteTopic('b');
      expect((await manager.addPartitions('a', 10, true)).partitions).toBe(10);
      expect(manager.getTopic('a')?.partitions).toBe(6);
      expect((await manager.addPartitions('a', 10)).partitions).toBe(10);
    });

    it('refuses limits that are not positive integers', async () => {
      await refusal(make({ maxTopics: 0 }), 'INVALID_CONFIG');
      await refusal(make({ maxPartitions: 1.5 }), 'INVALID_CONFIG');
    });
  });
}

describe('LogManager limits at start-up', () => {
  it('loads a data directory already past its limits, warns, and refuses more', async () => {
    const dataDir = await dirs.make();
    const first = await open({ dataDir });
    for (const name of ['a', 'b', 'c']) await first.createTopic(name, { partitions: 2 });
    await first.close();
    const reopened = await open({ dataDir, maxTopics: 2, maxPartitions: 100 });
    expect(reopened.listTopics()).toHaveLength(3);
    expect(reopened.warnings).toEqual([
      'The data directory holds 3 topics and 6 partitions, more than maxTopics 2 or maxPartitions 100 allow: no topic or partition can be created until some are deleted or the limits raised',
    ]);
    await refusal(reopened.createTopic('d'));
  });
});
