/**
 * CreateTopics (19) v0–3: creates each topic with its partition count (-1: the broker's
 * default) and the topic configs Mini Kafka knows (Kafka's names: retention.ms,
 * retention.bytes, segment.bytes, segment.ms, max.message.bytes, flush.ms); replication
 * factor 1 or -1 only (one broker). Answers per topic: TOPIC_ALREADY_EXISTS,
 * INVALID_TOPIC_EXCEPTION, INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR, INVALID_CONFIG.
 * With validateOnly it gives the same answers and creates nothing.
 */

import { type CreatableTopic, type CreatableTopicResult, CreateTopics } from '@mini-kafka/kafka-protocol';
import { assertValidTopicName, MiniKafkaError, toMiniKafkaError } from '@mini-kafka/protocol';
import type { LogConfig } from '@mini-kafka/storage';
import { NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import type { KafkaContext } from '../kafka-context.js';

const CONFIG_NAMES: Record<string, keyof LogConfig> = {
  'retention.ms': 'retentionMs',
  'retention.bytes': 'retentionBytes',
  'segment.bytes': 'segmentBytes',
  'segment.ms': 'segmentMs',
  'max.message.bytes': 'maxBatchBytes',
  'flush.ms': 'flushIntervalMs',
};

function topicConfig(topic: CreatableTopic): Partial<LogConfig> {
  const config: Partial<Record<keyof LogConfig, number>> = {};
  for (const { name, value } of topic.configs) {
    const key = CONFIG_NAMES[name];
    const number = value === null ? NaN : Number(value);
    if (key === undefined)
      throw new MiniKafkaError('INVALID_CONFIG', `Topic config ${name.slice(0, 100)} is not supported`);
    if (!Number.isSafeInteger(number))
      throw new MiniKafkaError('INVALID_CONFIG', `Topic config ${name} must be an integer`);
    config[key] = number;
  }
  return config as Partial<LogConfig>;
}

async function createOne(
  ctx: KafkaContext,
  topic: CreatableTopic,
  validateOnly: boolean,
): Promise<CreatableTopicResult> {
  try {
    assertValidTopicName(topic.name);
    if (topic.replicationFactor !== -1 && topic.replicationFactor !== 1) {
      throw new MiniKafkaError(
        'INVALID_REPLICATION_FACTOR',
        `Replication factor ${topic.replicationFactor} is not possible on one broker`,
      );
    }
    const partitions =
      topic.numPartitions === -1 && topic.assignments.length === 0
        ? ctx.config.defaultPartitions
        : topic.assignments.length > 0
          ? topic.assignments.length
          : topic.numPartitions;
    const config = topicConfig(topic);
    if (ctx.logs.hasTopic(topic.name)) {
      throw new MiniKafkaError('TOPIC_ALREADY_EXISTS', `Topic "${topic.name}" already exists`);
    }
    if (validateOnly) {
      ctx.logs.validateTopic(topic.name, { partitions, config });
    } else {
      await ctx.logs.createTopic(topic.name, { partitions, config });
      ctx.logger.info({ topic: topic.name, partitions }, 'topic created');
    }
    return { name: topic.name, errorCode: NONE, errorMessage: null };
  } catch (error) {
    const failure = toMiniKafkaError(error);
    return { name: topic.name, errorCode: failure.code, errorMessage: failure.message };
  }
}

export const createTopicsHandler = defineHandler({
  codec: CreateTopics,
  minVersion: 0,
  maxVersion: 3,
  async handle(request, _source, ctx) {
    const topics: CreatableTopicResult[] = [];
    for (const topic of request.topics) topics.push(await createOne(ctx, topic, request.validateOnly));
    return { throttleTimeMs: 0, topics };
  },
});
