/**
 * ListTransactions and DescribeTransactions over the coordinator's state (Kafka's
 * TransactionStateManager.listTransactionStates and TransactionCoordinator.handleDescribeTransactions).
 */
import { compareStrings } from '@mini-kafka/protocol/core';
import type { TransactionMetadata } from './transaction-metadata.js';
import type { ListTransactionsFilter, TransactionDescription, TransactionListing } from './transaction-types.js';

/**
 * The ids matching every filter given, sorted by id: `states` and `producerIds` (empty or
 * absent: any; a state name that is not one matches nothing), `durationFilterMs` >= 0: only
 * transactions open for longer than that (an id without an open transaction never passes it;
 * Kafka compares with a start time of -1 there, which lets every idle id through). Dead ids
 * (being forgotten) are never listed, as in Kafka.
 */
export function listTransactions(
  txns: Iterable<TransactionMetadata>,
  filter: ListTransactionsFilter,
  now: number,
): TransactionListing[] {
  const states = filter.states !== undefined && filter.states.length > 0 ? new Set(filter.states) : undefined;
  const producerIds =
    filter.producerIds !== undefined && filter.producerIds.length > 0 ? new Set(filter.producerIds) : undefined;
  const duration = filter.durationFilterMs ?? -1;
  const listings: TransactionListing[] = [];
  for (const meta of txns) {
    if (meta.state === 'Dead') continue;
    if (states !== undefined && !states.has(meta.state)) continue;
    if (producerIds !== undefined && !producerIds.has(meta.producerId)) continue;
    if (duration >= 0 && (meta.startTimeMs < 0 || now - meta.startTimeMs <= duration)) continue;
    listings.push({ transactionalId: meta.transactionalId, producerId: meta.producerId, state: meta.state });
  }
  return listings.sort((a, b) => compareStrings(a.transactionalId, b.transactionalId));
}

/** One id's description; TRANSACTIONAL_ID_NOT_FOUND (state Dead, ids -1) when it is unknown. */
export function describeTransaction(id: string, meta: TransactionMetadata | undefined): TransactionDescription {
  if (meta === undefined) {
    return {
      transactionalId: id,
      error: 'TRANSACTIONAL_ID_NOT_FOUND',
      state: 'Dead',
      producerId: -1,
      producerEpoch: -1,
      transactionTimeoutMs: 0,
      transactionStartTimeMs: -1,
      partitions: [],
      groups: [],
    };
  }
  return {
    transactionalId: id,
    error: null,
    state: meta.state,
    producerId: meta.producerId,
    producerEpoch: meta.producerEpoch,
    transactionTimeoutMs: meta.transactionTimeoutMs,
    transactionStartTimeMs: meta.startTimeMs,
    partitions: meta.partitions.map((tp) => ({ ...tp })),
    groups: [...meta.groups],
  };
}
