/**
 * DescribeGroups (15) v0–5: each group asked for, of either kind (the same groups as `GET
 * /v1/groups/:group`): state, protocol type, chosen protocol and members with client ids,
 * hosts, v4+ instance ids, and their metadata and assignment bytes (Kafka's rule: those and
 * the protocol only while the group is Stable). A group nobody knows is "Dead" with error 0.
 * Authorized operations are not tracked (-2^31).
 */
import { DescribeGroups } from '@mini-kafka/kafka-protocol';
import { defineHandler } from '../handler-registry.js';

/** The most groups one request may describe. */
export const MAX_DESCRIBED_GROUPS = 10_000;

export const describeGroupsHandler = defineHandler({
  codec: DescribeGroups,
  minVersion: 0,
  maxVersion: 5,
  async handle(request, _source, ctx) {
    const asked = request.groups.slice(0, MAX_DESCRIBED_GROUPS);
    return { groups: ctx.coordinator.describeForKafka(asked) };
  },
});
