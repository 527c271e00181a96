/**
 * Broker-wide limits on topics and partitions. Every partition holds open files (one per
 * segment) and takes time to open at start-up (about 1 ms each), so a client creating
 * topics in a loop (or a consumer auto-creating them by typo) must meet a clear refusal
 * long before the process runs out of file descriptors. LogManager checks these on every
 * path that creates topics or partitions, one change at a time, so two creations cannot
 * both slip under a limit. A refusal is POLICY_VIOLATION (Kafka's error for a request a
 * broker policy refuses), naming the limit, the count it would reach and the setting that
 * raises it.
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';

/** Default `maxTopics`. */
export const DEFAULT_MAX_TOPICS = 1000;
/** Default `maxPartitions`: partitions across all topics. */
export const DEFAULT_MAX_PARTITIONS = 10_000;

export interface TopicLimits {
  /** The most topics the manager holds. */
  maxTopics: number;
  /** The most partitions across all topics. */
  maxPartitions: number;
}

/** What the manager holds now. */
export interface TopicCounts {
  topics: number;
  partitions: number;
}

/** Throws POLICY_VIOLATION when a new topic `name` of `partitions` partitions would pass a limit. */
export function checkNewTopicLimits(limits: TopicLimits, counts: TopicCounts, name: string, partitions: number): void {
  if (counts.topics + 1 > limits.maxTopics) {
    throw limitReached(
      `Cannot create topic "${name}": the broker holds ${counts.topics} topics and its limit is ${limits.maxTopics}`,
      'maxTopics',
      '--max-topics',
      { topic: name, limit: limits.maxTopics, topics: counts.topics },
    );
  }
  const what = `Cannot create topic "${name}" with ${partitions} partition${partitions === 1 ? '' : 's'}`;
  checkPartitionLimit(limits, counts, name, partitions, what);
}

/** Throws POLICY_VIOLATION when growing topic `name` from `from` to `to` partitions would pass the partition limit. */
export function checkAddedPartitionsLimit(
  limits: TopicLimits,
  counts: TopicCounts,
  name: string,
  [from, to]: readonly [number, number],
): void {
  checkPartitionLimit(limits, counts, name, to - from, `Cannot grow topic "${name}" from ${from} to ${to} partitions`);
}

function checkPartitionLimit(
  limits: TopicLimits,
  counts: TopicCounts,
  name: string,
  added: number,
  what: string,
): void {
  const total = counts.partitions + added;
  if (total <= limits.maxPartitions) return;
  throw limitReached(
    `${what}: the broker would hold ${total} partitions across all topics and its limit is ${limits.maxPartitions}`,
    'maxPartitions',
    '--max-partitions',
    { topic: name, limit: limits.maxPartitions, partitions: counts.partitions, requested: added },
  );
}

function limitReached(
  message: string,
  setting: string,
  flag: string,
  details: Record<string, string | number>,
): MiniKafkaError {
  return new MiniKafkaError(
    'POLICY_VIOLATION',
    `${message} (the ${setting} setting; the broker's ${flag} flag raises it)`,
    { details },
  );
}

/** A warning when the topics found at start-up already pass a limit (nothing more can be created until then). */
export function limitWarning(limits: TopicLimits, counts: TopicCounts): string | undefined {
  if (counts.topics <= limits.maxTopics && counts.partitions <= limits.maxPartitions) return undefined;
  return `The data directory holds ${counts.topics} topics and ${counts.partitions} partitions, more than maxTopics ${limits.maxTopics} or maxPartitions ${limits.maxPartitions} allow: no topic or partition can be created until some are deleted or the limits raised`;
}

/** The limits `options` set, defaults for those they leave out; INVALID_CONFIG unless positive integers. */
export function resolveTopicLimits(options: Partial<TopicLimits>): TopicLimits {
  return {
    maxTopics: checkLimit(options.maxTopics ?? DEFAULT_MAX_TOPICS, 'maxTopics'),
    maxPartitions: checkLimit(options.maxPartitions ?? DEFAULT_MAX_PARTITIONS, 'maxPartitions'),
  };
}

function checkLimit(value: number, setting: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new MiniKafkaError('INVALID_CONFIG', `${setting} must be a positive integer, not ${value}`);
  }
  return value;
}
