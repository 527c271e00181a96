/**
 * /v1/acls and /v1/whoami: Kafka's ACLs over HTTP (CreateAcls, DescribeAcls, DeleteAcls) and
 * who the broker takes the caller for.
 *
 *   GET    /v1/acls?<filter>     -> { acls }      the bindings the filter selects (Describe Cluster)
 *   POST   /v1/acls  { acls }    -> { created }   adds each binding not held yet (Alter Cluster)
 *   DELETE /v1/acls?<filter>     -> { deleted }   removes what the filter selects; at least one field (Alter Cluster)
 *   GET    /v1/whoami            -> { principal, authenticated, superUser }
 *
 * A binding grants (or denies) one principal (`User:alice`, `User:*` for all), from one host
 * (`*` for any), one operation on a resource pattern; the names are Kafka's. With
 * authentication off the ACL routes answer 400 SECURITY_DISABLED, as Kafka does without an
 * authorizer.
 */
import * as z from 'zod';

export const RESOURCE_TYPES = ['Topic', 'Group', 'Cluster', 'TransactionalId'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const PATTERN_TYPES = ['Literal', 'Prefixed'] as const;
export type PatternType = (typeof PATTERN_TYPES)[number];

export const ACL_OPERATIONS = [
  'All',
  'Read',
  'Write',
  'Create',
  'Delete',
  'Alter',
  'Describe',
  'ClusterAction',
  'DescribeConfigs',
  'AlterConfigs',
  'IdempotentWrite',
] as const;
export type AclOperation = (typeof ACL_OPERATIONS)[number];

export const ACL_PERMISSIONS = ['Allow', 'Deny'] as const;
export type AclPermission = (typeof ACL_PERMISSIONS)[number];

/**
 * One ACL binding as the API takes it; `host` defaults to `*`, `patternType` to `Literal`,
 * `permission` to `Allow`.
 */
export const aclBinding = z.strictObject({
  principal: z.string(),
  host: z.string().default('*'),
  resourceType: z.enum(RESOURCE_TYPES),
  resourceName: z.string(),
  patternType: z.enum(PATTERN_TYPES).default('Literal'),
  operation: z.enum(ACL_OPERATIONS),
  permission: z.enum(ACL_PERMISSIONS).default('Allow'),
});
/** An ACL binding, every field present (as answers carry it). */
export type AclBinding = z.output<typeof aclBinding>;
export type AclBindingInput = z.input<typeof aclBinding>;

/** POST /v1/acls. */
export const createAclsRequest = z.strictObject({ acls: z.array(aclBinding).min(1).max(1000) });
export type CreateAclsRequest = z.input<typeof createAclsRequest>;

/**
 * Which bindings GET and DELETE /v1/acls select, as query parameters: an absent field matches
 * anything; `patternType=Match` selects the bindings that apply to `resourceName` (equal,
 * the literal `*`, or a prefix of it), as Kafka's PatternType.MATCH.
 */
export const aclFilter = z.strictObject({
  principal: z.string().optional(),
  host: z.string().optional(),
  resourceType: z.enum(RESOURCE_TYPES).optional(),
  resourceName: z.string().optional(),
  patternType: z.enum([...PATTERN_TYPES, 'Match']).optional(),
  operation: z.enum(ACL_OPERATIONS).optional(),
  permission: z.enum(ACL_PERMISSIONS).optional(),
});
export type AclFilterQuery = z.input<typeof aclFilter>;

export interface DescribeAclsResponse {
  acls: AclBinding[];
}

export interface CreateAclsResponse {
  /** The bindings of the request (those held already included: creating one twice is no error, as in Kafka). */
  created: AclBinding[];
}

export interface DeleteAclsResponse {
  /** The bindings removed. */
  deleted: AclBinding[];
}

export interface WhoAmIResponse {
  /** `User:alice`; `User:ANONYMOUS` with authentication off. */
  principal: string;
  /** Whether the caller presented a credential (false with authentication off). */
  authenticated: boolean;
  superUser: boolean;
}
