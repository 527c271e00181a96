/**
 * Kafka's access control model, as data: an ACL binding grants (or denies) one principal,
 * from one host, one operation on a resource pattern (a resource type and a name, literal or
 * a prefix). Names are Kafka's (AclOperation, ResourceType, PatternType, AclPermissionType),
 * and so are the numeric codes the Kafka APIs carry (CreateAcls, DescribeAcls, DeleteAcls).
 */

import type { AclOperation, AclPermission, PatternType, ResourceType } from '@mini-kafka/protocol/acls';

// The names are the HTTP API's too (@mini-kafka/protocol/acls): one list of each.
export {
  ACL_OPERATIONS,
  ACL_PERMISSIONS,
  type AclOperation,
  type AclPermission,
  PATTERN_TYPES,
  type PatternType,
  RESOURCE_TYPES,
  type ResourceType,
} from '@mini-kafka/protocol/acls';

/** The one cluster resource's name, as in Kafka. */
export const CLUSTER_NAME = 'kafka-cluster';
/** A literal resource name or a principal that matches every one. */
export const WILDCARD = '*';
/** A principal is `User:<name>`; `User:*` is every principal. */
export const PRINCIPAL_PATTERN = /^User:\S(?:[^\p{Cc}]{0,253}\S)?$/u;

export interface AclBinding {
  /** `User:alice`, or `User:*` for every principal. */
  principal: string;
  /** The client address the binding applies to, or `*` for any. */
  host: string;
  resourceType: ResourceType;
  /** A name, `*` (literal only) for every resource of the type, or a prefix. */
  resourceName: string;
  patternType: PatternType;
  operation: AclOperation;
  permission: AclPermission;
}

/** A resource a request touches. */
export interface Resource {
  type: ResourceType;
  name: string;
}

export const CLUSTER: Resource = { type: 'Cluster', name: CLUSTER_NAME };
export const topicResource = (name: string): Resource => ({ type: 'Topic', name });
export const groupResource = (name: string): Resource => ({ type: 'Group', name });
export const transactionalIdResource = (name: string): Resource => ({ type: 'TransactionalId', name });

/**
 * Which bindings a describe or delete selects. An absent field matches anything; `patternType`
 * `Match` selects the bindings that would apply to `resourceName` (literal equal, the literal
 * wildcard, prefixes of it), as Kafka's PatternType.MATCH.
 */
export interface AclFilter {
  principal?: string;
  host?: string;
  resourceType?: ResourceType;
  resourceName?: string;
  patternType?: PatternType | 'Match';
  operation?: AclOperation;
  permission?: AclPermission;
}

/** Whether binding `acl` applies to `resource` (its name equal, the literal wildcard, or a prefix of it). */
export function patternMatches(
  acl: Pick<AclBinding, 'resourceType' | 'resourceName' | 'patternType'>,
  resource: Resource,
): boolean {
  if (acl.resourceType !== resource.type) return false;
  if (acl.patternType === 'Prefixed') return resource.name.startsWith(acl.resourceName);
  return acl.resourceName === WILDCARD || acl.resourceName === resource.name;
}

/** Whether `acl` is one `filter` selects. */
export function filterMatches(filter: AclFilter, acl: AclBinding): boolean {
  if (filter.principal !== undefined && filter.principal !== acl.principal) return false;
  if (filter.host !== undefined && filter.host !== acl.host) return false;
  if (filter.operation !== undefined && filter.operation !== acl.operation) return false;
  if (filter.permission !== undefined && filter.permission !== acl.permission) return false;
  if (filter.resourceType !== undefined && filter.resourceType !== acl.resourceType) return false;
  if (filter.patternType === 'Match') {
    if (filter.resourceName === undefined) return true;
    const type = filter.resourceType ?? acl.resourceType;
    return patternMatches(acl, { type, name: filter.resourceName });
  }
  if (filter.patternType !== undefined && filter.patternType !== acl.patternType) return false;
  return filter.resourceName === undefined || filter.resourceName === acl.resourceName;
}

/** Why `acl` cannot be stored, or undefined when it can. */
export function aclProblem(acl: AclBinding): string | undefined {
  if (!PRINCIPAL_PATTERN.test(acl.principal)) return 'principal must be User:<name> (or User:*)';
  if (acl.host.length === 0 || acl.host.length > 255 || /\s/.test(acl.host)) return 'host must be an address or *';
  if (acl.resourceName.length === 0 || acl.resourceName.length > 255)
    return 'resource name must be 1 to 255 characters';
  if (acl.patternType === 'Prefixed' && acl.resourceName === WILDCARD) return 'a prefixed pattern cannot be *';
  if (acl.resourceType === 'Cluster' && acl.resourceName !== CLUSTER_NAME)
    return `the cluster resource is named ${CLUSTER_NAME}`;
  if (acl.resourceType === 'Cluster' && acl.patternType !== 'Literal') return 'the cluster resource is literal';
  return undefined;
}

/** Two bindings are the same when every field is. */
export function sameAcl(a: AclBinding, b: AclBinding): boolean {
  return (
    a.principal === b.principal &&
    a.host === b.host &&
    a.resourceType === b.resourceType &&
    a.resourceName === b.resourceName &&
    a.patternType === b.patternType &&
    a.operation === b.operation &&
    a.permission === b.permission
  );
}
