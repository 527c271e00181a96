/**
 * DescribeConfigs (API key 32), versions 0-4; flexible from 4.
 *
 * Fields per Kafka's DescribeConfigsRequest/DescribeConfigsResponse definitions: v0
 * answers `isDefault` per config; v1 replaces it with `configSource` and adds synonyms
 * (asked for with `includeSynonyms`); v3 adds each config's type and, when asked with
 * `includeDocumentation`, its documentation. Resource types: 2 topic, 4 broker, 8 broker
 * logger. A null `configurationKeys` asks for every config.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, int8, int16, int32, string } from '../../schema/fields.js';

const request = {
  resources: array('0+', {
    resourceType: int8('0+'),
    resourceName: string('0+'),
    configurationKeys: array('0+', 'string', { nullable: '0+' }),
  }),
  includeSynonyms: bool('1+'),
  includeDocumentation: bool('3+'),
};

const response = {
  throttleTimeMs: int32('0+'),
  results: array('0+', {
    errorCode: int16('0+'),
    errorMessage: string('0+', { nullable: '0+' }),
    resourceType: int8('0+'),
    resourceName: string('0+'),
    configs: array('0+', {
      name: string('0+'),
      value: string('0+', { nullable: '0+' }),
      readOnly: bool('0+'),
      isDefault: bool('0'),
      configSource: int8('1+', { default: -1 }),
      isSensitive: bool('0+'),
      synonyms: array('1+', { name: string('1+'), value: string('1+', { nullable: '0+' }), source: int8('1+') }),
      configType: int8('3+'),
      documentation: string('3+', { nullable: '0+' }),
    }),
  }),
};

export type DescribeConfigsRequest = Message<typeof request>;
export type DescribeConfigsResponse = MessageInput<typeof response>;
export type DescribeConfigsResult = DescribeConfigsResponse['results'][number];
export type DescribeConfigsResourceResult = DescribeConfigsResult['configs'][number];

export const DescribeConfigs = defineSchemaApi({
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 4,
  request,
  response,
});
