/** /v1/topics: create, list, describe, delete, add partitions. */
import { z } from 'zod';
import { topicName } from './common.js';

export const MAX_PARTITIONS_PER_TOPIC = 10_000;

/** Per-topic settings; unset ones come from the broker's defaults. */
export const topicConfig = z.strictObject({
  segmentBytes: z.int().optional(),
  segmentMs: z.int().optional(),
  retentionMs: z.int().optional(),
  retentionBytes: z.int().optional(),
  maxBatchBytes: z.int().optional(),
  flush: z.enum(['always', 'interval', 'never']).optional(),
  flushIntervalMs: z.int().optional(),
});
export type TopicConfig = z.infer<typeof topicConfig>;

export const createTopicRequest = z.strictObject({
  name: topicName,
  partitions: z.int().min(1).max(MAX_PARTITIONS_PER_TOPIC).default(1),
  config: topicConfig.default({}),
});
export type CreateTopicRequest = z.input<typeof createTopicRequest>;

export const addPartitionsRequest = z.strictObject({
  partitions: z.int().min(1).max(MAX_PARTITIONS_PER_TOPIC),
});
export type AddPartitionsRequest = z.input<typeof addPartitionsRequest>;

export interface PartitionDescription {
  partition: number;
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  sizeBytes: number;
  segments: number;
}

export interface TopicSummary {
  name: string;
  partitions: number;
}

export interface TopicDescription extends TopicSummary {
  /** The topic's stable id (a UUID, Kafka's topic id); a topic deleted and created again gets a new one. */
  topicId: string;
  /** Settings set on this topic. */
  config: TopicConfig;
  /** Every setting in force, defaults included. */
  effectiveConfig: Required<TopicConfig>;
  createdAt: number;
  partitionDetails: PartitionDescription[];
}

export interface ListTopicsResponse {
  topics: TopicSummary[];
}
