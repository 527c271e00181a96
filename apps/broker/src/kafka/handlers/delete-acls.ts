/**
 * DeleteAcls (31) v0–3: removes every binding any filter selects, answered per filter with
 * the bindings it removed.
 *
 * Behavior: with authentication off every filter is SECURITY_DISABLED (54); without Alter on
 * the cluster CLUSTER_AUTHORIZATION_FAILED (31); a filter with an unknown code is
 * INVALID_REQUEST (42) and the others still apply. The removal is durable before the answer.
 * Version notes: v1 adds pattern types; v2 is flexible; v3 adds the User resource type.
 */
import { DeleteAcls } from '@mini-kafka/kafka-protocol';
import { toMiniKafkaError } from '@mini-kafka/protocol/core';
import type { AclFilter } from '../../security/acl.js';
import { assertAclAccess, deleteAcls } from '../../services/acl-service.js';
import { filterOf, wireOf } from '../acl-wire.js';
import { NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

const failed = (error: unknown) => {
  const failure = toMiniKafkaError(error);
  return { errorCode: failure.code, errorMessage: failure.message, matchingAcls: [] };
};

export const deleteAclsHandler = defineHandler({
  codec: DeleteAcls,
  minVersion: 0,
  maxVersion: 3,
  async handle(request, source, ctx) {
    try {
      assertAclAccess(ctx.security, source.session, 'Alter');
    } catch (error) {
      return { throttleTimeMs: 0, filterResults: request.filters.map(() => failed(error)) };
    }
    const filters: (AclFilter | Error)[] = request.filters.map((wire) => {
      try {
        return filterOf(wire);
      } catch (error) {
        return toMiniKafkaError(error);
      }
    });
    const valid = filters.filter((filter): filter is AclFilter => !(filter instanceof Error));
    let removed: ReturnType<typeof wireOf>[][];
    try {
      removed = (await deleteAcls(ctx.security, source.session, valid)).map((acls) => acls.map(wireOf));
    } catch (error) {
      return { throttleTimeMs: 0, filterResults: request.filters.map(() => failed(error)) };
    }
    let next = 0;
    return {
      throttleTimeMs: 0,
      filterResults: filters.map((filter) => {
        if (filter instanceof Error) return failed(filter);
        const acls = removed[next++] ?? [];
        return {
          errorCode: NONE,
          errorMessage: null,
          matchingAcls: acls.map((acl) => ({ errorCode: NONE, errorMessage: null, ...acl })),
        };
      }),
    };
  },
});
