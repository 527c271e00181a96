/** Heartbeat (12) v0–3: keeps the member alive; REBALANCE_IN_PROGRESS (27) tells it to rejoin. */
import { Heartbeat } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const heartbeatHandler = defineHandler({
  codec: Heartbeat,
  minVersion: 0,
  maxVersion: 3,
  async handle(request, _source, ctx) {
    const result = ctx.coordinator.kafkaHeartbeat(
      request.groupId,
      request.memberId,
      request.generationId,
      request.groupInstanceId,
    );
    return { throttleTimeMs: 0, errorCode: result.errorCode };
  },
});
