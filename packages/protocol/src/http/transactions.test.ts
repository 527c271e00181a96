// The transaction schemas: the fetch routes' isolation level (read_committed unless asked
// otherwise), the list filters, and the strict answer schemas of the transaction routes.
import { describe, expect, it } from 'vitest';
import { fetchQuery, memberFetchQuery } from './fetch.js';
import { describeProducersResponse, listTransactionsResponse, transactionDescription } from './responses/index.js';
import { ISOLATION_LEVELS, isolation, listTransactionsQuery, TRANSACTION_STATES } from './transactions.js';

describe('transaction schemas', () => {
  it('fetches read committed data unless read_uncommitted is asked for, by partition and by member', () => {
    expect(isolation.parse(undefined)).toBe('read_committed');
    expect(fetchQuery.parse({ offset: '0' }).isolation).toBe('read_committed');
    expect(memberFetchQuery.parse({}).isolation).toBe('read_committed');
    for (const level of ISOLATION_LEVELS) {
      expect(fetchQuery.parse({ offset: '0', isolation: level }).isolation).toBe(level);
      expect(memberFetchQuery.parse({ isolation: level }).isolation).toBe(level);
    }
    expect(fetchQuery.safeParse({ offset: '0', isolation: 'READ_COMMITTED' }).success).toBe(false);
    expect(memberFetchQuery.safeParse({ isolation: 'committed' }).success).toBe(false);
  });

  it('reads list filters: states in any case, producer ids, a duration; all optional', () => {
    expect(listTransactionsQuery.parse({})).toEqual({});
    expect(
      listTransactionsQuery.parse({ state: 'ongoing,PrepareCommit', producerId: '7,12', durationMs: '60000' }),
    ).toEqual({ state: ['Ongoing', 'PrepareCommit'], producerId: [7, 12], durationMs: 60_000 });
    expect(listTransactionsQuery.safeParse({ state: 'Sleeping' }).success).toBe(false);
    expect(listTransactionsQuery.safeParse({ producerId: '-1' }).success).toBe(false);
    expect(listTransactionsQuery.safeParse({ producerId: '7,x' }).success).toBe(false);
    expect(listTransactionsQuery.safeParse({ producerId: '7,' }).success).toBe(false);
    expect(listTransactionsQuery.safeParse({ durationMs: '-5' }).success).toBe(false);
  });

  it('answer schemas accept what the routes answer and refuse anything else', () => {
    const open = {
      transactionalId: 'billing-tx',
      state: 'Ongoing',
      producerId: 4000,
      producerEpoch: 2,
      transactionTimeoutMs: 60_000,
      transactionStartTimeMs: 1_764_340_000_000,
      partitions: [{ topic: 'orders', partition: 0 }],
      groups: ['billing'],
    };
    expect(transactionDescription.safeParse(open).success).toBe(true);
    expect(transactionDescription.safeParse({ ...open, state: 'Empty', transactionStartTimeMs: null }).success).toBe(
      true,
    );
    expect(transactionDescription.safeParse({ ...open, state: 'Running' }).success).toBe(false);
    expect(transactionDescription.safeParse({ ...open, coordinator: 0 }).success).toBe(false);
    for (const state of TRANSACTION_STATES) {
      const listed = { transactionalId: 't', producerId: 1, state };
      expect(listTransactionsResponse.safeParse({ transactions: [listed] }).success).toBe(true);
    }
    const producer = {
      producerId: 4000,
      producerEpoch: 2,
      lastSequence: -1,
      lastTimestamp: -1,
      coordinatorEpoch: -1,
      currentTxnStartOffset: -1,
    };
    expect(describeProducersResponse.safeParse({ topic: 'orders', partition: 0, producers: [producer] }).success).toBe(
      true,
    );
    expect(
      describeProducersResponse.safeParse({
        topic: 'orders',
        partition: 0,
        producers: [{ ...producer, lastSequence: null }],
      }).success,
    ).toBe(false);
  });
});
