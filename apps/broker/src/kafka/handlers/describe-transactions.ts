/**
 * DescribeTransactions (65) v0: each transactional id's state at the coordinator: producer id
 * and epoch, timeout, when the open transaction started (-1 when none) and its partitions.
 * Needs Describe on the id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 53); an id the coordinator
 * does not know is TRANSACTIONAL_ID_NOT_FOUND (105). Partitions of topics the principal may not
 * Describe are left out, as Kafka does.
 */
import { DescribeTransactions } from '@mini-kafka/kafka-protocol';
import { mayOnTopic, mayOnTransactionalId } from '../access.js';
import { code, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const describeTransactionsHandler = defineHandler({
  codec: DescribeTransactions,
  minVersion: 0,
  maxVersion: 0,
  async handle(request, source, ctx) {
    const transactionStates = request.transactionalIds.map((transactionalId) => {
      const empty = {
        transactionalId,
        transactionState: '',
        transactionTimeoutMs: 0,
        transactionStartTimeMs: -1,
        producerId: -1,
        producerEpoch: -1,
        topics: [],
      };
      if (!mayOnTransactionalId(ctx, source, 'Describe', transactionalId))
        return { ...empty, errorCode: code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED') };
      const [described] = ctx.transactions.describeTransactions([transactionalId]);
      if (described === undefined || described.error !== null)
        return { ...empty, errorCode: code(described?.error ?? 'TRANSACTIONAL_ID_NOT_FOUND') };
      const byTopic = new Map<string, number[]>();
      for (const { topic, partition } of described.partitions) {
        if (!mayOnTopic(ctx, source, 'Describe', topic)) continue;
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
      }
      return {
        errorCode: NONE,
        transactionalId,
        transactionState: described.state,
        transactionTimeoutMs: described.transactionTimeoutMs,
        transactionStartTimeMs: described.transactionStartTimeMs,
        producerId: described.producerId,
        producerEpoch: described.producerEpoch,
        topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
      };
    });
    return { throttleTimeMs: 0, transactionStates };
  },
});
