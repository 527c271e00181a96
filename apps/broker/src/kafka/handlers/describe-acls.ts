/**
 * DescribeAcls (29) v0–3: the bindings one filter selects, grouped by resource pattern.
 *
 * Behavior: with authentication off there is no authorizer and the answer is
 * SECURITY_DISABLED (54), as in Kafka; without Describe on the cluster it is
 * CLUSTER_AUTHORIZATION_FAILED (31); an unknown code in the filter is INVALID_REQUEST (42).
 * Version notes: v1 adds pattern types (v0 filters and answers literal patterns only, as
 * Kafka's v0); v2 is flexible; v3 adds the User resource type, which Mini Kafka has no
 * bindings for.
 */
import { DescribeAcls, type DescribeAclsResource } from '@mini-kafka/kafka-protocol';
import { toMiniKafkaError } from '@mini-kafka/protocol/core';
import { describeAcls } from '../../services/acl-service.js';
import { filterOf, wireOf } from '../acl-wire.js';
import { NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const describeAclsHandler = defineHandler({
  codec: DescribeAcls,
  minVersion: 0,
  maxVersion: 3,
  async handle(request, source, ctx) {
    try {
      const acls = describeAcls(ctx.security, source.session, filterOf(request));
      const resources = new Map<string, Required<DescribeAclsResource>>();
      for (const acl of acls) {
        const wire = wireOf(acl);
        const key = JSON.stringify([wire.resourceType, wire.resourceName, wire.patternType]);
        let resource = resources.get(key);
        if (resource === undefined) {
          resource = {
            resourceType: wire.resourceType,
            resourceName: wire.resourceName,
            patternType: wire.patternType,
            acls: [],
          };
          resources.set(key, resource);
        }
        resource.acls.push({
          principal: wire.principal,
          host: wire.host,
          operation: wire.operation,
          permissionType: wire.permissionType,
        });
      }
      return { throttleTimeMs: 0, errorCode: NONE, errorMessage: null, resources: [...resources.values()] };
    } catch (error) {
      const failure = toMiniKafkaError(error);
      return { throttleTimeMs: 0, errorCode: failure.code, errorMessage: failure.message, resources: [] };
    }
  },
});
