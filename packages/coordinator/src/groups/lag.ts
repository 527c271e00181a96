/**
 * Consumer lag: for each partition a group consumes or has committed, how far the
 * group's committed offset is behind the log end. Kafka's definition: log end offset
 * minus committed offset; with no commit, the whole log (end minus start) is lag. A
 * committed offset marker (-1 or -2, see validation.ts) counts as no commit, as consumers
 * read it.
 */

import { compareTopicPartitions, type TopicPartition, topicPartitionKey } from '@mini-kafka/protocol/core';
import type { LogOffsets } from '../coordinator-options.js';
import type { CommittedOffset } from '../offsets/offset-store.js';
import type { PartitionLag } from './description.js';

/**
 * Lag rows for the partitions of `topics` (0 .. count-1) and every partition in
 * `committed`, sorted; partitions whose log bounds are unknown are left out.
 */
export function computeLag(
  topics: readonly string[],
  committed: readonly CommittedOffset[],
  partitionCount: (topic: string) => number | undefined,
  logOffsets: (topic: string, partition: number) => LogOffsets | undefined,
): PartitionLag[] {
  const partitions = new Map<string, TopicPartition>();
  for (const topic of topics) {
    const count = partitionCount(topic) ?? 0;
    for (let partition = 0; partition < count; partition++)
      partitions.set(topicPartitionKey(topic, partition), { topic, partition });
  }
  const offsets = new Map<string, number>();
  for (const entry of committed) {
    const key = topicPartitionKey(entry.topic, entry.partition);
    partitions.set(key, { topic: entry.topic, partition: entry.partition });
    offsets.set(key, entry.offset);
  }
  const rows: PartitionLag[] = [];
  for (const [key, { topic, partition }] of partitions) {
    const bounds = logOffsets(topic, partition);
    if (bounds === undefined) continue;
    const offset = offsets.get(key);
    const { logStartOffset, logEndOffset } = bounds;
    rows.push({
      topic,
      partition,
      committed: offset ?? null,
      logStartOffset,
      logEndOffset,
      lag: Math.max(0, logEndOffset - (offset === undefined || offset < 0 ? logStartOffset : offset)),
    });
  }
  return rows.sort(compareTopicPartitions);
}
