/**
 * DescribeGroups (15) v0–5: each group asked for, of either kind (the same groups as `GET
 * /v1/groups/:group`): state, protocol type, chosen protocol and members with client ids,
 * hosts, v4+ instance ids, and their metadata and assignment bytes (Kafka's rule: those and
 * the protocol only while the group is Stable). A group nobody knows is "Dead" with error 0.
 * Authorized operations (v3+), when asked for, are what Kafka without an authorizer grants
 * (authorized-operations.ts), for every group answered without an error.
 */
import { DescribeGroups } from '@mini-kafka/kafka-protocol';
import { authorizedOperations } from '../authorized-operations.js';
import { defineHandler } from '../handler-registry.js';

/** The most groups one request may describe. */
export const MAX_DESCRIBED_GROUPS = 10_000;

export const describeGroupsHandler = defineHandler({
  codec: DescribeGroups,
  minVersion: 0,
  maxVersion: 5,
  async handle(request, _source, ctx) {
    const asked = request.groups.slice(0, MAX_DESCRIBED_GROUPS);
    const operations = authorizedOperations('group', request.includeAuthorizedOperations);
    const groups = ctx.coordinator.describeForKafka(asked);
    return {
      groups: groups.map((group) => (group.errorCode === 0 ? { ...group, authorizedOperations: operations } : group)),
    };
  },
});
