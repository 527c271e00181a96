/** A topic's description for the API: its settings and, per partition, offsets, size and damage. */
import { MiniKafkaError, type TopicDescription } from '@mini-kafka/protocol';
import { describePartition, type LogManager } from '@mini-kafka/storage';

export function describeTopic(logs: LogManager, name: string): TopicDescription {
  const topic = logs.getTopic(name);
  if (topic === undefined) {
    throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${name}" does not exist`, {
      details: { topic: name },
    });
  }
  const { effectiveConfig } = topic;
  return {
    name: topic.name,
    topicId: topic.topicId,
    partitions: topic.partitions,
    config: topic.config,
    effectiveConfig: {
      segmentBytes: effectiveConfig.segmentBytes,
      segmentMs: effectiveConfig.segmentMs,
      retentionMs: effectiveConfig.retentionMs,
      retentionBytes: effectiveConfig.retentionBytes,
      maxBatchBytes: effectiveConfig.maxBatchBytes,
      flush: effectiveConfig.flush,
      flushIntervalMs: effectiveConfig.flushIntervalMs,
    },
    createdAt: topic.createdAt,
    // Offsets and size, and the damage the last start found or why the partition is offline.
    partitionDetails: Array.from({ length: topic.partitions }, (_, partition) => ({
      partition,
      ...describePartition(logs.getLog(name, partition)),
    })),
  };
}
