/**
 * LeaveGroup (13) v0–5: the members leave at once; the others rebalance (a group left
 * empty keeps its offsets). v0–2 name one member and are answered with its code; v3+ name
 * a batch, by member id and/or group.instance.id (member id "" removes a static member by
 * its instance id), each answered with its own code (FENCED_INSTANCE_ID 82 for a replaced
 * static member, UNKNOWN_MEMBER_ID 25). Needs Read on the group, else
 * GROUP_AUTHORIZATION_FAILED (30).
 */
import { LeaveGroup } from '@mini-kafka/kafka-protocol';
import { mayOnGroup } from '../access.js';
import { code } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

/** The first version whose answer lists a code per member. */
const BATCHED = 3;

export const leaveGroupHandler = defineHandler({
  codec: LeaveGroup,
  minVersion: 0,
  maxVersion: 5,
  handle: async (request, source, ctx) => {
    if (!mayOnGroup(ctx, source, 'Read', request.groupId))
      return { throttleTimeMs: 0, errorCode: code('GROUP_AUTHORIZATION_FAILED'), members: [] };
    const answer = ctx.coordinator.kafkaLeave(request);
    if (source.apiVersion >= BATCHED) return answer;
    return { errorCode: answer.errorCode || (answer.members?.[0]?.errorCode ?? 0) };
  },
});
