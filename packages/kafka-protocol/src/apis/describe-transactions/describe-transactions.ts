/**
 * DescribeTransactions (API key 65), version 0; flexible in every version. An admin tool
 * asks the transaction coordinator of each transactional id for its transaction's state
 * (Kafka's `kafka-transactions.sh describe`). An empty list of ids describes nothing.
 *
 * Fields per Kafka's DescribeTransactionsRequest/Response definitions (KIP-664). Answered
 * per transactional id with an error code (TRANSACTIONAL_ID_NOT_FOUND, COORDINATOR_NOT_AVAILABLE,
 * NOT_COORDINATOR, ...). The state is Kafka's name for it (`Empty`, `Ongoing`, `PrepareCommit`,
 * `PrepareAbort`, `CompleteCommit`, `CompleteAbort`, `Dead`, `PrepareEpochFence`); the start
 * time is -1 when no transaction is open; `topics` lists the partitions in the transaction
 * (while it commits or aborts, only those still without a marker).
 *
 *   DescribeTransactions Request  => [transactional_ids: STRING]
 *   DescribeTransactions Response => throttle_time_ms:INT32
 *                                    [transaction_states: error_code:INT16 transactional_id:STRING
 *                                      transaction_state:STRING transaction_timeout_ms:INT32
 *                                      transaction_start_time_ms:INT64 producer_id:INT64
 *                                      producer_epoch:INT16 [topics: topic:STRING [partitions: INT32]]]
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  transactionalIds: array('0+', 'string'),
};

const response = {
  throttleTimeMs: int32('0+'),
  transactionStates: array('0+', {
    errorCode: int16('0+'),
    transactionalId: string('0+'),
    transactionState: string('0+'),
    transactionTimeoutMs: int32('0+'),
    transactionStartTimeMs: int64('0+'),
    producerId: int64('0+'),
    producerEpoch: int16('0+'),
    topics: array('0+', { topic: string('0+'), partitions: array('0+', 'int32') }),
  }),
};

export type DescribeTransactionsRequest = Message<typeof request>;
export type DescribeTransactionsResponse = MessageInput<typeof response>;

export const DescribeTransactions = defineSchemaApi({
  name: 'DescribeTransactions',
  minVersion: 0,
  maxVersion: 0,
  request,
  response,
});
