/**
 * TopicPartition: the unit every package speaks of (a log to append to, a partition a group
 * assigns, an offset to commit), with the one ordering everything sorts by (topic name by
 * code unit, then partition number) and the one map key.
 */

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Compares strings by code unit, for deterministic sorting independent of the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders by topic (plain code-unit comparison, never locale-dependent), then partition. */
export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  return a.partition - b.partition;
}

/** A map key for a topic-partition. NUL cannot occur in a topic name, so keys never collide. */
export function topicPartitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** Plain `{ topic, partition }` copies, sorted: what a caller can hold without sharing anyone's state. */
export function sortedTopicPartitions(partitions: readonly TopicPartition[]): TopicPartition[] {
  return partitions.map(({ topic, partition }) => ({ topic, partition })).sort(compareTopicPartitions);
}
