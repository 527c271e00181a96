/** LeaveGroup (13) v0–1: the member leaves at once; the others rebalance. Its group's offsets stay. */
import { LeaveGroup } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const leaveGroupHandler = defineHandler({
  codec: LeaveGroup,
  minVersion: 0,
  maxVersion: 1,
  handle: async (request, _source, ctx) => ctx.coordinator.kafkaLeave(request),
});
