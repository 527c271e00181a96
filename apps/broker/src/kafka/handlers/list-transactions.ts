/**
 * ListTransactions (66) v0–1: the transactional ids the coordinator knows, with their producer
 * id and state (Kafka's names: Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit,
 * CompleteAbort), filtered by state, producer id and (v1) how long the transaction has been
 * open. Only ids the principal may Describe are listed, as in Kafka; a state filter naming no
 * state is echoed back in `unknownStateFilters`.
 */

import { TRANSACTION_STATES } from '@mini-kafka/coordinator';
import { ListTransactions } from '@mini-kafka/kafka-protocol';
import { mayOnTransactionalId } from '../access.js';
import { NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const listTransactionsHandler = defineHandler({
  codec: ListTransactions,
  minVersion: 0,
  maxVersion: 1,
  async handle(request, source, ctx) {
    const known = new Set<string>(TRANSACTION_STATES);
    const listed = ctx.transactions.listTransactions({
      states: request.stateFilters,
      producerIds: request.producerIdFilters.map(Number),
      ...(request.durationFilter >= 0 ? { durationFilterMs: Number(request.durationFilter) } : {}),
    });
    return {
      throttleTimeMs: 0,
      errorCode: NONE,
      unknownStateFilters: request.stateFilters.filter((state) => !known.has(state)),
      transactionStates: listed
        .filter((t) => mayOnTransactionalId(ctx, source, 'Describe', t.transactionalId))
        .map((t) => ({ transactionalId: t.transactionalId, producerId: t.producerId, transactionState: t.state })),
    };
  },
});
