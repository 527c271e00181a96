/**
 * DeleteGroups (42) v0–2: deletes each group asked for and its committed offsets, as
 * `DELETE /v1/groups/:group` does; a code per group: NON_EMPTY_GROUP (68) while it has
 * members, GROUP_ID_NOT_FOUND (69), INVALID_GROUP_ID (24).
 */
import { DeleteGroups } from '@mini-kafka/kafka-protocol';
import { errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

/** The most groups one request may delete. */
export const MAX_DELETED_GROUPS = 10_000;

export const deleteGroupsHandler = defineHandler({
  codec: DeleteGroups,
  minVersion: 0,
  maxVersion: 2,
  async handle(request, _source, ctx) {
    const results = [];
    for (const groupId of request.groupsNames.slice(0, MAX_DELETED_GROUPS)) {
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
