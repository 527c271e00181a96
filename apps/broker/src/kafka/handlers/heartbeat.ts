/**
 * Heartbeat (12) v0–4: keeps the member alive; REBALANCE_IN_PROGRESS (27) tells it to rejoin;
 * v3+ carries group.instance.id: FENCED_INSTANCE_ID (82) for a replaced static member.
 */
import { Heartbeat } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const heartbeatHandler = defineHandler({
  codec: Heartbeat,
  minVersion: 0,
  maxVersion: 4,
  handle: async (request, _source, ctx) => ctx.coordinator.kafkaHeartbeat(request),
});
