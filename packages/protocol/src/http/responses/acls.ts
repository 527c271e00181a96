/** The schemas of the answers of /v1/acls and /v1/whoami. */
import * as z from 'zod';
import { ACL_OPERATIONS, ACL_PERMISSIONS, PATTERN_TYPES, RESOURCE_TYPES } from '../acls.js';

/** The schema of `AclBinding` as answers carry it (every field present). */
export const aclBindingOutput = z.strictObject({
  principal: z.string(),
  host: z.string(),
  resourceType: z.enum(RESOURCE_TYPES),
  resourceName: z.string(),
  patternType: z.enum(PATTERN_TYPES),
  operation: z.enum(ACL_OPERATIONS),
  permission: z.enum(ACL_PERMISSIONS),
});

/** The schema of `DescribeAclsResponse`. */
export const describeAclsResponse = z.strictObject({ acls: z.array(aclBindingOutput) });

/** The schema of `CreateAclsResponse`. */
export const createAclsResponse = z.strictObject({ created: z.array(aclBindingOutput) });

/** The schema of `DeleteAclsResponse`. */
export const deleteAclsResponse = z.strictObject({ deleted: z.array(aclBindingOutput) });

/** The schema of `WhoAmIResponse`. */
export const whoAmIResponse = z.strictObject({
  principal: z.string(),
  authenticated: z.boolean(),
  superUser: z.boolean(),
});
