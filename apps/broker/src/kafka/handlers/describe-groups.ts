/**
 * DescribeGroups (15) v0–5: each group asked for, of either kind (the same groups as `GET
 * /v1/groups/:group`): state, protocol type, chosen protocol and members with client ids,
 * hosts, v4+ instance ids, and their metadata and assignment bytes (Kafka's rule: those and
 * the protocol only while the group is Stable). A group nobody knows is "Dead" with error 0.
 * Authorized operations (v3+), when asked for, are what the session may do on the group
 * (authorized-operations.ts), for every group answered without an error. A group the session
 * may not Describe is GROUP_AUTHORIZATION_FAILED (30), whether it exists or not.
 */
import { DescribeGroups } from '@mini-kafka/kafka-protocol';
import { mayOnGroup } from '../access.js';
import { authorizedOperations } from '../authorized-operations.js';
import { code } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

/** The most groups one request may describe. */
export const MAX_DESCRIBED_GROUPS = 10_000;

export const describeGroupsHandler = defineHandler({
  codec: DescribeGroups,
  minVersion: 0,
  maxVersion: 5,
  async handle(request, source, ctx) {
    const asked = request.groups.slice(0, MAX_DESCRIBED_GROUPS);
    const allowed = asked.filter((groupId) => mayOnGroup(ctx, source, 'Describe', groupId));
    const answers = ctx.coordinator.describeForKafka(allowed);
    const described = new Map(allowed.map((groupId, i) => [groupId, answers[i]]));
    const operations = (groupId: string) =>
      authorizedOperations(
        ctx.security.authorizer,
        source.session,
        'group',
        groupId,
        request.includeAuthorizedOperations,
      );
    return {
      groups: asked.map((groupId) => {
        const group = described.get(groupId);
        if (group === undefined)
          return {
            errorCode: code('GROUP_AUTHORIZATION_FAILED'),
            groupId,
            groupState: '',
            protocolType: '',
            protocolData: '',
            members: [],
          };
        return group.errorCode === 0 ? { ...group, authorizedOperations: operations(groupId) } : group;
      }),
    };
  },
});
