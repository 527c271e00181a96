/**
 * Kafka's transaction tools over HTTP (what kafka-transactions.sh shows):
 *
 *   GET /v1/transactions[?state=&producerId=&durationMs=]    ListTransactions: the transactional ids the
 *                                                            coordinator knows, those the caller may Describe
 *   GET /v1/transactions/{transactionalId}                   DescribeTransactions: state, producer, timeout,
 *                                                            partitions and groups of one id (Describe on it)
 *   GET /v1/topics/{topic}/partitions/{p}/producers          DescribeProducers: the producers the partition
 *                                                            remembers (Read on the topic, as Kafka's)
 *
 * The list leaves out the ids the caller may not Describe rather than refusing it, as Kafka's
 * ListTransactions does; one id it may not Describe is 403 TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
 * decided before the id is looked up, so a refusal does not tell whether the id exists.
 */
import {
  type DescribeProducersResponse,
  type ListTransactionsResponse,
  listTransactionsQuery,
  MiniKafkaError,
  type TransactionDescription,
} from '@mini-kafka/protocol';
import { Hono } from 'hono';
import { topicResource, transactionalIdResource } from '../../security/acl.js';
import type { AppContext, Env } from '../app-context.js';
import { allows, requireAllowed } from '../authorize.js';
import { partitionParam, topicParam } from '../params.js';
import { parseQuery } from '../read-body.js';

/** The path's transactional id: any non-empty string (Kafka puts no other rule on it). */
function transactionalIdParam(value: string | undefined): string {
  let id = value ?? '';
  try {
    id = decodeURIComponent(id);
  } catch {
    // Kept as sent: an id with a stray `%` is still an id.
  }
  if (id === '') throw new MiniKafkaError('INVALID_REQUEST', 'transactionalId must not be empty');
  return id;
}

export function transactionRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const { transactions, logs } = ctx;

  app.get('/transactions', (c) => {
    const query = parseQuery(listTransactionsQuery, c.req.query());
    const listed = transactions
      .listTransactions({ states: query.state, producerIds: query.producerId, durationFilterMs: query.durationMs })
      .filter((txn) => allows(ctx, c, 'Describe', transactionalIdResource(txn.transactionalId)))
      .sort((a, b) => (a.transactionalId < b.transactionalId ? -1 : a.transactionalId > b.transactionalId ? 1 : 0));
    return c.json({ transactions: listed } satisfies ListTransactionsResponse);
  });

  app.get('/transactions/:transactionalId', (c) => {
    const id = transactionalIdParam(c.req.param('transactionalId'));
    requireAllowed(ctx, c, 'Describe', transactionalIdResource(id));
    const [found] = transactions.describeTransactions([id]);
    if (found === undefined || found.error !== null) {
      throw new MiniKafkaError(found?.error ?? 'TRANSACTIONAL_ID_NOT_FOUND', `No transactional id "${id}"`);
    }
    const body: TransactionDescription = {
      transactionalId: found.transactionalId,
      state: found.state,
      producerId: found.producerId,
      producerEpoch: found.producerEpoch,
      transactionTimeoutMs: found.transactionTimeoutMs,
      transactionStartTimeMs: found.transactionStartTimeMs < 0 ? null : found.transactionStartTimeMs,
      partitions: found.partitions.map(({ topic, partition }) => ({ topic, partition })),
      groups: [...found.groups],
    };
    return c.json(body);
  });

  app.get('/topics/:topic/partitions/:partition/producers', (c) => {
    const topic = topicParam(c.req.param('topic'));
    const partition = partitionParam(c.req.param('partition'));
    requireAllowed(ctx, c, 'Read', topicResource(topic));
    const producers = logs
      .getLog(topic, partition)
      .producers()
      .map((producer) => ({
        producerId: producer.producerId,
        producerEpoch: producer.producerEpoch,
        lastSequence: producer.lastSequence,
        lastTimestamp: producer.lastTimestamp,
        coordinatorEpoch: producer.coordinatorEpoch,
        currentTxnStartOffset: producer.currentTxnStartOffset,
      }));
    return c.json({ topic, partition, producers } satisfies DescribeProducersResponse);
  });

  return app;
}
