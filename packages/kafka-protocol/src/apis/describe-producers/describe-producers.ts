/**
 * DescribeProducers (API key 61), version 0; flexible in every version. An admin tool asks
 * a partition's leader for the producers it keeps state for (Kafka's
 * `kafka-transactions.sh describe-producers`): each producer's id and epoch, the last
 * sequence and timestamp it wrote, and the first offset of its open transaction, which is
 * how an operator finds the transaction holding back a partition's last stable offset.
 *
 * Fields per Kafka's DescribeProducersRequest/Response definitions (KIP-664). Answered
 * per partition, with an error code and an optional message (null when none).
 *
 *   DescribeProducers Request  => [topics: name:STRING partition_indexes:[INT32]]
 *   DescribeProducers Response => throttle_time_ms:INT32
 *                                 [topics: name:STRING
 *                                   [partitions: partition_index:INT32 error_code:INT16
 *                                     error_message:NULLABLE_STRING
 *                                     [active_producers: producer_id:INT64 producer_epoch:INT32
 *                                       last_sequence:INT32 last_timestamp:INT64
 *                                       coordinator_epoch:INT32 current_txn_start_offset:INT64]]]
 *
 * Note the epoch is an INT32 here (an INT16 everywhere else). last_sequence, last_timestamp
 * and current_txn_start_offset default to -1 (none; no open transaction).
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  topics: array('0+', { name: string('0+'), partitionIndexes: array('0+', 'int32') }),
};

const response = {
  throttleTimeMs: int32('0+'),
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', {
      partitionIndex: int32('0+'),
      errorCode: int16('0+'),
      errorMessage: string('0+', { nullable: '0+' }),
      activeProducers: array('0+', {
        producerId: int64('0+'),
        producerEpoch: int32('0+'),
        lastSequence: int32('0+', { default: -1 }),
        lastTimestamp: int64('0+', { default: -1 }),
        coordinatorEpoch: int32('0+'),
        currentTxnStartOffset: int64('0+', { default: -1 }),
      }),
    }),
  }),
};

export type DescribeProducersRequest = Message<typeof request>;
export type DescribeProducersResponse = MessageInput<typeof response>;

export const DescribeProducers = defineSchemaApi({
  name: 'DescribeProducers',
  minVersion: 0,
  maxVersion: 0,
  request,
  response,
});
