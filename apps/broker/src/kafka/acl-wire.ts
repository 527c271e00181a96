/**
 * The Kafka ACL APIs' numeric fields (acl-codes.ts) to and from the broker's ACL model:
 * a creation becomes an AclBinding, a filter an AclFilter (1 = any, pattern type 2 =
 * match), each refused with INVALID_REQUEST naming the field when Kafka would refuse it
 * (an unknown code, or "any" where a binding needs one value).
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import type { AclBinding, AclFilter } from '../security/acl.js';
import {
  ANY,
  OPERATION_BY_CODE,
  OPERATION_CODES,
  PATTERN_TYPE_BY_CODE,
  PATTERN_TYPE_CODES,
  PERMISSION_BY_CODE,
  PERMISSION_CODES,
  RESOURCE_TYPE_BY_CODE,
  RESOURCE_TYPE_CODES,
} from '../security/acl-codes.js';

/** The fields of a binding as the ACL APIs carry them. */
export interface WireAcl {
  resourceType: number;
  resourceName: string;
  patternType: number;
  principal: string;
  host: string;
  operation: number;
  permissionType: number;
}

/** The fields of a filter as DescribeAcls and DeleteAcls carry them. */
export interface WireFilter {
  resourceTypeFilter: number;
  resourceNameFilter: string | null;
  patternTypeFilter: number;
  principalFilter: string | null;
  hostFilter: string | null;
  operation: number;
  permissionType: number;
}

function known<T>(codes: Map<number, T>, code: number, what: string): T {
  const value = codes.get(code);
  if (value === undefined) throw new MiniKafkaError('INVALID_REQUEST', `Unknown or unsupported ${what} ${code}`);
  return value;
}

/** A creation's binding; INVALID_REQUEST for any code that is not one value. */
export function bindingOf(wire: WireAcl): AclBinding {
  const patternType = known(PATTERN_TYPE_BY_CODE, wire.patternType, 'pattern type');
  if (patternType === 'Match')
    throw new MiniKafkaError('INVALID_REQUEST', 'An ACL needs a literal or prefixed pattern');
  return {
    principal: wire.principal,
    host: wire.host,
    resourceType: known(RESOURCE_TYPE_BY_CODE, wire.resourceType, 'resource type'),
    resourceName: wire.resourceName,
    patternType,
    operation: known(OPERATION_BY_CODE, wire.operation, 'operation'),
    permission: known(PERMISSION_BY_CODE, wire.permissionType, 'permission type'),
  };
}

/** A filter; INVALID_REQUEST for an unknown code. */
export function filterOf(wire: WireFilter): AclFilter {
  const filter: AclFilter = {};
  if (wire.resourceTypeFilter !== ANY)
    filter.resourceType = known(RESOURCE_TYPE_BY_CODE, wire.resourceTypeFilter, 'resource type');
  if (wire.patternTypeFilter !== ANY)
    filter.patternType = known(PATTERN_TYPE_BY_CODE, wire.patternTypeFilter, 'pattern type');
  if (wire.operation !== ANY) filter.operation = known(OPERATION_BY_CODE, wire.operation, 'operation');
  if (wire.permissionType !== ANY)
    filter.permission = known(PERMISSION_BY_CODE, wire.permissionType, 'permission type');
  if (wire.resourceNameFilter !== null) filter.resourceName = wire.resourceNameFilter;
  if (wire.principalFilter !== null) filter.principal = wire.principalFilter;
  if (wire.hostFilter !== null) filter.host = wire.hostFilter;
  return filter;
}

/** A binding's wire fields. */
export function wireOf(acl: AclBinding): WireAcl {
  return {
    resourceType: RESOURCE_TYPE_CODES[acl.resourceType],
    resourceName: acl.resourceName,
    patternType: PATTERN_TYPE_CODES[acl.patternType],
    principal: acl.principal,
    host: acl.host,
    operation: OPERATION_CODES[acl.operation],
    permissionType: PERMISSION_CODES[acl.permission],
  };
}
