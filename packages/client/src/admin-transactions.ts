/**
 * Admin's transaction tools (`admin.transactions`, and `admin.producers`) over the broker's
 * /v1/transactions routes and a partition's /producers route: Kafka's ListTransactions,
 * DescribeTransactions and DescribeProducers, what kafka-transactions.sh shows when looking for
 * the transaction that holds read_committed readers back. The list holds only the
 * transactional ids the client may Describe; describing one it may not is
 * TRANSACTIONAL_ID_AUTHORIZATION_FAILED, an unknown one TRANSACTIONAL_ID_NOT_FOUND.
 */
import type {
  DescribeProducersResponse,
  ListTransactionsResponse,
  PartitionProducer,
  TransactionDescription,
  TransactionState,
  TransactionSummary,
} from '@mini-kafka/protocol';
import { type HttpTransport, route } from './http-transport.js';

// Kafka's names, as the HTTP API defines them.
export type {
  IsolationLevel,
  PartitionProducer,
  TransactionDescription,
  TransactionState,
  TransactionSummary,
} from '@mini-kafka/protocol';

/** Which transactions `list` returns; an absent (or empty) field selects all. */
export interface ListTransactionsFilter {
  /** Only these states (Kafka's names: `Ongoing`, `PrepareCommit`, `CompleteAbort`, ...). */
  states?: readonly TransactionState[];
  /** Only these producer ids. */
  producerIds?: readonly number[];
  /** Only transactions open longer than this, in ms. */
  durationMs?: number;
}

export class AdminTransactions {
  constructor(private readonly transport: HttpTransport) {}

  /** The transactional ids the broker's coordinator knows (those the client may Describe), sorted by id. */
  async list(filter: ListTransactionsFilter = {}): Promise<TransactionSummary[]> {
    const answer = await this.transport.request<ListTransactionsResponse>('GET', '/v1/transactions', {
      query: {
        state: filter.states?.length ? filter.states.join(',') : undefined,
        producerId: filter.producerIds?.length ? filter.producerIds.join(',') : undefined,
        durationMs: filter.durationMs,
      },
    });
    return answer.transactions;
  }

  /** One transactional id's state, producer, timeout, and the partitions and groups of its open transaction. */
  describe(transactionalId: string): Promise<TransactionDescription> {
    return this.transport.request<TransactionDescription>('GET', route`/v1/transactions/${transactionalId}`);
  }
}

/** The producers `topic`-`partition` remembers (Kafka's DescribeProducers): needs Read on the topic. */
export async function describeProducers(
  transport: HttpTransport,
  topic: string,
  partition: number,
): Promise<PartitionProducer[]> {
  const answer = await transport.request<DescribeProducersResponse>(
    'GET',
    route`/v1/topics/${topic}/partitions/${partition}/producers`,
  );
  return answer.producers;
}
