/**
 * DeleteAcls (API key 31), versions 0-3; flexible from 2.
 *
 * Fields per Kafka's DeleteAclsRequest/DeleteAclsResponse definitions: filters (as
 * DescribeAcls's, one per entry), answered per filter with an error code and message and
 * the bindings it deleted, each with its own error code. v3 only adds the User resource type.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int8, int16, int32, string } from '../../schema/fields.js';
import { PATTERN_LITERAL } from '../describe-acls/describe-acls.js';

const request = {
  filters: array('0+', {
    resourceTypeFilter: int8('0+'),
    resourceNameFilter: string('0+', { nullable: '0+' }),
    patternTypeFilter: int8('1+', { default: PATTERN_LITERAL }),
    principalFilter: string('0+', { nullable: '0+' }),
    hostFilter: string('0+', { nullable: '0+' }),
    operation: int8('0+'),
    permissionType: int8('0+'),
  }),
};

const response = {
  throttleTimeMs: int32('0+'),
  filterResults: array('0+', {
    errorCode: int16('0+'),
    errorMessage: string('0+', { nullable: '0+' }),
    matchingAcls: array('0+', {
      errorCode: int16('0+'),
      errorMessage: string('0+', { nullable: '0+' }),
      resourceType: int8('0+'),
      resourceName: string('0+'),
      patternType: int8('1+', { default: PATTERN_LITERAL }),
      principal: string('0+'),
      host: string('0+'),
      operation: int8('0+'),
      permissionType: int8('0+'),
    }),
  }),
};

export type DeleteAclsRequest = Message<typeof request>;
export type DeleteAclsFilter = DeleteAclsRequest['filters'][number];
export type DeleteAclsResponse = MessageInput<typeof response>;

export const DeleteAcls = defineSchemaApi({ name: 'DeleteAcls', minVersion: 0, maxVersion: 3, request, response });
