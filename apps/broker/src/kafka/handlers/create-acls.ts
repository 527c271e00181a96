/**
 * CreateAcls (30) v0–3: adds bindings, answered with a code per creation, in order.
 *
 * Behavior: with authentication off every creation is SECURITY_DISABLED (54); without Alter
 * on the cluster CLUSTER_AUTHORIZATION_FAILED (31). A creation Kafka would refuse (an unknown
 * or "any" code, a match pattern, a principal that is not `User:<name>`, a prefixed `*`, a
 * cluster resource not named kafka-cluster) is INVALID_REQUEST (42) with the reason, and the
 * others are still created; a binding held already is no error. The valid ones are stored
 * durably before the answer.
 * Version notes: v1 adds pattern types; v2 is flexible; v3 adds the User resource type,
 * refused as unsupported.
 */
import { CreateAcls } from '@mini-kafka/kafka-protocol';
import { MiniKafkaError, toMiniKafkaError } from '@mini-kafka/protocol/core';
import { type AclBinding, aclProblem } from '../../security/acl.js';
import { assertAclAccess, createAcls } from '../../services/acl-service.js';
import { bindingOf } from '../acl-wire.js';
import { NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

type Result = { errorCode: number; errorMessage: string | null };

const failed = (error: unknown): Result => {
  const failure = toMiniKafkaError(error);
  return { errorCode: failure.code, errorMessage: failure.message };
};

export const createAclsHandler = defineHandler({
  codec: CreateAcls,
  minVersion: 0,
  maxVersion: 3,
  async handle(request, source, ctx) {
    try {
      assertAclAccess(ctx.security, source.session, 'Alter');
    } catch (error) {
      return { throttleTimeMs: 0, results: request.creations.map(() => failed(error)) };
    }
    const results: Result[] = [];
    const valid: AclBinding[] = [];
    for (const creation of request.creations) {
      try {
        const acl = bindingOf({ ...creation, patternType: creation.resourcePatternType });
        const problem = aclProblem(acl);
        if (problem !== undefined) throw new MiniKafkaError('INVALID_REQUEST', `Invalid ACL: ${problem}`);
        valid.push(acl);
        results.push({ errorCode: NONE, errorMessage: null });
      } catch (error) {
        results.push(failed(error));
      }
    }
    if (valid.length > 0) {
      try {
        await createAcls(ctx.security, source.session, valid);
      } catch (error) {
        const failure = failed(error);
        return { throttleTimeMs: 0, results: results.map((result) => (result.errorCode === NONE ? failure : result)) };
      }
    }
    return { throttleTimeMs: 0, results };
  },
});
