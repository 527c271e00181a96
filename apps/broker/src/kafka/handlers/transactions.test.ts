/**
 * A transaction through the handlers, as a transactional producer and a read_committed consumer
 * drive them: InitProducerId, AddPartitionsToTxn, Produce, EndTxn, Fetch and ListOffsets at both
 * isolation levels, fencing of an older producer instance, and the errors on the way.
 */
import { type Fetch, LIST_OFFSETS_LATEST, type RequestInputOf } from '@mini-kafka/kafka-protocol';
import { decodeRecordBatches } from '@mini-kafka/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withoutAbortedBatches } from '../../services/committed-batches.js';
import { transactionalBatch } from '../../testing/transactional-batches.js';
import { handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { addPartitionsToTxnHandler } from './add-partitions-to-txn.js';
import { endTxnHandler } from './end-txn.js';
import { fetchHandler } from './fetch.js';
import { initProducerIdHandler } from './init-producer-id.js';
import { listOffsetsHandler } from './list-offsets.js';
import { produceHandler } from './produce.js';

const TXN = 'orders-tx';
let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
  await ctx.logs.createTopic('t', { partitions: 2 });
});
afterEach(() => ctx.close());

interface Producer {
  producerId: number;
  producerEpoch: number;
  sequences: number[];
}

async function init(version = 4): Promise<Producer> {
  const answer = await serve(ctx, initProducerIdHandler, version, {
    transactionalId: TXN,
    transactionTimeoutMs: 60_000,
    producerId: -1,
    producerEpoch: -1,
  });
  expect(answer.errorCode).toBe(0);
  return { producerId: answer.producerId, producerEpoch: answer.producerEpoch, sequences: [0, 0] };
}

async function addPartitions(producer: Producer, partitions: number[], version = 3): Promise<number[]> {
  const answer = await serve(ctx, addPartitionsToTxnHandler, version, {
    transactionalId: TXN,
    producerId: producer.producerId,
    producerEpoch: producer.producerEpoch,
    topics: [{ name: 't', partitions }],
  });
  return answer.resultsByTopic.flatMap((topic) => topic.resultsByPartition.map((p) => p.partitionErrorCode));
}

/** Produces `values` to a partition in the producer's transaction; the error code. */
async function produce(producer: Producer, partition: number, values: string[]): Promise<number> {
  const records = transactionalBatch(values, { ...producer, baseSequence: producer.sequences[partition]! });
  const answer = await serve(ctx, produceHandler, 9, {
    transactionalId: TXN,
    acks: -1,
    timeoutMs: 5_000,
    topics: [{ name: 't', partitions: [{ partitionIndex: partition, records }] }],
  });
  const errorCode = answer.responses[0]!.partitions[0]!.errorCode;
  if (errorCode === 0) producer.sequences[partition]! += values.length;
  return errorCode;
}

async function endTxn(producer: Producer, committed: boolean, version = 3): Promise<number> {
  const answer = await serve(ctx, endTxnHandler, version, {
    transactionalId: TXN,
    producerId: producer.producerId,
    producerEpoch: producer.producerEpoch,
    committed,
  });
  return answer.errorCode;
}

async function fetch(partition: number, isolationLevel: 0 | 1, fetchOffset = 0) {
  const request: RequestInputOf<typeof Fetch> = {
    maxWaitMs: 0,
    minBytes: 1,
    maxBytes: 1 << 20,
    isolationLevel,
    topics: [{ topic: 't', partitions: [{ partition, fetchOffset, partitionMaxBytes: 1 << 20 }] }],
  };
  const answer = await serve(ctx, fetchHandler, 11, request);
  const part = answer.responses[0]!.partitions[0]!;
  // The markers (control batches) left out, as a client skips them.
  const batches = Buffer.concat(withoutAbortedBatches([part.records ?? Buffer.alloc(0)], []).chunks);
  return {
    values: decodeRecordBatches(batches)
      .filter((record) => record.offset >= fetchOffset)
      .map((record) => record.value?.toString()),
    highWatermark: part.highWatermark,
    lastStableOffset: part.lastStableOffset,
    aborted: part.abortedTransactions ?? [],
  };
}

