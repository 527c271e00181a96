/**
 * DeleteRecords (API key 21), versions 0-2; flexible from 2.
 *
 * Fields per Kafka's DeleteRecordsRequest/DeleteRecordsResponse definitions (the same in
 * every version): per partition the offset before which records are deleted (-1: the high
 * watermark); the answer gives each partition's new low watermark (log start offset).
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', { partitionIndex: int32('0+'), offset: int64('0+') }),
  }),
  timeoutMs: int32('0+'),
};

const response = {
  throttleTimeMs: int32('0+'),
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', { partitionIndex: int32('0+'), lowWatermark: int64('0+'), errorCode: int16('0+') }),
  }),
};

export type DeleteRecordsRequest = Message<typeof request>;
export type DeleteRecordsResponse = MessageInput<typeof response>;
export type DeleteRecordsTopicResult = DeleteRecordsResponse['topics'][number];

export const DeleteRecords = defineSchemaApi({
  name: 'DeleteRecords',
  minVersion: 0,
  maxVersion: 2,
  request,
  response,
});
