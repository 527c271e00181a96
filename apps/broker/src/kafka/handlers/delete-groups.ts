/**
 * DeleteGroups (42) v0–2: deletes each group asked for and its committed offsets, as
 * `DELETE /v1/groups/:group` does; a code per group: NON_EMPTY_GROUP (68) while it has
 * members, GROUP_ID_NOT_FOUND (69), INVALID_GROUP_ID (24); GROUP_AUTHORIZATION_FAILED (30)
 * without Delete on the group, before the group is looked at.
 */
import { DeleteGroups } from '@mini-kafka/kafka-protocol';
import { mayOnGroup } from '../access.js';
import { code, errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

/** The most groups one request may delete. */
export const MAX_DELETED_GROUPS = 10_000;

export const deleteGroupsHandler = defineHandler({
  codec: DeleteGroups,
  minVersion: 0,
  maxVersion: 2,
  async handle(request, source, ctx) {
    const results = [];
    for (const groupId of request.groupsNames.slice(0, MAX_DELETED_GROUPS)) {
      if (!mayOnGroup(ctx, source, 'Delete', groupId)) {
        results.push({ groupId, errorCode: code('GROUP_AUTHORIZATION_FAILED') });
        continue;
      }
      try {
        await ctx.coordinator.deleteGroup(groupId);
        results.push({ groupId, errorCode: NONE });
      } catch (error) {
        results.push({ groupId, errorCode: errorCodeOf(error) });
      }
    }
    return { throttleTimeMs: 0, results };
  },
});
