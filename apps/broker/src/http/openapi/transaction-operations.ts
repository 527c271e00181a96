/** The route table's entries for Kafka's transaction tools over HTTP (/v1/transactions, a partition's producers). */
import { listTransactionsQuery } from '@mini-kafka/protocol';
import {
  describeProducersResponse,
  listTransactionsResponse,
  transactionDescription,
} from '@mini-kafka/protocol/http-responses';
import { named, type Operation } from './operation.js';

export const TRANSACTION_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/v1/transactions',
    tag: 'Transactions',
    summary: 'List transactions',
    description:
      "Kafka's ListTransactions: the transactional ids the transaction coordinator knows, with their producer id and state, sorted by id. `state` (comma-separated state names, any case), `producerId` (comma-separated) and `durationMs` (open longer than this) narrow it. Only the ids the caller may Describe are listed.",
    query: listTransactionsQuery,
    answers: {
      200: { description: 'The transactions.', json: named('ListTransactionsResponse', listTransactionsResponse) },
    },
    errors: { 400: 'A filter is invalid (INVALID_REQUEST).' },
  },
  {
    method: 'get',
    path: '/v1/transactions/{transactionalId}',
    tag: 'Transactions',
    summary: 'Describe a transaction',
    description:
      "Kafka's DescribeTransactions: the id's state, producer id and epoch, timeout, when its open transaction started (null when none is open), and the partitions and groups in it. Needs Describe on the transactional id.",
    answers: {
      200: { description: 'The transaction.', json: named('TransactionDescription', transactionDescription) },
    },
    errors: { 404: 'The coordinator does not know the transactional id (TRANSACTIONAL_ID_NOT_FOUND).' },
  },
  {
    method: 'get',
    path: '/v1/topics/{topic}/partitions/{partition}/producers',
    tag: 'Transactions',
    summary: "Describe a partition's producers",
    description:
      "Kafka's DescribeProducers: the idempotent and transactional producers the partition remembers, their epoch, last sequence and timestamp, and the first offset of their open transaction (-1 when none), which holds the last stable offset back. Needs Read on the topic.",
    answers: {
      200: { description: 'The producers.', json: named('DescribeProducersResponse', describeProducersResponse) },
    },
    errors: {
      400: 'The partition number is invalid (INVALID_REQUEST).',
      404: 'The topic (or the partition) does not exist (UNKNOWN_TOPIC_OR_PARTITION).',
    },
  },
];
