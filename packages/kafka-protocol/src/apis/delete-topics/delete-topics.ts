/**
 * DeleteTopics (API key 20), versions 0-6; flexible from 4.
 *
 * Fields per Kafka's DeleteTopicsRequest/DeleteTopicsResponse definitions: up to v5 the
 * request names topics (`topicNames`); from v6 it lists `topics`, each by name or (with a
 * null name) by topic id. The response's throttle time is there from v1, error messages
 * from v5, topic ids (and null names, for a topic asked for by an unknown id) from v6.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, string, uuid } from '../../schema/fields.js';

const request = {
  topics: array('6+', { name: string('6+', { nullable: '6+' }), topicId: uuid('6+') }),
  topicNames: array('0-5', 'string'),
  timeoutMs: int32('0+'),
};

const response = {
  throttleTimeMs: int32('1+'),
  responses: array('0+', {
    name: string('0+', { nullable: '6+' }),
    topicId: uuid('6+'),
    errorCode: int16('0+'),
    errorMessage: string('5+', { nullable: '5+' }),
  }),
};

export type DeleteTopicsRequest = Message<typeof request>;
export type DeleteTopicsResponse = MessageInput<typeof response>;
export type DeletableTopicResult = DeleteTopicsResponse['responses'][number];

export const DeleteTopics = defineSchemaApi({ name: 'DeleteTopics', minVersion: 0, maxVersion: 6, request, response });
