import { isMiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_CONFIG } from './log-config.js';
import { MemoryLog } from './memory-log.js';
import { describeTopic, type Topic, TopicRegistry } from './topic-registry.js';

function topic(name: string, topicId: string, partitions = 1): Topic {
  return {
    metadata: { name, topicId, partitions, config: {}, acceptedConfigs: {}, createdAt: 0 },
    config: { ...DEFAULT_LOG_CONFIG },
    logs: Array.from({ length: partitions }, (_, partition) => new MemoryLog({ topic: name, partition })),
  };
}

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('TopicRegistry', () => {
  it('finds topics by name and by id, and forgets both together', () => {
    const registry = new TopicRegistry();
    const orders = topic('orders', '11111111-1111-4111-8111-111111111111', 2);
    registry.add(orders);
    registry.add(topic('users', '22222222-2222-4222-8222-222222222222'));
    expect(registry.get('orders')).toBe(orders);
    expect(registry.nameOf('11111111-1111-4111-8111-111111111111')).toBe('orders');
    expect(registry.topics().map((held) => held.metadata.name)).toEqual(['orders', 'users']);
    expect(registry.logs()).toHaveLength(3);
    registry.remove('orders');
    expect(registry.has('orders')).toBe(false);
    expect(registry.nameOf('11111111-1111-4111-8111-111111111111')).toBeUndefined();
    registry.remove('orders');
    expect(registry.topics()).toHaveLength(1);
  });

  it('makes topic ids that are valid UUIDs', () => {
    const registry = new TopicRegistry();
    expect(registry.newTopicId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('answers a missing topic or partition with UNKNOWN_TOPIC_OR_PARTITION, naming at most 249 characters', () => {
    const registry = new TopicRegistry();
    registry.add(topic('orders', '11111111-1111-4111-8111-111111111111', 2));
    expect(registry.log('orders', 1)).toBe(registry.get('orders')!.logs[1]);
    for (const [name, partition, message] of [
      ['orders', 2, 'Topic "orders" has no partition 2'],
      ['orders', 0.5, 'Topic "orders" has no partition (invalid)'],
      ['nope', 0, 'Topic "nope" does not exist'],
    ] as const) {
      const error = errorOf(() => registry.log(name, partition));
      expect(isMiniKafkaError(error, 'UNKNOWN_TOPIC_OR_PARTITION')).toBe(true);
      expect((error as Error).message).toBe(message);
    }
    const long = errorOf(() => registry.log('x'.repeat(1000), 0)) as Error;
    expect(long.message).toBe(`Topic "${'x'.repeat(249)}" does not exist`);
    expect(
      isMiniKafkaError(
        errorOf(() => registry.require('nope')),
        'UNKNOWN_TOPIC_OR_PARTITION',
      ),
    ).toBe(true);
  });

  it('describes a topic with copies the caller may change', () => {
    const orders = topic('orders', '11111111-1111-4111-8111-111111111111');
    const description = describeTopic(orders);
    expect(description).toMatchObject({ name: 'orders', partitions: 1, effectiveConfig: DEFAULT_LOG_CONFIG });
    description.effectiveConfig.retentionMs = 1;
    description.config.retentionMs = 1;
    expect(orders.config.retentionMs).toBe(DEFAULT_LOG_CONFIG.retentionMs);
    expect(orders.metadata.config).toEqual({});
  });
});
