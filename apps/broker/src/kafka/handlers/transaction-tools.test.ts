/**
 * The transaction tools through the handlers (what kafka-transactions.sh and admin clients use
 * to find a transaction that holds back read_committed consumers): ListTransactions,
 * DescribeTransactions and DescribeProducers, before and after the transaction ends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transactionalBatch } from '../../testing/transactional-batches.js';
import { handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { addPartitionsToTxnHandler } from './add-partitions-to-txn.js';
import { describeProducersHandler } from './describe-producers.js';
import { describeTransactionsHandler } from './describe-transactions.js';
import { endTxnHandler } from './end-txn.js';
import { initProducerIdHandler } from './init-producer-id.js';
import { listTransactionsHandler } from './list-transactions.js';
import { produceHandler } from './produce.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
  await ctx.logs.createTopic('t', { partitions: 2 });
  await ctx.logs.getLog('t', 1).append([{ value: 'before' }]);
});
afterEach(() => ctx.close());

async function openTransaction() {
  const producer = await serve(ctx, initProducerIdHandler, 4, {
    transactionalId: 'tools-tx',
    transactionTimeoutMs: 45_000,
    producerId: -1,
    producerEpoch: -1,
  });
  const ids = { transactionalId: 'tools-tx', producerId: producer.producerId, producerEpoch: producer.producerEpoch };
  await serve(ctx, addPartitionsToTxnHandler, 3, { ...ids, topics: [{ name: 't', partitions: [1] }] });
  const records = transactionalBatch(['in-flight'], { ...producer, baseSequence: 0 });
  const produced = await serve(ctx, produceHandler, 9, {
    transactionalId: 'tools-tx',
    acks: -1,
    timeoutMs: 1000,
    topics: [{ name: 't', partitions: [{ partitionIndex: 1, records }] }],
  });
  expect(produced.responses[0]!.partitions[0]!.errorCode).toBe(0);
  return ids;
}

const producersOf = async (partition: number) =>
  (await serve(ctx, describeProducersHandler, 0, { topics: [{ name: 't', partitionIndexes: [partition] }] })).topics[0]!
    .partitions[0]!;

describe('the transaction tools', () => {
  it('show an open transaction: listed Ongoing, described with its partitions, its producer with its first offset', async () => {
    const ids = await openTransaction();
    const listed = await serve(ctx, listTransactionsHandler, 1, {
      stateFilters: ['Ongoing', 'Bogus'],
      producerIdFilters: [],
      durationFilter: -1,
    });
    expect(listed.transactionStates).toEqual([
      { transactionalId: 'tools-tx', producerId: ids.producerId, transactionState: 'Ongoing' },
    ]);
    expect(listed.unknownStateFilters).toEqual(['Bogus']);

    const described = await serve(ctx, describeTransactionsHandler, 0, { transactionalIds: ['tools-tx', 'nobody'] });
    expect(described.transactionStates[0]).toMatchObject({
      errorCode: 0,
      transactionState: 'Ongoing',
      producerId: ids.producerId,
      producerEpoch: ids.producerEpoch,
      transactionTimeoutMs: 45_000,
      topics: [{ topic: 't', partitions: [1] }],
    });
    expect(Number(described.transactionStates[0]!.transactionStartTimeMs)).toBeGreaterThan(0);
    expect(described.transactionStates[1]).toMatchObject({ transactionalId: 'nobody', errorCode: 105 });

    const partition = await producersOf(1);
    expect(partition.errorCode).toBe(0);
    expect(partition.activeProducers).toEqual([
      expect.objectContaining({ producerId: ids.producerId, lastSequence: 0, currentTxnStartOffset: 1 }),
    ]);
  });

  it('show the transaction complete and nothing open once it commits', async () => {
    const ids = await openTransaction();
    expect((await serve(ctx, endTxnHandler, 3, { ...ids, committed: true })).errorCode).toBe(0);
    const described = await serve(ctx, describeTransactionsHandler, 0, { transactionalIds: ['tools-tx'] });
    expect(described.transactionStates[0]).toMatchObject({ transactionState: 'CompleteCommit', topics: [] });
    const ongoing = await serve(ctx, listTransactionsHandler, 0, { stateFilters: ['Ongoing'], producerIdFilters: [] });
    expect(ongoing.transactionStates).toEqual([]);
    expect((await producersOf(1)).activeProducers[0]).toMatchObject({ currentTxnStartOffset: -1 });
    expect((await producersOf(7)).errorCode).toBe(3);
  });
});
