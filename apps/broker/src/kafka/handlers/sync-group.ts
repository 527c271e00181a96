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
  handle: (request, _source, ctx) => ctx.coordinator.kafkaSync(request),
});
