/** The schemas of the answers of /v1/transactions and of a partition's producers. */
import * as z from 'zod';
import { TRANSACTION_STATES } from '../transactions.js';
import { topicPartitionOutput } from './common.js';

const transactionState = z.enum(TRANSACTION_STATES);

/** The schema of `TransactionSummary`. */
export const transactionSummary = z.strictObject({
  transactionalId: z.string(),
  producerId: z.int(),
  state: transactionState,
});

/** The schema of `ListTransactionsResponse`. */
export const listTransactionsResponse = z.strictObject({ transactions: z.array(transactionSummary) });

/** The schema of `TransactionDescription`. */
export const transactionDescription = z.strictObject({
  transactionalId: z.string(),
  state: transactionState,
  producerId: z.int(),
  producerEpoch: z.int(),
  transactionTimeoutMs: z.int(),
  transactionStartTimeMs: z.int().nullable(),
  partitions: z.array(topicPartitionOutput),
  groups: z.array(z.string()),
});

/** The schema of `PartitionProducer`. */
export const partitionProducer = z.strictObject({
  producerId: z.int(),
  producerEpoch: z.int(),
  lastSequence: z.int(),
  lastTimestamp: z.int(),
  coordinatorEpoch: z.int(),
  currentTxnStartOffset: z.int(),
});

/** The schema of `DescribeProducersResponse`. */
export const describeProducersResponse = z.strictObject({
  topic: z.string(),
  partition: z.int(),
  producers: z.array(partitionProducer),
});
