/**
 * DescribeAcls (API key 29), versions 0-3; flexible from 2.
 *
 * Fields per Kafka's DescribeAclsRequest/DescribeAclsResponse definitions: one filter
 * (resource type, name or null for any, pattern type from v1, principal, host, operation,
 * permission; enums as Kafka's numeric codes, 1 = any), answered with the matching
 * bindings grouped by resource, or an error code and message. v3 only adds the User
 * resource type.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int8, int16, int32, string } from '../../schema/fields.js';

/** Kafka's PatternType.LITERAL: what a v0 request and answer mean. */
export const PATTERN_LITERAL = 3;

const request = {
  resourceTypeFilter: int8('0+'),
  resourceNameFilter: string('0+', { nullable: '0+' }),
  patternTypeFilter: int8('1+', { default: PATTERN_LITERAL }),
  principalFilter: string('0+', { nullable: '0+' }),
  hostFilter: string('0+', { nullable: '0+' }),
  operation: int8('0+'),
  permissionType: int8('0+'),
};

const response = {
  throttleTimeMs: int32('0+'),
  errorCode: int16('0+'),
  errorMessage: string('0+', { nullable: '0+' }),
  resources: array('0+', {
    resourceType: int8('0+'),
    resourceName: string('0+'),
    patternType: int8('1+', { default: PATTERN_LITERAL }),
    acls: array('0+', {
      principal: string('0+'),
      host: string('0+'),
      operation: int8('0+'),
      permissionType: int8('0+'),
    }),
  }),
};

export type DescribeAclsRequest = Message<typeof request>;
export type DescribeAclsResponse = MessageInput<typeof response>;
export type DescribeAclsResource = DescribeAclsResponse['resources'] extends (infer R)[] | undefined ? R : never;

export const DescribeAcls = defineSchemaApi({ name: 'DescribeAcls', minVersion: 0, maxVersion: 3, request, response });
