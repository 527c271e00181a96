/**
 * SyncGroup (14) v0–5: the leader hands in every member's assignment (opaque bytes the
 * broker keeps and passes on); followers wait for it; a Stable group answers the stored one.
 * v3+ group.instance.id (FENCED_INSTANCE_ID for a replaced static member); v5 names the
 * protocol type and name (INCONSISTENT_GROUP_PROTOCOL when they are not the group's).
 * Needs Read on the group, else GROUP_AUTHORIZATION_FAILED (30).
 */
import { SyncGroup } from '@mini-kafka/kafka-protocol';
import { mayOnGroup } from '../access.js';
import { code } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const syncGroupHandler = defineHandler({
  codec: SyncGroup,
  minVersion: 0,
  maxVersion: 5,
  handle: async (request, source, ctx) => {
    if (!mayOnGroup(ctx, source, 'Read', request.groupId))
      return {
        throttleTimeMs: 0,
        errorCode: code('GROUP_AUTHORIZATION_FAILED'),
        protocolType: null,
        protocolName: null,
        assignment: Buffer.alloc(0),
      };
    return ctx.coordinator.kafkaSync(request);
  },
});
