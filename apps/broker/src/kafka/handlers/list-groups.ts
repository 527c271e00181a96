/**
 * ListGroups (16) v0–5: every group this broker coordinates, of either kind (the same list
 * as `GET /v1/groups`): id and protocol type; v4+ its state and a states filter; v5+ its
 * type ("classic": every group here) and a types filter. Filters compare case-insensitively.
 * As Kafka: Describe on the cluster lists every group, else only those the session may Describe.
 */
import { CLASSIC_GROUP_TYPE } from '@mini-kafka/coordinator';
import { ListGroups } from '@mini-kafka/kafka-protocol';
import { mayOnCluster, mayOnGroup } from '../access.js';
import { code, errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const listGroupsHandler = defineHandler({
  codec: ListGroups,
  minVersion: 0,
  maxVersion: 5,
  async handle(request, source, ctx) {
    try {
      const every = mayOnCluster(ctx, source, 'Describe');
      const groups = ctx.coordinator
        .listGroups({ states: request.statesFilter, types: request.typesFilter })
        .filter((group) => every || mayOnGroup(ctx, source, 'Describe', group.groupId));
      return {
        errorCode: NONE,
        groups: groups.map((group) => ({
          groupId: group.groupId,
          protocolType: group.protocolType ?? '',
          groupState: group.state,
          groupType: CLASSIC_GROUP_TYPE,
        })),
      };
    } catch (error) {
      return { errorCode: errorCodeOf(error) || code('UNKNOWN_SERVER_ERROR'), groups: [] };
    }
  },
});
