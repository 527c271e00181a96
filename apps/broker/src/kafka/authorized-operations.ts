/**
 * Authorized operations, as Metadata (v8+), DescribeGroups (v3+) and DescribeCluster
 * answer them when the client asks: a 32-bit field with bit n set for Kafka's AclOperation
 * code n, for each operation the resource type supports (Kafka's AclEntry.supportedOperations)
 * that the asking session may perform. Without an authorizer (authentication off) that is every
 * supported operation, as Kafka's AuthHelper.authorizedOperations answers. A request that does
 * not ask gets Kafka's "not requested" value, -2^31.
 */
import { type AclOperation, CLUSTER, groupResource, type Resource, topicResource } from '../security/acl.js';
import { OPERATION_CODES } from '../security/acl-codes.js';
import type { Authorizer, Session } from '../security/authorizer.js';

export const NOT_REQUESTED = -2147483648;

/** The operations each resource type supports (groups without group configs). */
const SUPPORTED = {
  topic: ['Read', 'Write', 'Create', 'Describe', 'Delete', 'Alter', 'DescribeConfigs', 'AlterConfigs'],
  group: ['Read', 'Describe', 'Delete'],
  cluster: ['Create', 'ClusterAction', 'DescribeConfigs', 'AlterConfigs', 'IdempotentWrite', 'Alter', 'Describe'],
} as const satisfies Record<string, readonly AclOperation[]>;

export type AuthorizableResource = keyof typeof SUPPORTED;

/** Bit n for each operation code n. */
function bitField(operations: readonly AclOperation[]): number {
  return operations.reduce((bits, operation) => bits | (1 << OPERATION_CODES[operation]), 0);
}

function resourceOf(kind: AuthorizableResource, name: string): Resource {
  if (kind === 'topic') return topicResource(name);
  if (kind === 'group') return groupResource(name);
  return CLUSTER;
}

/**
 * The field for resource `name` of type `kind` (the cluster's name is ignored) as `session`
 * may act on it, or NOT_REQUESTED when the client did not ask.
 */
export function authorizedOperations(
  authorizer: Authorizer,
  session: Session,
  kind: AuthorizableResource,
  name: string,
  requested: boolean,
): number {
  if (!requested) return NOT_REQUESTED;
  return bitField(authorizer.allowed(session, resourceOf(kind, name), SUPPORTED[kind]));
}
