/**
 * JoinGroup (11) v0–9: the coordinator holds the answer until the group's rebalance
 * completes (every known member rejoined, or the rebalance timeout passed); v4+ new
 * members first get MEMBER_ID_REQUIRED (79) with their id (the coordinator reads the
 * version from the request's source, with the header's client id and the client's
 * address). Only the leader receives the members' subscriptions. If the connection goes
 * away meanwhile, the answer is dropped. v5+ static members (group.instance.id) join without
 * the MEMBER_ID_REQUIRED round trip, and one that restarts gets its assignment back without a
 * rebalance; v9 tells a restarted static leader to skip its assignor (SkipAssignment).
 * Joining needs Read on the group, else GROUP_AUTHORIZATION_FAILED (30) before the group is
 * looked at.
 */
import { JoinGroup } from '@mini-kafka/kafka-protocol';
import { mayOnGroup } from '../access.js';
import { code } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const joinGroupHandler = defineHandler({
  codec: JoinGroup,
  minVersion: 0,
  maxVersion: 9,
  handle: async (request, source, ctx) => {
    if (!mayOnGroup(ctx, source, 'Read', request.groupId))
      return {
        throttleTimeMs: 0,
        errorCode: code('GROUP_AUTHORIZATION_FAILED'),
        generationId: -1,
        protocolType: null,
        protocolName: source.apiVersion >= 7 ? null : '',
        leader: '',
        skipAssignment: false,
        memberId: request.memberId,
        members: [],
      };
    return ctx.coordinator.kafkaJoin(request, source);
  },
});
