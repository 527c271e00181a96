/**
 * IncrementalAlterConfigs (API key 44), versions 0-1; flexible from 1.
 *
 * Fields per Kafka's IncrementalAlterConfigsRequest/Response definitions (the same in both
 * versions): per resource, configs each with an operation (0 SET, 1 DELETE, 2 APPEND,
 * 3 SUBTRACT); configs not named keep their values. `validateOnly` checks without
 * changing anything.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, int8, int16, int32, string } from '../../schema/fields.js';

const request = {
  resources: array('0+', {
    resourceType: int8('0+'),
    resourceName: string('0+'),
    configs: array('0+', {
      name: string('0+'),
      configOperation: int8('0+'),
      value: string('0+', { nullable: '0+' }),
    }),
  }),
  validateOnly: bool('0+'),
};

const response = {
  throttleTimeMs: int32('0+'),
  responses: array('0+', {
    errorCode: int16('0+'),
    errorMessage: string('0+', { nullable: '0+' }),
    resourceType: int8('0+'),
    resourceName: string('0+'),
  }),
};

export type IncrementalAlterConfigsRequest = Message<typeof request>;
export type IncrementalAlterConfigsResponse = MessageInput<typeof response>;

export const IncrementalAlterConfigs = defineSchemaApi({
  name: 'IncrementalAlterConfigs',
  minVersion: 0,
  maxVersion: 1,
  request,
  response,
});
