/**
 * Admin's ACLs (`admin.acls`) over the broker's /v1/acls routes, Kafka's CreateAcls,
 * DescribeAcls and DeleteAcls: an ACL binding allows (or denies) one principal, from one host,
 * one operation on a resource pattern. Names are Kafka's. A broker without authentication
 * answers SECURITY_DISABLED, as Kafka does without an authorizer; only a principal allowed
 * to Describe (list) or Alter (create, delete) the cluster may manage them.
 */
import {
  type AclOperation,
  type PatternType as AclPatternType,
  type AclPermission,
  type ResourceType as AclResourceType,
  MiniKafkaError,
} from '@mini-kafka/protocol';
import type { HttpTransport } from './http-transport.js';

// Kafka's names, as the HTTP API defines them.
export type {
  AclOperation,
  AclPermission,
  PatternType as AclPatternType,
  ResourceType as AclResourceType,
} from '@mini-kafka/protocol';

export interface AclBinding {
  /** `User:alice`, or `User:*` for every principal. */
  principal: string;
  /** The client address the binding applies to, or `*` for any. */
  host: string;
  resourceType: AclResourceType;
  /** A name, `*` (literal) for every resource of the type, a prefix (prefixed), or `kafka-cluster`. */
  resourceName: string;
  patternType: AclPatternType;
  operation: AclOperation;
  permission: AclPermission;
}

/**
 * Which bindings `list` and `delete` select: an absent field matches any value. `patternType`
 * `Match` selects the bindings that apply to `resourceName` (equal, the wildcard, or a prefix of it).
 */
export interface AclFilter {
  principal?: string;
  host?: string;
  resourceType?: AclResourceType;
  resourceName?: string;
  patternType?: AclPatternType | 'Match';
  operation?: AclOperation;
  permission?: AclPermission;
}

/** Who the broker takes the client for (GET /v1/whoami). */
export interface WhoAmI {
  /** `User:alice`; `User:ANONYMOUS` without credentials (or with authentication off). */
  principal: string;
  authenticated: boolean;
  superUser: boolean;
}

const FILTER_FIELDS = [
  'principal',
  'host',
  'resourceType',
  'resourceName',
  'patternType',
  'operation',
  'permission',
] as const;

export class AdminAcls {
  constructor(private readonly transport: HttpTransport) {}

  /** The bindings `filter` selects (every binding without one). */
  async list(filter: AclFilter = {}): Promise<AclBinding[]> {
    const answer = await this.transport.request<{ acls: AclBinding[] }>('GET', '/v1/acls', {
      query: filterQuery(filter),
    });
    return answer.acls;
  }

  /** Adds bindings (one that exists already is kept once); all or none: an invalid one is INVALID_REQUEST. */
  async create(bindings: readonly AclBinding[]): Promise<void> {
    if (bindings.length === 0) return;
    await this.transport.request('POST', '/v1/acls', { body: { acls: bindings } });
  }

  /** Removes the bindings `filter` selects and resolves with them. The filter must name at least one field. */
  async delete(filter: AclFilter): Promise<AclBinding[]> {
    const query = filterQuery(filter);
    if (Object.values(query).every((value) => value === undefined)) {
      throw new MiniKafkaError('INVALID_REQUEST', 'acls.delete needs a filter with at least one field');
    }
    const answer = await this.transport.request<{ deleted: AclBinding[] }>('DELETE', '/v1/acls', { query });
    return answer.deleted;
  }
}

function filterQuery(filter: AclFilter): Record<string, string | undefined> {
  return Object.fromEntries(FILTER_FIELDS.map((field) => [field, filter[field]]));
}
