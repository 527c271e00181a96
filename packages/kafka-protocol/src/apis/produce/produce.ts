/**
 * Produce (API key 0), versions 0-9; flexible from 9.
 *
 * Fields per Kafka's ProduceRequest/ProduceResponse definitions: the transactional id from
 * v3 (with RecordBatch v2), the log append time from v2, the log start offset from v5, the
 * record errors and error message from v8. v4-v7 change only what a broker may answer
 * (KAFKA_STORAGE_ERROR, zstd). Versions 0-2 are served so that librdkafka compresses gzip,
 * snappy and lz4 batches (it checks that Produce v0 is in the broker's range before it
 * does); the batches themselves must still be RecordBatch v2, which clients send at v3+.
 *
 * `acks` 0 means no response at all. `records` are RecordBatch bytes, kept opaque: a view
 * into the request frame.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, int64, records, string } from '../../schema/fields.js';

const request = {
  transactionalId: string('3+', { nullable: '0+' }),
  acks: int16('0+'),
  timeoutMs: int32('0+'),
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', { partitionIndex: int32('0+'), records: records('0+') }),
  }),
};

const response = {
  responses: array('0+', {
    name: string('0+'),
    partitions: array('0+', {
      partitionIndex: int32('0+'),
      errorCode: int16('0+'),
      baseOffset: int64('0+'),
      logAppendTimeMs: int64('2+', { default: -1 }),
      logStartOffset: int64('5+', { default: -1 }),
      recordErrors: array('8+', {
        batchIndex: int32('8+'),
        batchIndexErrorMessage: string('8+', { nullable: '8+' }),
      }),
      errorMessage: string('8+', { nullable: '8+' }),
    }),
  }),
  throttleTimeMs: int32('1+'),
};

export type ProduceRequest = Message<typeof request>;
export type ProduceRequestTopic = ProduceRequest['topics'][number];
export type ProduceResponse = MessageInput<typeof response>;
export type ProduceResponseTopic = ProduceResponse['responses'][number];
export type ProducePartitionResponse = ProduceResponseTopic['partitions'][number];

export const Produce = defineSchemaApi({ name: 'Produce', minVersion: 0, maxVersion: 9, request, response });