async function latest(partition: number, isolationLevel: 0 | 1): Promise<number> {
  const answer = await serve(ctx, listOffsetsHandler, 5, {
    replicaId: -1,
    isolationLevel,
    topics: [{ name: 't', partitions: [{ partitionIndex: partition, timestamp: LIST_OFFSETS_LATEST }] }],
  });
  return Number(answer.topics[0]!.partitions[0]!.offset);
}

describe('a transaction through the handlers', () => {
  it('hides records from read_committed readers until the commit, then shows them', async () => {
    const producer = await init();
    expect(await addPartitions(producer, [0, 1])).toEqual([0, 0]);
    expect(await produce(producer, 0, ['a', 'b'])).toBe(0);
    expect(await produce(producer, 1, ['c'])).toBe(0);

    const open = await fetch(0, 1);
    expect(open).toMatchObject({ values: [], lastStableOffset: 0, highWatermark: 2 });
    expect((await fetch(0, 0)).values).toEqual(['a', 'b']);
    expect([await latest(0, 1), await latest(0, 0)]).toEqual([0, 2]);

    expect(await endTxn(producer, true)).toBe(0);
    // The commit marker takes an offset in each partition of the transaction.
    const committed = await fetch(0, 1);
    expect(committed).toMatchObject({ values: ['a', 'b'], lastStableOffset: 3, highWatermark: 3, aborted: [] });
    expect((await fetch(1, 1)).values).toEqual(['c']);
    expect(await latest(1, 1)).toBe(2);
  });

  it('answers a read_committed fetch over an aborted transaction with its producer and first offset', async () => {
    const producer = await init();
    await addPartitions(producer, [0]);
    await produce(producer, 0, ['kept']);
    await endTxn(producer, true);
    await addPartitions(producer, [0]);
    await produce(producer, 0, ['dropped-1', 'dropped-2']);
    expect(await endTxn(producer, false)).toBe(0);
    const read = await fetch(0, 1);
    expect(read.aborted).toEqual([{ producerId: producer.producerId, firstOffset: 2 }]);
    expect(read).toMatchObject({ lastStableOffset: 5, highWatermark: 5 });
    // A Kafka client drops the aborted records itself; the batches are all there.
    expect(read.values).toEqual(['kept', 'dropped-1', 'dropped-2']);
  });

  it('refuses a transactional batch for a partition not added to the transaction', async () => {
    const producer = await init();
    await addPartitions(producer, [0]);
    expect(await produce(producer, 1, ['stray'])).toBe(48);
    expect((await fetch(1, 0)).values).toEqual([]);
  });

  it('refuses to add an unknown partition, not attempting the others', async () => {
    const producer = await init();
    expect(await addPartitions(producer, [0, 7])).toEqual([55, 3]);
    expect(await produce(producer, 0, ['x'])).toBe(48);
  });

  it('fences the older instance of a transactional producer and aborts its open transaction', async () => {
    const zombie = await init();
    await addPartitions(zombie, [0]);
    await produce(zombie, 0, ['zombie']);
    const current = await init();
    expect(current.producerId).toBe(zombie.producerId);
    expect(current.producerEpoch).toBeGreaterThan(zombie.producerEpoch);
    // The zombie's transaction was aborted: nothing blocks read_committed readers any more.
    const read = await fetch(0, 1);
    expect(read.lastStableOffset).toBe(read.highWatermark);
    expect(read.aborted).toEqual([{ producerId: zombie.producerId, firstOffset: 0 }]);
    expect(await produce(zombie, 0, ['late'])).toBe(47);
    expect(await endTxn(zombie, true)).toBe(90);
    expect(await endTxn(zombie, true, 1)).toBe(47);
    expect(await addPartitions(zombie, [1], 1)).toEqual([47]);
  });

  it('answers INVALID_TXN_STATE for an end with no transaction open', async () => {
    const producer = await init();
    expect(await endTxn(producer, true)).toBe(48);
  });
});
