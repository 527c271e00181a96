/** The options and answers of Admin's methods that are the SDK's own (the broker's answers are reused as they are). */
import type { DescribeClusterResponse, ResetTarget, TopicConfig } from '@mini-kafka/protocol';

export interface CreateTopicOptions {
  /** Default 1. */
  partitions?: number;
  /** Per-topic settings; unset ones come from the broker's defaults. */
  config?: TopicConfig;
  /** Topic configs under Kafka's names (`retention.ms`, `cleanup.policy`...), as Kafka's CreateTopics takes them. */
  configs?: Record<string, string | number | boolean>;
}

/** kafkajs's topic entry of createTopics. */
export interface NewTopic {
  topic: string;
  /** Default 1. */
  numPartitions?: number;
  config?: TopicConfig;
}

/** Offsets of one partition: `low` is the log start, `high` the high watermark; `offset` is `high` (as in kafkajs). */
export interface PartitionOffsets {
  partition: number;
  offset: number;
  high: number;
  low: number;
}

export interface TimestampOffset {
  /** The first offset whose timestamp is >= the one asked for, or the log end offset when there is none. */
  offset: number;
  /** That record's timestamp, or null when the answer is the log end. */
  timestamp: number | null;
}

/** kafkajs's fetchOffsets entry; `offset` is -1 for a partition the group never committed. */
export interface TopicCommittedOffsets {
  topic: string;
  partitions: Array<{ partition: number; offset: number; metadata: string | null }>;
}

export interface ResetOffsetsOptions {
  groupId: string;
  topic: string;
  /** One partition; every partition of the topic when absent. */
  partition?: number;
  /** Where to move: 'earliest', 'latest', `{ offset }` or `{ timestamp }`. Default 'latest' (or 'earliest' with `earliest: true`). */
  to?: ResetTarget;
  /** kafkajs's switch: true = 'earliest'. */
  earliest?: boolean;
}

export interface SetOffsetsOptions {
  groupId: string;
  topic: string;
  partitions: Array<{ partition: number; offset: number }>;
}

export interface DeleteGroupOffsetsOptions {
  groupId: string;
  topic: string;
  /** One partition; every partition of the topic when absent. */
  partition?: number;
}

export interface ListGroupsOptions {
  /** Only the groups in one of these states (`Stable`, `Empty`..., any case); every group when absent or empty. */
  states?: readonly string[];
}

/** kafkajs's deleteTopicRecords: for each partition, delete the records before `offset` (-1: all of them). */
export interface DeleteTopicRecordsOptions {
  topic: string;
  partitions: Array<{ partition: number; offset: number }>;
}

/** The broker's answer to GET /v1/cluster, with kafkajs's `controller` beside `controllerId`. */
export interface ClusterDescription extends DescribeClusterResponse {
  controller: number;
}
