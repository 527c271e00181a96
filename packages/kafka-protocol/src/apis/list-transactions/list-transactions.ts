/**
 * ListTransactions (API key 66), versions 0-1; flexible in every version. An admin tool
 * asks every broker for the transactional ids its transaction coordinator owns (Kafka's
 * `kafka-transactions.sh list`), optionally filtered: by state name, by producer id, and
 * (v1, KIP-994) by how long the transaction has been open. An empty filter matches all.
 *
 * Fields per Kafka's ListTransactionsRequest/Response definitions (KIP-664): v1 adds
 * `durationFilter` (milliseconds; -1, the default and v0's meaning, lists every
 * transaction; otherwise only those running longer); the v1 response is v0's. State
 * filters the coordinator does not know are echoed in `unknownStateFilters`.
 *
 *   ListTransactions Request  => [state_filters: STRING] [producer_id_filters: INT64]
 *                                duration_filter:INT64 (v1+)
 *   ListTransactions Response => throttle_time_ms:INT32 error_code:INT16
 *                                [unknown_state_filters: STRING]
 *                                [transaction_states: transactional_id:STRING producer_id:INT64
 *                                  transaction_state:STRING]
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  stateFilters: array('0+', 'string'),
  producerIdFilters: array('0+', 'int64'),
  durationFilter: int64('1+', { default: -1 }),
};

const response = {
  throttleTimeMs: int32('0+'),
  errorCode: int16('0+'),
  unknownStateFilters: array('0+', 'string'),
  transactionStates: array('0+', {
    transactionalId: string('0+'),
    producerId: int64('0+'),
    transactionState: string('0+'),
  }),
};

export type ListTransactionsRequest = Message<typeof request>;
export type ListTransactionsResponse = MessageInput<typeof response>;

export const ListTransactions = defineSchemaApi({
  name: 'ListTransactions',
  minVersion: 0,
  maxVersion: 1,
  request,
  response,
});
