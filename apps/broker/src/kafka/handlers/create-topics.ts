/**
 * CreateTopics (19) v0–7, answered by the AdminService as POST /v1/topics is.
 *
 * Behaviour:
 * - each topic is created with its partition count (-1: the broker's default) or one
 *   partition per manual assignment (each must be [0]); replication factor 1 or -1, more is
 *   INVALID_REPLICATION_FACTOR;
 * - configs under Kafka's names (retention.ms, segment.bytes, cleanup.policy=delete, ...);
 *   an unknown one, a bad value or one Mini Kafka cannot honour (cleanup.policy=compact)
 *   is INVALID_CONFIG with a message saying why;
 * - a topic named twice in one request is INVALID_REQUEST for each entry, as in Kafka;
 * - validateOnly gives the same answers and creates nothing.
 * Version notes: v5+ answers the partition count, replication factor and every config of
 * each topic (created or validated); v7 its topic id. The timeout is not needed: creation
 * completes before the answer.
 */
import { type CreatableTopic, type CreatableTopicResult, CreateTopics, ZERO_UUID } from '@mini-kafka/kafka-protocol';
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { assertOnTopic, mayOnCluster, mayOnTopic } from '../access.js';
import { adminService, configSourceCode, duplicateEntry, failure, repeated } from '../admin-answers.js';
import { code, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

/** Replica brokers per partition, in partition order; the indexes must be 0, 1, 2, ... */
function assignmentsOf(topic: CreatableTopic): number[][] {
  const sorted = [...topic.assignments].sort((a, b) => a.partitionIndex - b.partitionIndex);
  if (sorted.some((assignment, i) => assignment.partitionIndex !== i)) {
    throw new MiniKafkaError(
      'INVALID_REPLICA_ASSIGNMENT',
      `The partitions of topic "${topic.name}" must be numbered from 0 without gaps`,
    );
  }
  return sorted.map((assignment) => assignment.brokerIds);
}

function configsOf(topic: CreatableTopic): Record<string, string | null> {
  const configs: Record<string, string | null> = {};
  for (const { name, value } of topic.configs) {
    if (Object.hasOwn(configs, name)) {
      throw new MiniKafkaError('INVALID_REQUEST', `Topic config ${name.slice(0, 64)} is given more than once`);
    }
    configs[name] = value;
  }
  return configs;
}

export const createTopicsHandler = defineHandler({
  codec: CreateTopics,
  minVersion: 0,
  maxVersion: 7,
  async handle(request, source, ctx) {
    const admin = adminService(ctx);
    // Create on the cluster covers every topic; else each topic needs its own Create.
    const mayCreateAll = mayOnCluster(ctx, source, 'Create');
    const twice = repeated(request.topics.map((t) => t.name));
    const topics: CreatableTopicResult[] = [];
    for (const topic of request.topics) {
      try {
        if (twice.has(topic.name)) throw duplicateEntry('topic', topic.name);
        if (!mayCreateAll) assertOnTopic(ctx, source, 'Create', topic.name);
        const created = await admin.createTopic(
          {
            name: topic.name,
            partitions: topic.numPartitions,
            replicationFactor: topic.replicationFactor,
            assignments: assignmentsOf(topic),
            configs: configsOf(topic),
          },
          request.validateOnly,
        );
        topics.push({
          name: topic.name,
          topicId: created.topicId ?? ZERO_UUID,
          errorCode: NONE,
          errorMessage: null,
          numPartitions: created.partitions,
          replicationFactor: created.replicationFactor,
          // As Kafka: the created topic's configs only to those who may DescribeConfigs it (v5+).
          ...(mayOnTopic(ctx, source, 'DescribeConfigs', topic.name)
            ? {
                configs: created.configs.map((config) => ({
                  name: config.name,
                  value: config.value,
                  readOnly: config.readOnly,
                  configSource: configSourceCode(config.source),
                  isSensitive: config.sensitive,
                })),
              }
            : { configs: null, topicConfigErrorCode: code('TOPIC_AUTHORIZATION_FAILED') }),
        });
      } catch (error) {
        topics.push({ name: topic.name, ...failure(error), configs: null });
      }
    }
    return { throttleTimeMs: 0, topics };
  },
});
