/** The schemas of the answers about topics (`TopicDescription`, `ListTopicsResponse`, ...). */
import * as z from 'zod';
import { topicConfig } from '../topics.js';
import { configEntry } from './configs.js';

/** The schema of `PartitionDamage`. */
export const partitionDamage = z.strictObject({
  droppedRecords: z.int(),
  droppedBytes: z.int(),
  at: z.int(),
  ranges: z.array(z.strictObject({ from: z.int(), to: z.int() })),
  dataLoss: z.boolean(),
});

/** The schema of `PartitionDescription`. */
export const partitionDescription = z.strictObject({
  partition: z.int(),
  logStartOffset: z.int(),
  logEndOffset: z.int(),
  highWatermark: z.int(),
  sizeBytes: z.int(),
  segments: z.int(),
  damage: partitionDamage.optional(),
  offline: z.strictObject({ reason: z.string() }).optional(),
});

/** The schema of `TopicSummary`. */
export const topicSummary = z.strictObject({ name: z.string(), partitions: z.int() });

/** The schema of `TopicDescription`. */
export const topicDescription = z.strictObject({
  name: z.string(),
  partitions: z.int(),
  topicId: z.string(),
  config: topicConfig,
  effectiveConfig: topicConfig.required(),
  createdAt: z.int(),
  partitionDetails: z.array(partitionDescription),
});

/** The schema of `ValidatedTopicResponse`. */
export const validatedTopicResponse = z.strictObject({
  validateOnly: z.literal(true),
  name: z.string(),
  partitions: z.int(),
  replicationFactor: z.int(),
  configs: z.array(configEntry),
});

/** The schema of `ListTopicsResponse`. */
export const listTopicsResponse = z.strictObject({ topics: z.array(topicSummary) });
