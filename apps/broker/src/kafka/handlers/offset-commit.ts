/**
 * OffsetCommit (8) v2–5: commits through the shared coordinator (fenced by generation:
 * ILLEGAL_GENERATION 22, UNKNOWN_MEMBER_ID 25, REBALANCE_IN_PROGRESS 27; generation -1 only
 * while the group is empty), so Kafka groups' offsets show in the HTTP describe and lag.
 * Unknown topics or partitions answer UNKNOWN_TOPIC_OR_PARTITION per partition.
 */

import { OffsetCommit } from '@mini-kafka/kafka-protocol';
import { topicPartitionKey } from '@mini-kafka/protocol';
import { defineHandler } from '../handler-registry.js';

export const offsetCommitHandler = defineHandler({
  codec: OffsetCommit,
  minVersion: 2,
  maxVersion: 5,
  async handle(request, _source, ctx) {
    const offsets = request.topics.flatMap((topic) =>
      topic.partitions.map((p) => ({
        topic: topic.name,
        partition: p.partitionIndex,
        offset: p.committedOffset,
        metadata: p.committedMetadata,
      })),
    );
    const results = await ctx.coordinator.kafkaCommit(
      request.groupId,
      { memberId: request.memberId, generationId: request.generationId },
      offsets,
    );
    const codes = new Map(results.map((r) => [topicPartitionKey(r.topic, r.partition), r.errorCode]));
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({
        name: topic.name,
        partitions: topic.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorCode: codes.get(topicPartitionKey(topic.name, p.partitionIndex)) ?? 0,
        })),
      })),
    };
  },
});
