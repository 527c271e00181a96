/**
 * OffsetFetch (9) v1–4: a group's committed offsets, -1 with empty metadata and no error
 * where nothing is committed; `topics: null` (v2+) asks for every committed one.
 */

import { OffsetFetch, type OffsetFetchPartitionResponse } from '@mini-kafka/kafka-protocol';
import { topicPartitionKey } from '@mini-kafka/protocol';
import { errorCodeOf } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const offsetFetchHandler = defineHandler({
  codec: OffsetFetch,
  minVersion: 1,
  maxVersion: 4,
  async handle(request, _source, ctx) {
    let committed: ReturnType<typeof ctx.coordinator.committed>;
    try {
      committed = ctx.coordinator.committed(request.groupId);
    } catch (error) {
      // An invalid group id, or a coordinator shutting down: every partition carries the error.
      const errorCode = errorCodeOf(error);
      return {
        throttleTimeMs: 0,
        errorCode,
        topics: (request.topics ?? []).map((topic) => ({
          name: topic.name,
          partitions: topic.partitionIndexes.map((partitionIndex) => ({
            partitionIndex,
            committedOffset: -1,
            metadata: '',
            errorCode,
          })),
        })),
      };
    }
    const byKey = new Map(committed.map((entry) => [topicPartitionKey(entry.topic, entry.partition), entry]));
    const requested =
      request.topics ??
      [...new Set(committed.map((entry) => entry.topic))].map((name) => ({
        name,
        partitionIndexes: committed.filter((entry) => entry.topic === name).map((entry) => entry.partition),
      }));
    return {
      throttleTimeMs: 0,
      errorCode: 0,
      topics: requested.map((topic) => ({
        name: topic.name,
        partitions: topic.partitionIndexes.map((partitionIndex): OffsetFetchPartitionResponse => {
          const entry = byKey.get(topicPartitionKey(topic.name, partitionIndex));
          return {
            partitionIndex,
            committedOffset: entry?.offset ?? -1,
            metadata: entry?.metadata ?? '',
            errorCode: 0,
          };
        }),
      })),
    };
  },
});
