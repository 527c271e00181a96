/**
 * CreateTopics (API key 19), versions 0-7; flexible from 5.
 *
 * Fields per Kafka's CreateTopicsRequest/CreateTopicsResponse definitions:
 * validate_only from v1; v4 lets num_partitions and replication_factor be -1 (the broker's
 * defaults) without assignments; v5 answers each created topic's partition count,
 * replication factor and configs (and a tagged topic_config_error_code); v7 its topic id.
 * The response's error message is there from v1, the throttle time from v2.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, int8, int16, int32, string, uuid } from '../../schema/fields.js';

const request = {
  topics: array('0+', {
    name: string('0+'),
    numPartitions: int32('0+'),
    replicationFactor: int16('0+'),
    assignments: array('0+', { partitionIndex: int32('0+'), brokerIds: array('0+', 'int32') }),
    configs: array('0+', { name: string('0+'), value: string('0+', { nullable: '0+' }) }),
  }),
  timeoutMs: int32('0+', { default: 60_000 }),
  validateOnly: bool('1+'),
};

const response = {
  throttleTimeMs: int32('2+'),
  topics: array('0+', {
    name: string('0+'),
    topicId: uuid('7+'),
    errorCode: int16('0+'),
    errorMessage: string('1+', { nullable: '0+' }),
    topicConfigErrorCode: int16('5+', { tag: 0 }),
    numPartitions: int32('5+', { default: -1 }),
    replicationFactor: int16('5+', { default: -1 }),
    configs: array(
      '5+',
      {
        name: string('5+'),
        value: string('5+', { nullable: '5+' }),
        readOnly: bool('5+'),
        configSource: int8('5+', { default: -1 }),
        isSensitive: bool('5+'),
      },
      { nullable: '5+' },
    ),
  }),
};

export type CreateTopicsRequest = Message<typeof request>;
export type CreateTopicsResponse = MessageInput<typeof response>;
export type CreatableTopic = CreateTopicsRequest['topics'][number];
export type CreatableTopicResult = CreateTopicsResponse['topics'][number];

export const CreateTopics = defineSchemaApi({ name: 'CreateTopics', minVersion: 0, maxVersion: 7, request, response });
