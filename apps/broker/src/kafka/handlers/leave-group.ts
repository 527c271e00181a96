/** LeaveGroup (13) v0–1: the member leaves at once; the others rebalance. Its group's offsets stay. */
import { LeaveGroup } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const leaveGroupHandler = defineHandler({
  codec: LeaveGroup,
  minVersion: 0,
  maxVersion: 1,
  async handle(request, _source, ctx) {
    const result = await ctx.coordinator.kafkaLeave(request.groupId, [{ memberId: request.memberId }]);
    const errorCode = result.errorCode !== 0 ? result.errorCode : (result.members[0]?.errorCode ?? 0);
    return { throttleTimeMs: 0, errorCode };
  },
});
