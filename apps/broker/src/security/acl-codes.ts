/**
 * Kafka's numeric codes for the ACL model (org.apache.kafka.common.resource.ResourceType,
 * PatternType, acl.AclOperation, acl.AclPermissionType), as the ACL APIs and the authorized
 * operations bit fields carry them. `Any` (1) and `Match` (2) appear only in filters.
 */
import type { AclOperation, AclPermission, PatternType, ResourceType } from './acl.js';

export const ANY = 1;

export const RESOURCE_TYPE_CODES: Record<ResourceType, number> = {
  Topic: 2,
  Group: 3,
  Cluster: 4,
  TransactionalId: 5,
};

export const PATTERN_TYPE_CODES: Record<PatternType | 'Match', number> = { Match: 2, Literal: 3, Prefixed: 4 };

export const OPERATION_CODES: Record<AclOperation, number> = {
  All: 2,
  Read: 3,
  Write: 4,
  Create: 5,
  Delete: 6,
  Alter: 7,
  Describe: 8,
  ClusterAction: 9,
  DescribeConfigs: 10,
  AlterConfigs: 11,
  IdempotentWrite: 12,
};

export const PERMISSION_CODES: Record<AclPermission, number> = { Deny: 2, Allow: 3 };

function invert<K extends string>(codes: Record<K, number>): Map<number, K> {
  return new Map(Object.entries<number>(codes).map(([name, value]) => [value, name as K]));
}

export const RESOURCE_TYPE_BY_CODE = invert(RESOURCE_TYPE_CODES);
export const PATTERN_TYPE_BY_CODE = invert(PATTERN_TYPE_CODES);
export const OPERATION_BY_CODE = invert(OPERATION_CODES);
export const PERMISSION_BY_CODE = invert(PERMISSION_CODES);
