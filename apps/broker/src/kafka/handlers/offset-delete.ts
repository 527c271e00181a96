/**
 * OffsetDelete (47) v0: deletes a group's committed offsets of the partitions asked for,
 * as `DELETE /v1/groups/:group/offsets` does. A code per partition: GROUP_SUBSCRIBED_TO_TOPIC
 * (86) while a member subscribes to the topic, UNKNOWN_TOPIC_OR_PARTITION (3); or one code
 * for the group (then no partitions): GROUP_ID_NOT_FOUND (69), NON_EMPTY_GROUP (68) for an
 * active group that is not a consumer group, INVALID_GROUP_ID (24).
 */
import { OffsetDelete } from '@mini-kafka/kafka-protocol';
import { errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const offsetDeleteHandler = defineHandler({
  codec: OffsetDelete,
  minVersion: 0,
  maxVersion: 0,
  async handle(request, _source, ctx) {
    const partitions = request.topics.flatMap((topic) =>
      topic.partitions.map((p) => ({ topic: topic.name, partition: p.partitionIndex })),
    );
    let results: Awaited<ReturnType<typeof ctx.coordinator.deleteOffsets>>;
    try {
      results = await ctx.coordinator.deleteOffsets(request.groupId, partitions);
    } catch (error) {
      return { errorCode: errorCodeOf(error), throttleTimeMs: 0, topics: [] };
    }
    let next = 0;
    const topics = request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: results[next++]?.errorCode ?? NONE,
      })),
    }));
    return { errorCode: NONE, throttleTimeMs: 0, topics };
  },
});
