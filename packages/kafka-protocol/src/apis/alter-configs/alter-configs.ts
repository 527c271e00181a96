/**
 * AlterConfigs (API key 33), versions 0-2; flexible from 2.
 *
 * Fields per Kafka's AlterConfigsRequest/AlterConfigsResponse definitions (the same in
 * every version): per resource the complete set of configs it should have (any config not
 * listed returns to its default); `validateOnly` checks without changing anything.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, int8, int16, int32, string } from '../../schema/fields.js';

const request = {
  resources: array('0+', {
    resourceType: int8('0+'),
    resourceName: string('0+'),
    configs: array('0+', { name: string('0+'), value: string('0+', { nullable: '0+' }) }),
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

export type AlterConfigsRequest = Message<typeof request>;
export type AlterConfigsResponse = MessageInput<typeof response>;
export type AlterConfigsResourceResponse = AlterConfigsResponse['responses'][number];

export const AlterConfigs = defineSchemaApi({ name: 'AlterConfigs', minVersion: 0, maxVersion: 2, request, response });
