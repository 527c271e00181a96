/** /v1/topics: create, list, describe, delete, add partitions. */
import * as z from 'zod';
import { topicName } from './common.js';
import { type ConfigEntry, configName, configValue } from './configs.js';
import { MAX_CONFIGS_PER_REQUEST, MAX_PARTITIONS_PER_TOPIC } from './limits.js';

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
  /** Topic configs under Kafka's names (`retention.ms`, `cleanup.policy`, ...), as Kafka's CreateTopics takes them. */
  configs: z
    .record(configName, configValue)
    .check((ctx) => {
      if (Object.keys(ctx.value).length > MAX_CONFIGS_PER_REQUEST)
        ctx.issues.push({ code: 'custom', message: `At most ${MAX_CONFIGS_PER_REQUEST} configs`, input: ctx.value });
    })
    .optional(),
  /** 1, or -1 for the broker's default (1): one broker holds the only replica. */
  replicationFactor: z.int().min(-32768).max(32767).optional(),
  /** Check everything a creation would and answer 200 with what it would create, creating nothing. */
  validateOnly: z.boolean().default(false),
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
  /** Present when opening the partition found records lost or unreadable (see PartitionDamage). */
  damage?: PartitionDamage;
  /** Present when the partition could not be opened: every request to it is KAFKA_STORAGE_ERROR. Offsets read -1. */
  offline?: { reason: string };
}

/** What the broker's last start found lost or unreadable in a partition's stored log. */
export interface PartitionDamage {
  /** Offsets lost or unreadable, over every range. */
  droppedRecords: number;
  /** Bytes cut from the tail or unreadable in closed segments (copies are in the partition's `damaged/` folder). */
  droppedBytes: number;
  /** The first lost offset. */
  at: number;
  /** The offset ranges (inclusive) a read fails in with CORRUPT_MESSAGE. */
  ranges: { from: number; to: number }[];
  /** Records acknowledged as durable (the topic's flush policy is `always`) were lost. */
  dataLoss: boolean;
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

/** The answer to a create with `validateOnly`: what the topic would be; nothing is created. */
export interface ValidatedTopicResponse {
  validateOnly: true;
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Every config the topic would have, under Kafka's names. */
  configs: ConfigEntry[];
}

export interface ListTopicsResponse {
  topics: TopicSummary[];
}
