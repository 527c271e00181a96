/**
 * JoinGroup (11) v0–9: the coordinator holds the answer until the group's rebalance
 * completes (every known member rejoined, or the rebalance timeout passed); v4+ new
 * members first get MEMBER_ID_REQUIRED (79) with their id (the coordinator reads the
 * version from the request's source, with the header's client id and the client's
 * address). Only the leader receives the members' subscriptions. If the connection goes
 * away meanwhile, the answer is dropped. v5+ static members (group.instance.id) join without
 * the MEMBER_ID_REQUIRED round trip, and one that restarts gets its assignment back without a
 * rebalance; v9 tells a restarted static leader to skip its assignor (SkipAssignment).
 */
import { JoinGroup } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const joinGroupHandler = defineHandler({
  codec: JoinGroup,
  minVersion: 0,
  maxVersion: 9,
  handle: (request, source, ctx) => ctx.coordinator.kafkaJoin(request, source),
});
