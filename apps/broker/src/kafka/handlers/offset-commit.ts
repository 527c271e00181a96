/**
 * OffsetCommit (8) v0–8: commits through the shared coordinator (fenced by generation:
 * ILLEGAL_GENERATION 22, UNKNOWN_MEMBER_ID 25, REBALANCE_IN_PROGRESS 27; generation -1 only
 * while the group is empty), so Kafka groups' offsets show in the HTTP describe and lag.
 * Each partition gets its own code: UNKNOWN_TOPIC_OR_PARTITION (3) for partitions that do
 * not exist, OFFSET_METADATA_TOO_LARGE (12), OFFSET_OUT_OF_RANGE (1) past the log end (the
 * coordinator's commit rule); the rest are written. v2–4's retention time is ignored;
 * v0 has no generation (-1: a commit outside group management); v7+ carries
 * group.instance.id (FENCED_INSTANCE_ID 82 for a replaced static member).
 *
 * Authorization, as Kafka's: without Read on the group every partition is
 * GROUP_AUTHORIZATION_FAILED (30); without Read on a topic its partitions are
 * TOPIC_AUTHORIZATION_FAILED (29) and only the other topics are committed.
 */
import { OffsetCommit, type OffsetCommitRequestTopic } from '@mini-kafka/kafka-protocol';
import { mayOnGroup, mayOnTopic } from '../access.js';
import { code } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

/** Every partition of `topics` answered with `errorCode`. */
const refuse = (topics: readonly OffsetCommitRequestTopic[], errorCode: number) =>
  topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
  }));

export const offsetCommitHandler = defineHandler({
  codec: OffsetCommit,
  minVersion: 0,
  maxVersion: 8,
  async handle(request, source, ctx) {
    if (!mayOnGroup(ctx, source, 'Read', request.groupId))
      return { throttleTimeMs: 0, topics: refuse(request.topics, code('GROUP_AUTHORIZATION_FAILED')) };
    const readable = request.topics.filter((topic) => mayOnTopic(ctx, source, 'Read', topic.name));
    if (readable.length === request.topics.length) return ctx.coordinator.kafkaCommit(request);
    const refused = refuse(
      request.topics.filter((topic) => !readable.includes(topic)),
      code('TOPIC_AUTHORIZATION_FAILED'),
    );
    if (readable.length === 0) return { throttleTimeMs: 0, topics: refused };
    const committed = await ctx.coordinator.kafkaCommit({ ...request, topics: readable });
    return { ...committed, topics: [...committed.topics, ...refused] };
  },
});
