/**
 * AddPartitionsToTxn (API key 24), versions 0-3; flexible from 3. A transactional producer
 * names the partitions it is about to write to before its first batch to each of them.
 *
 * Fields per Kafka's AddPartitionsToTxnRequest/Response definitions, versions 0-3 (Kafka
 * calls these fields V3AndBelowTransactionalId, V3AndBelowProducerId, V3AndBelowProducerEpoch,
 * V3AndBelowTopics and ResultsByTopicV3AndBelow; we drop the prefix and suffix since no
 * other form is served): v1 is v0 (the response is sent before throttling), v2 lets a
 * broker answer PRODUCER_FENCED, v3 is flexible. Answered with an error code per partition.
 *
 * Version notes: v4+ is the broker-to-broker batched form (several transactions, VerifyOnly,
 * a top-level error code; KIP-890), which clients never send: Kafka's definition says
 * versions 3 and below are for clients, 4 and above for brokers. So v3 is our maximum.
 * kafkajs 2.2.4 sends v0-1; librdkafka up to v3.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  transactionalId: string('0+'),
  producerId: int64('0+'),
  producerEpoch: int16('0+'),
  topics: array('0+', { name: string('0+'), partitions: array('0+', 'int32') }),
};

const response = {
  throttleTimeMs: int32('0+'),
  resultsByTopic: array('0+', {
    name: string('0+'),
    resultsByPartition: array('0+', { partitionIndex: int32('0+'), partitionErrorCode: int16('0+') }),
  }),
};

export type AddPartitionsToTxnRequest = Message<typeof request>;
export type AddPartitionsToTxnResponse = MessageInput<typeof response>;

export const AddPartitionsToTxn = defineSchemaApi({
  name: 'AddPartitionsToTxn',
  minVersion: 0,
  maxVersion: 3,
  request,
  response,
});
