/**
 * OffsetCommit (8) v0–8: commits through the shared coordinator (fenced by generation:
 * ILLEGAL_GENERATION 22, UNKNOWN_MEMBER_ID 25, REBALANCE_IN_PROGRESS 27; generation -1 only
 * while the group is empty), so Kafka groups' offsets show in the HTTP describe and lag.
 * Each partition gets its own code: UNKNOWN_TOPIC_OR_PARTITION (3) for partitions that do
 * not exist, OFFSET_METADATA_TOO_LARGE (12), OFFSET_OUT_OF_RANGE (1) past the log end (the
 * coordinator's commit rule); the rest are written. v2–4's retention time is ignored;
 * v0 has no generation (-1: a commit outside group management); v7+ carries
 * group.instance.id (FENCED_INSTANCE_ID 82 for a replaced static member).
 */
import { OffsetCommit } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const offsetCommitHandler = defineHandler({
  codec: OffsetCommit,
  minVersion: 0,
  maxVersion: 8,
  handle: (request, _source, ctx) => ctx.coordinator.kafkaCommit(request),
});
