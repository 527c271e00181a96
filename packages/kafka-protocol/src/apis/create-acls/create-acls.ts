/**
 * CreateAcls (API key 30), versions 0-3; flexible from 2.
 *
 * Fields per Kafka's CreateAclsRequest/CreateAclsResponse definitions: the bindings to
 * create (resource type, name, pattern type from v1, principal, host, operation,
 * permission, as Kafka's numeric codes), answered with an error code and message per
 * creation, in order. v3 only adds the User resource type.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int8, int16, int32, string } from '../../schema/fields.js';
import { PATTERN_LITERAL } from '../describe-acls/describe-acls.js';

const request = {
  creations: array('0+', {
    resourceType: int8('0+'),
    resourceName: string('0+'),
    resourcePatternType: int8('1+', { default: PATTERN_LITERAL }),
    principal: string('0+'),
    host: string('0+'),
    operation: int8('0+'),
    permissionType: int8('0+'),
  }),
};

const response = {
  throttleTimeMs: int32('0+'),
  results: array('0+', { errorCode: int16('0+'), errorMessage: string('0+', { nullable: '0+' }) }),
};

export type CreateAclsRequest = Message<typeof request>;
export type AclCreation = CreateAclsRequest['creations'][number];
export type CreateAclsResponse = MessageInput<typeof response>;

export const CreateAcls = defineSchemaApi({ name: 'CreateAcls', minVersion: 0, maxVersion: 3, request, response });
