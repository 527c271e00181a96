/**
 * SyncGroup (14) v0–3: the leader hands in every member's assignment (opaque bytes the
 * broker keeps and passes on); followers wait for it; a Stable group answers the stored one.
 */
import { SyncGroup } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const syncGroupHandler = defineHandler({
  codec: SyncGroup,
  minVersion: 0,
  maxVersion: 3,
  async handle(request, _source, ctx) {
    const result = await ctx.coordinator.kafkaSync(request.groupId, {
      memberId: request.memberId,
      generationId: request.generationId,
      groupInstanceId: request.groupInstanceId,
      assignments: request.assignments.map((a) => ({ memberId: a.memberId, assignment: Buffer.from(a.assignment) })),
    });
    return { throttleTimeMs: 0, errorCode: result.errorCode, assignment: result.assignment };
  },
});
