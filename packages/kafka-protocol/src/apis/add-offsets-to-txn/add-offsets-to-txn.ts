/**
 * AddOffsetsToTxn (API key 25), versions 0-4; flexible from 3. A transactional producer
 * that will commit a consumer group's offsets inside its transaction (sendOffsetsToTransaction)
 * first tells the transaction coordinator which group; the offsets themselves then go to the
 * group coordinator with TxnOffsetCommit.
 *
 * Fields per Kafka's AddOffsetsToTxnRequest/AddOffsetsToTxnResponse definitions: v1 is v0
 * (the response is sent before throttling), v2 lets a broker answer PRODUCER_FENCED, v3 is
 * the flexible version, v4 lets it answer TRANSACTION_ABORTABLE (KIP-890). The layout never
 * changes otherwise.
 *
 *   AddOffsetsToTxn Request  => transactional_id:STRING producer_id:INT64 producer_epoch:INT16 group_id:STRING
 *   AddOffsetsToTxn Response => throttle_time_ms:INT32 error_code:INT16
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  transactionalId: string('0+'),
  producerId: int64('0+'),
  producerEpoch: int16('0+'),
  groupId: string('0+'),
};

const response = {
  throttleTimeMs: int32('0+'),
  errorCode: int16('0+'),
};

export type AddOffsetsToTxnRequest = Message<typeof request>;
export type AddOffsetsToTxnResponse = MessageInput<typeof response>;

export const AddOffsetsToTxn = defineSchemaApi({
  name: 'AddOffsetsToTxn',
  minVersion: 0,
  maxVersion: 4,
  request,
  response,
});
