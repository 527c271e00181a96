/**
 * Managing ACLs, one service behind the Kafka ACL APIs (CreateAcls, DescribeAcls,
 * DeleteAcls), the /v1 HTTP routes and the CLI, so all answer alike. As in Kafka:
 * - with authentication off there is no authorizer, and every call is refused with
 *   SECURITY_DISABLED;
 * - describing needs Describe on the cluster, creating and deleting need Alter on it
 *   (CLUSTER_AUTHORIZATION_FAILED otherwise);
 * - a binding that cannot be stored is refused with INVALID_REQUEST naming the problem;
 *   creating one held already is no error.
 * Protocol-neutral: callers map the MiniKafkaErrors to their own answers.
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { type AclBinding, type AclFilter, type AclOperation, aclProblem, CLUSTER } from '../security/acl.js';
import type { Session } from '../security/authorizer.js';
import type { Security } from '../security/security.js';

export type AclParts = Pick<Security, 'enabled' | 'authorizer' | 'acls'>;

/** Throws unless `session` may perform `operation` on the cluster's ACLs. */
export function assertAclAccess(security: AclParts, session: Session, operation: AclOperation): void {
  if (!security.enabled)
    throw new MiniKafkaError('SECURITY_DISABLED', 'No authorizer is configured: turn on authentication to manage ACLs');
  if (!security.authorizer.authorize(session, operation, CLUSTER))
    throw new MiniKafkaError('CLUSTER_AUTHORIZATION_FAILED', `Not authorized to ${operation} on the cluster`);
}

/** The bindings `filter` selects. */
export function describeAcls(security: AclParts, session: Session, filter: AclFilter): AclBinding[] {
  assertAclAccess(security, session, 'Describe');
  return security.acls.describe(filter);
}

/** Adds `bindings` (all or none: a bad one is refused with INVALID_REQUEST, adding none). */
export async function createAcls(security: AclParts, session: Session, bindings: readonly AclBinding[]): Promise<void> {
  assertAclAccess(security, session, 'Alter');
  for (const acl of bindings) {
    const problem = aclProblem(acl);
    if (problem !== undefined) throw new MiniKafkaError('INVALID_REQUEST', `Invalid ACL: ${problem}`);
  }
  await security.acls.create(bindings);
}

/** Removes every binding any of `filters` selects; resolves to the removed ones, per filter. */
export async function deleteAcls(
  security: AclParts,
  session: Session,
  filters: readonly AclFilter[],
): Promise<AclBinding[][]> {
  assertAclAccess(security, session, 'Alter');
  return security.acls.delete(filters);
}
