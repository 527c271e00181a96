/** Heartbeat (12) v0–3: keeps the member alive; REBALANCE_IN_PROGRESS (27) tells it to rejoin. */
import { Heartbeat } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const heartbeatHandler = defineHandler({
  codec: Heartbeat,
  minVersion: 0,
  maxVersion: 3,
  handle: async (request, _source, ctx) => ctx.coordinator.kafkaHeartbeat(request),
});
