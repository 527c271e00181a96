import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ErrorType, isMiniKafkaError, ManualClock } from '@mini-kafka/protocol';
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
  const manager = await LogManager.open({ retentionCheckIntervalMs: 0, ...options });
  managers.push(manager);
  return manager;
}

async function rejects(promise: Promise<unknown>, type: ErrorType, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isMiniKafkaError(error, type), `expected ${type}, got ${String(error)}`).toBe(true);
  if (message !== undefined) expect((error as Error).message).toMatch(message);
}

const configOf = (manager: LogManager, topic: string, name: string) =>
  manager.describeTopicConfigs(topic).find((entry) => entry.name === name);

for (const mode of ['on disk', 'in memory'] as const) {
  describe(`LogManager topic configs ${mode}`, () => {
    const make = async (options: LogManagerOptions = {}) =>
      open(mode === 'on disk' ? { dataDir: await dirs.make(), ...options } : { inMemory: true, ...options });

    it('creates topics with configs under Kafka names, and describes them with their sources', async () => {
      const manager = await make({ defaults: { flush: 'never', segmentBytes: 8192 } });
      const { topic } = await manager.createTopic('t', {
        configs: { 'retention.ms': '60000', 'cleanup.policy': 'delete', preallocate: 'true' },
      });
      expect(topic.config).toEqual({ retentionMs: 60_000 });
      expect(topic.acceptedConfigs).toEqual({ 'cleanup.policy': 'delete', preallocate: 'true' });
      expect(topic.effectiveConfig.retentionMs).toBe(60_000);
      expect(configOf(manager, 't', 'retention.ms')).toMatchObject({ value: '60000', source: 'TOPIC_CONFIG' });
      expect(configOf(manager, 't', 'segment.bytes')).toMatchObject({ value: '8192', source: 'STATIC_BROKER_CONFIG' });
      expect(configOf(manager, 't', 'segment.ms')).toMatchObject({ value: '604800000', source: 'DEFAULT_CONFIG' });
      expect(configOf(manager, 't', 'preallocate')).toMatchObject({ value: 'true', source: 'TOPIC_CONFIG' });
      expect(() => manager.describeTopicConfigs('missing')).toThrow(/does not exist/);
    });

    it('refuses a topic whose configs it cannot honour, creating nothing', async () => {
      const manager = await make();
      await rejects(
        manager.createTopic('t', { configs: { 'cleanup.policy': 'compact' } }),
        'INVALID_CONFIG',
        /compaction is not implemented/,
      );
      await rejects(manager.createTopic('t', { configs: { 'no.such.config': '1' } }), 'INVALID_CONFIG');
      expect(() => manager.validateTopic('t', { configs: { 'retention.ms': 'x' } })).toThrow(/retention.ms/);
      const would = manager.validateTopic('t', { partitions: 3, configs: { 'segment.ms': '1000' } });
      expect(would.partitions).toBe(3);
      expect(would.configs.find((entry) => entry.name === 'segment.ms')).toMatchObject({
        value: '1000',
        source: 'TOPIC_CONFIG',
      });
      expect(manager.hasTopic('t')).toBe(false);
    });

    it('alters configs live: a shorter retention deletes old segments at the next pass, without a restart', async () => {
      const clock = new ManualClock();
      const manager = await make({ clock, defaults: { flush: 'never', segmentBytes: 1024 } });
      await manager.createTopic('t', { partitions: 2 });
      for (let i = 0; i < 20; i++) await manager.getLog('t', 1).append([{ value: 'v'.repeat(200) }]);
      clock.advance(60 * 60 * 1000);
      expect(await manager.runRetention()).toBe(0);

      const altered = await manager.alterTopicConfigs('t', {
        ops: [
          { name: 'retention.ms', op: 'SET', value: '1000' },
          { name: 'preallocate', op: 'SET', value: 'true' },
        ],
      });
      expect(altered.effectiveConfig.retentionMs).toBe(1000);
      expect(manager.getLog('t', 1).config.retentionMs).toBe(1000);
      expect(await manager.runRetention()).toBeGreaterThan(0);
      expect(manager.getLog('t', 1).logStartOffset).toBeGreaterThan(0);

      await manager.alterTopicConfigs('t', { ops: [{ name: 'retention.ms', op: 'DELETE', value: null }] });
      expect(configOf(manager, 't', 'retention.ms')).toMatchObject({ value: '604800000', source: 'DEFAULT_CONFIG' });
      expect(configOf(manager, 't', 'preallocate')).toMatchObject({ value: 'true', source: 'TOPIC_CONFIG' });
      // Partitions added later get the topic's settings too.
      await manager.alterTopicConfigs('t', { ops: [{ name: 'segment.bytes', op: 'SET', value: '2048' }] });
      await manager.addPartitions('t', 3);
      expect(manager.getLog('t', 2).config.segmentBytes).toBe(2048);
    });

    it('replaces every config on AlterConfigs, keeps the flush policy, and changes nothing when validating or refused', async () => {
      const manager = await make();
      await manager.createTopic('t', {
        config: { flush: 'interval' },
        configs: { 'retention.ms': '5000', 'segment.ms': '7000' },
      });
      const validated = await manager.alterTopicConfigs('t', { replace: { 'retention.bytes': '100000' } }, true);
      expect(validated.config).toEqual({ flush: 'interval', retentionBytes: 100_000 });
      expect(manager.getTopic('t')?.config).toEqual({ flush: 'interval', retentionMs: 5000, segmentMs: 7000 });

      await rejects(
        manager.alterTopicConfigs('t', { replace: { 'retention.bytes': '100000', 'cleanup.policy': 'compact' } }),
        'INVALID_CONFIG',
      );
      await rejects(manager.alterTopicConfigs('missing', { replace: {} }), 'UNKNOWN_TOPIC_OR_PARTITION');
      expect(manager.getLog('t', 0).config.retentionMs).toBe(5000);

      const replaced = await manager.alterTopicConfigs('t', { replace: { 'retention.bytes': '100000' } });
      expect(replaced.config).toEqual({ flush: 'interval', retentionBytes: 100_000 });
      expect(manager.getLog('t', 0).config).toMatchObject({ flush: 'interval', retentionBytes: 100_000 });
      expect(manager.getLog('t', 0).config.retentionMs).toBe(manager.defaultConfig.retentionMs);
    });
  });
}

describe('LogManager topic configs on disk', () => {
  it('keeps altered configs across a restart', async () => {
    const dataDir = await dirs.make();
    const first = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    await first.createTopic('t', { configs: { 'min.compaction.lag.ms': '10' } });
    await first.alterTopicConfigs('t', {
      ops: [
        { name: 'retention.ms', op: 'SET', value: '123456' },
        { name: 'segment.jitter.ms', op: 'SET', value: '5' },
      ],
    });
    await first.close();
    const stored = JSON.parse(await readFile(join(dataDir, 't', 'topic.json'), 'utf8'));
    expect(stored).toMatchObject({
      config: { retentionMs: 123_456 },
      acceptedConfigs: { 'min.compaction.lag.ms': '10', 'segment.jitter.ms': '5' },
    });
    const second = await open({ dataDir });
    expect(second.getLog('t', 0).config.retentionMs).toBe(123_456);
    expect(configOf(second, 't', 'segment.jitter.ms')).toMatchObject({ value: '5', source: 'TOPIC_CONFIG' });
  });
});
