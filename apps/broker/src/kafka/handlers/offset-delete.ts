/**
 * OffsetDelete (47) v0: deletes a group's committed offsets of the partitions asked for,
 * as `DELETE /v1/groups/:group/offsets` does. A code per partition: GROUP_SUBSCRIBED_TO_TOPIC
 * (86) while a member subscribes to the topic, UNKNOWN_TOPIC_OR_PARTITION (3); or one code
 * for the group (then no partitions): GROUP_ID_NOT_FOUND (69), NON_EMPTY_GROUP (68) for an
 * active group that is not a consumer group, INVALID_GROUP_ID (24).
 * Authorization, as Kafka's: Delete on the group (else GROUP_AUTHORIZATION_FAILED for the
 * group) and Read on each topic (else TOPIC_AUTHORIZATION_FAILED on its partitions, which
 * are left alone).
 */
import { OffsetDelete } from '@mini-kafka/kafka-protocol';
import { mayOnGroup, mayOnTopic } from '../access.js';
import { code, errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const offsetDeleteHandler = defineHandler({
  codec: OffsetDelete,
  minVersion: 0,
  maxVersion: 0,
  async handle(request, source, ctx) {
    if (!mayOnGroup(ctx, source, 'Delete', request.groupId))
      return { errorCode: code('GROUP_AUTHORIZATION_FAILED'), throttleTimeMs: 0, topics: [] };
    const readable = new Set(
      request.topics.filter((topic) => mayOnTopic(ctx, source, 'Read', topic.name)).map((topic) => topic.name),
    );
    const partitions = request.topics
      .filter((topic) => readable.has(topic.name))
      .flatMap((topic) => topic.partitions.map((p) => ({ topic: topic.name, partition: p.partitionIndex })));
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
        errorCode: readable.has(topic.name) ? (results[next++]?.errorCode ?? NONE) : code('TOPIC_AUTHORIZATION_FAILED'),
      })),
    }));
    return { errorCode: NONE, throttleTimeMs: 0, topics };
  },
});
