/**
 * EndTxn (API key 26), versions 0-5; flexible from 3. A transactional producer's last
 * request of a transaction: commit (`committed: true`) or abort it at the transaction
 * coordinator, which then writes the markers to every partition in the transaction.
 *
 * Fields per Kafka's EndTxnRequest/EndTxnResponse definitions: v1 is v0 (the response is
 * sent before throttling), v2 lets a broker answer PRODUCER_FENCED, v3 is the flexible
 * version, v4 lets it answer TRANSACTION_ABORTABLE, and v5 (transactions v2, KIP-890) bumps
 * the epoch on every transaction, so the response carries the producer id and epoch to use
 * next (-1 before v5).
 *
 *   EndTxn Request  => transactional_id:STRING producer_id:INT64 producer_epoch:INT16 committed:BOOLEAN
 *   EndTxn Response => throttle_time_ms:INT32 error_code:INT16
 *                      producer_id:INT64 (v5+) producer_epoch:INT16 (v5+)
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { bool, int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  transactionalId: string('0+'),
  producerId: int64('0+'),
  producerEpoch: int16('0+'),
  committed: bool('0+'),
};

const response = {
  throttleTimeMs: int32('0+'),
  errorCode: int16('0+'),
  producerId: int64('5+', { default: -1 }),
  producerEpoch: int16('5+', { default: -1 }),
};

export type EndTxnRequest = Message<typeof request>;
export type EndTxnResponse = MessageInput<typeof response>;

export const EndTxn = defineSchemaApi({ name: 'EndTxn', minVersion: 0, maxVersion: 5, request, response });
