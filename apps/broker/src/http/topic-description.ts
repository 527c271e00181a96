/** A topic's description for the API: its settings and, per partition, offsets and size. */
import { MiniKafkaError, type TopicDescription } from '@mini-kafka/protocol';
import type { LogManager } from '@mini-kafka/storage';

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
    partitionDetails: Array.from({ length: topic.partitions }, (_, partition) => {
      const log = logs.getLog(name, partition);
      return {
        partition,
        logStartOffset: log.logStartOffset,
        logEndOffset: log.logEndOffset,
        highWatermark: log.highWatermark,
        sizeBytes: log.size,
        segments: log.segmentCount,
      };
    }),
  };
}
