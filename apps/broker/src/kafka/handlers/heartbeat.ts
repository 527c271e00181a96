/**
 * Heartbeat (12) v0–4: keeps the member alive; REBALANCE_IN_PROGRESS (27) tells it to rejoin;
 * v3+ carries group.instance.id: FENCED_INSTANCE_ID (82) for a replaced static member.
 * Needs Read on the group, else GROUP_AUTHORIZATION_FAILED (30).
 */
import { Heartbeat } from '@mini-kafka/kafka-protocol';
import { mayOnGroup } from '../access.js';
import { code } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const heartbeatHandler = defineHandler({
  codec: Heartbeat,
  minVersion: 0,
  maxVersion: 4,
  handle: async (request, source, ctx) =>
    mayOnGroup(ctx, source, 'Read', request.groupId)
      ? ctx.coordinator.kafkaHeartbeat(request)
      : { throttleTimeMs: 0, errorCode: code('GROUP_AUTHORIZATION_FAILED') },
});
