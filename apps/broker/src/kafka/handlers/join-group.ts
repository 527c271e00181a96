/**
 * JoinGroup (11) v0–5: the coordinator holds the answer until the group's rebalance
 * completes (every known member rejoined, or the rebalance timeout passed); v4+ new
 * members first get MEMBER_ID_REQUIRED (79) with their id. Only the leader receives the
 * members' subscriptions. If the connection goes away meanwhile, the answer is dropped.
 */
import { JoinGroup } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const joinGroupHandler = defineHandler({
  codec: JoinGroup,
  minVersion: 0,
  maxVersion: 5,
  async handle(request, source, ctx) {
    const result = await ctx.coordinator.kafkaJoin(request.groupId, {
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId,
      clientId: source.clientId ?? '',
      clientHost: source.clientHost,
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: request.rebalanceTimeoutMs,
      protocolType: request.protocolType,
      protocols: request.protocols.map((protocol) => ({
        name: protocol.name,
        metadata: Buffer.from(protocol.metadata),
      })),
      requireKnownMemberId: source.apiVersion >= 4,
    });
    return {
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      generationId: result.generationId,
      protocolName: result.protocolName,
      leader: result.leader,
      memberId: result.memberId,
      members: result.members,
    };
  },
});
