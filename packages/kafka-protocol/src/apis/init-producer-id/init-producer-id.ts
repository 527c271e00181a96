/**
 * InitProducerId (API key 22), versions 0-5; flexible from 2. An idempotent or
 * transactional producer's first request: it gets a producer id and epoch for its batches.
 *
 * Fields per Kafka's InitProducerIdRequest/Response definitions: the producer id and epoch
 * a producer already has from v3 (so it can ask to keep its id after INVALID_PRODUCER_EPOCH;
 * -1 before); v4 lets a broker answer PRODUCER_FENCED, v5 is the transactions-v2 bump.
 * `transactionalId` is null for an idempotent (non-transactional) producer.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  transactionalId: string('0+', { nullable: '0+' }),
  transactionTimeoutMs: int32('0+'),
  producerId: int64('3+', { default: -1 }),
  producerEpoch: int16('3+', { default: -1 }),
};

const response = {
  throttleTimeMs: int32('0+'),
  errorCode: int16('0+'),
  producerId: int64('0+', { default: -1 }),
  producerEpoch: int16('0+'),
};

export type InitProducerIdRequest = Message<typeof request>;
export type InitProducerIdResponse = MessageInput<typeof response>;

export const InitProducerId = defineSchemaApi({
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 5,
  request,
  response,
});
