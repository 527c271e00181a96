import { describe, expect, it } from 'vitest';
import {
  complete,
  fenceAndAbort,
  MAX_PRODUCER_EPOCH,
  newMetadata,
  planAdd,
  planEnd,
  planInitProducerId,
  type TransactionMetadata,
} from './transaction-metadata.js';

const NOW = 1_700_000_000_000;

function at(epoch: number, state: TransactionMetadata['state'] = 'Empty'): TransactionMetadata {
  return { ...newMetadata('tx', 5, 1000, NOW), producerEpoch: epoch, state };
}

describe('the transaction state machine', () => {
  it('bumps the epoch of an idle id, rotates an exhausted one, asks to fence an Ongoing one', () => {
    expect(planInitProducerId(at(4, 'CompleteAbort'), undefined, 1000, NOW)).toMatchObject({
      next: { producerEpoch: 5, state: 'Empty' },
    });
    expect(planInitProducerId(at(32765), undefined, 1000, NOW)).toMatchObject({ next: { producerEpoch: 32766 } });
    expect(planInitProducerId(at(32766), undefined, 1000, NOW)).toEqual({ rotate: true });
    expect(planInitProducerId(at(3, 'Ongoing'), undefined, 1000, NOW)).toEqual({ fence: true });
    for (const state of ['PrepareCommit', 'PrepareAbort', 'Dead'] as const) {
      expect(planInitProducerId(at(3, state), undefined, 1000, NOW)).toEqual({ error: 'CONCURRENT_TRANSACTIONS' });
    }
  });

  it('fences with an epoch that never passes the largest a marker may carry', () => {
    expect(fenceAndAbort(at(32766, 'Ongoing'), NOW)).toMatchObject({
      producerEpoch: MAX_PRODUCER_EPOCH,
      state: 'PrepareAbort',
    });
    // The next init after such a fence rotates the producer id.
    const aborted = complete(fenceAndAbort(at(32766, 'Ongoing'), NOW), NOW);
    expect(planInitProducerId(aborted, undefined, 1000, NOW)).toEqual({ rotate: true });
  });

  it('adds what is missing, keeps the start time of an open transaction, and writes nothing for repeats', () => {
    const started = planAdd(
      at(0),
      {
        partitions: [
          { topic: 'b', partition: 1 },
          { topic: 'a', partition: 2 },
        ],
      },
      NOW,
    );
    expect(started).toMatchObject({ next: { state: 'Ongoing', startTimeMs: NOW } });
    const meta = (started as { next: TransactionMetadata }).next;
    expect(meta.partitions).toEqual([
      { topic: 'a', partition: 2 },
      { topic: 'b', partition: 1 },
    ]);
    expect(planAdd(meta, { partitions: [{ topic: 'a', partition: 2 }] }, NOW + 5)).toBeNull();
    expect(planAdd(meta, { groups: ['g'] }, NOW + 5)).toMatchObject({ next: { startTimeMs: NOW, groups: ['g'] } });
    expect(planAdd(at(0, 'PrepareAbort'), { groups: ['g'] }, NOW)).toEqual({ error: 'CONCURRENT_TRANSACTIONS' });
    // Adding nothing to an idle id still starts a transaction (Kafka: AddPartitionsToTxn with no partitions).
    expect(planAdd(at(0, 'CompleteCommit'), {}, NOW)).toMatchObject({ next: { state: 'Ongoing' } });
  });

  it('ends an Ongoing transaction, and answers repeats and contradictions', () => {
    expect(planEnd(at(0, 'Ongoing'), true, NOW)).toMatchObject({ next: { state: 'PrepareCommit' } });
    expect(planEnd(at(0, 'Ongoing'), false, NOW)).toMatchObject({ next: { state: 'PrepareAbort' } });
    expect(planEnd(at(0, 'CompleteCommit'), true, NOW)).toEqual({ done: true });
    expect(planEnd(at(0, 'PrepareAbort'), false, NOW)).toEqual({ done: true });
    expect(planEnd(at(0, 'CompleteCommit'), false, NOW)).toEqual({ error: 'INVALID_TXN_STATE' });
    expect(planEnd(at(0, 'PrepareCommit'), false, NOW)).toEqual({ error: 'INVALID_TXN_STATE' });
    expect(planEnd(at(0, 'Empty'), true, NOW)).toEqual({ error: 'INVALID_TXN_STATE' });
  });
});
