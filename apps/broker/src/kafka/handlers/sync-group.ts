/**
 * SyncGroup (14) v0–5: the leader hands in every member's assignment (opaque bytes the
 * broker keeps and passes on); followers wait for it; a Stable group answers the stored one.
 * v3+ group.instance.id (FENCED_INSTANCE_ID for a replaced static member); v5 names the
 * protocol type and name (INCONSISTENT_GROUP_PROTOCOL when they are not the group's).
 */
import { SyncGroup } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

export const syncGroupHandler = defineHandler({
  codec: SyncGroup,
  minVersion: 0,
  maxVersion: 5,
  handle: (request, _source, ctx) => ctx.coordinator.kafkaSync(request),
});
