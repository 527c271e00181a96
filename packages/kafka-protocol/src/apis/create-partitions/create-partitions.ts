/**
 * CreatePartitions (API key 37), versions 0-3; flexible from 2.
 *
 * Fields per Kafka's CreatePartitionsRequest/CreatePartitionsResponse definitions (the
 * same in every version): per topic the new total `count` and, optionally, the replica
 * brokers of each new partition; `validateOnly` checks without changing anything.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, int16, int32, string } from '../../schema/fields.js';

const request = {
  topics: array('0+', {
    name: string('0+'),
    count: int32('0+'),
    assignments: array('0+', { brokerIds: array('0+', 'int32') }, { nullable: '0+' }),
  }),
  timeoutMs: int32('0+'),
  validateOnly: bool('0+'),
};

const response = {
  throttleTimeMs: int32('0+'),
  results: array('0+', {
    name: string('0+'),
    errorCode: int16('0+'),
    errorMessage: string('0+', { nullable: '0+' }),
  }),
};

export type CreatePartitionsRequest = Message<typeof request>;
export type CreatePartitionsResponse = MessageInput<typeof response>;
export type CreatePartitionsTopicResult = CreatePartitionsResponse['results'][number];

export const CreatePartitions = defineSchemaApi({
  name: 'CreatePartitions',
  minVersion: 0,
  maxVersion: 3,
  request,
  response,
});
