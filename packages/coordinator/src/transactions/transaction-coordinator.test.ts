import { ManualScheduler } from '@mini-kafka/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeMarkerTarget, producerIds } from '../testing/fake-marker-target.js';
import { TransactionCoordinator } from './transaction-coordinator.js';
import type { TransactionCoordinatorOptions } from './transaction-types.js';

let scheduler: ManualScheduler;
let target: FakeMarkerTarget;

beforeEach(() => {
  scheduler = new ManualScheduler();
  target = new FakeMarkerTarget();
});

function open(options: Partial<TransactionCoordinatorOptions> = {}): Promise<TransactionCoordinator> {
  return TransactionCoordinator.open({
    inMemory: true,
    clock: scheduler.clock,
    scheduler,
    allocateProducerId: producerIds(),
    markers: target,
    ...options,
  });
}

const TIMEOUT = 60_000;

async function init(coordinator: TransactionCoordinator, transactionalId = 'tx', producerId = -1, producerEpoch = -1) {
  return coordinator.initProducerId({ transactionalId, transactionTimeoutMs: TIMEOUT, producerId, producerEpoch });
}

/** An initialized producer with partitions t-0 and t-1 in its Ongoing transaction. */
async function ongoing(coordinator: TransactionCoordinator, transactionalId = 'tx') {
  const { producerId, producerEpoch } = await init(coordinator, transactionalId);
  const partitions = [
    { topic: 't', partition: 0 },
    { topic: 't', partition: 1 },
  ];
  expect(await coordinator.addPartitions({ transactionalId, producerId, producerEpoch, partitions })).toEqual({
    error: null,
  });
  return { transactionalId, producerId, producerEpoch };
}

describe('TransactionCoordinator: InitProducerId', () => {
  it('gives a new transactional id a new producer id at epoch 0, and bumps the epoch on each init', async () => {
    const coordinator = await open();
    expect(await init(coordinator)).toEqual({ error: null, producerId: 1000, producerEpoch: 0 });
    expect(await init(coordinator)).toEqual({ error: null, producerId: 1000, producerEpoch: 1 });
    expect(await init(coordinator, 'other')).toEqual({ error: null, producerId: 1001, producerEpoch: 0 });
    expect(coordinator.describeTransactions(['tx'])[0]).toMatchObject({
      state: 'Empty',
      transactionTimeoutMs: TIMEOUT,
    });
    await coordinator.close();
  });

  it('rejects a timeout out of range and an empty transactional id', async () => {
    const coordinator = await open({ maxTransactionTimeoutMs: 1000 });
    const request = { transactionalId: 'tx', producerId: -1, producerEpoch: -1 };
    for (const transactionTimeoutMs of [0, -5, 1001]) {
      expect(await coordinator.initProducerId({ ...request, transactionTimeoutMs })).toEqual({
        error: 'INVALID_TRANSACTION_TIMEOUT',
        producerId: -1,
        producerEpoch: -1,
      });
    }
    expect((await coordinator.initProducerId({ ...request, transactionTimeoutMs: 1000 })).error).toBeNull();
    expect(
      (await coordinator.initProducerId({ ...request, transactionalId: '', transactionTimeoutMs: 10 })).error,
    ).toBe('INVALID_REQUEST');
    await coordinator.close();
  });

  it('fences an instance with an Ongoing transaction: aborts it with a bumped epoch, answers the epoch after', async () => {
    const coordinator = await open();
    const old = await ongoing(coordinator);
    const fresh = await init(coordinator);
    expect(fresh).toEqual({ error: null, producerId: old.producerId, producerEpoch: old.producerEpoch + 2 });
    expect(target.markers).toEqual([
      { topic: 't', partition: 0, marker: { producerId: 1000, producerEpoch: 1, commit: false, coordinatorEpoch: 0 } },
      { topic: 't', partition: 1, marker: { producerId: 1000, producerEpoch: 1, commit: false, coordinatorEpoch: 0 } },
    ]);
    const partitions = [{ topic: 't', partition: 2 }];
    expect(await coordinator.addPartitions({ ...old, partitions })).toEqual({ error: 'PRODUCER_FENCED' });
    expect(await coordinator.endTxn({ ...old, commit: true })).toEqual({ error: 'PRODUCER_FENCED' });
    expect(coordinator.checkProduce({ ...old, topic: 't', partition: 0 })).toBe('PRODUCER_FENCED');
    await coordinator.close();
  });

  it('KIP-360: a producer naming its current epoch gets a bump, a retry of it the same answer, others are fenced', async () => {
    const coordinator = await open();
    const first = await init(coordinator);
    const bumped = await init(coordinator, 'tx', first.producerId, first.producerEpoch);
    expect(bumped).toEqual({ error: null, producerId: 1000, producerEpoch: 1 });
    // The answer was lost: the client retries with the epoch it had.
    expect(await init(coordinator, 'tx', first.producerId, first.producerEpoch)).toEqual(bumped);
    expect((await init(coordinator, 'tx', 999, 0)).error).toBe('PRODUCER_FENCED');
    expect((await init(coordinator, 'tx', 1000, 7)).error).toBe('PRODUCER_FENCED');
    await coordinator.close();
  });

  it('rotates to a new producer id at epoch 0 when the epoch is exhausted, and recognizes a retry across it', async () => {
    const coordinator = await open();
    let last = await init(coordinator);
    while (last.producerEpoch < 32766) last = await init(coordinator);
    expect(last).toEqual({ error: null, producerId: 1000, producerEpoch: 32766 });
    const rotated = await init(coordinator, 'tx', 1000, 32766);
    expect(rotated).toEqual({ error: null, producerId: 1001, producerEpoch: 0 });
    expect(await init(coordinator, 'tx', 1000, 32766)).toEqual(rotated);
    expect(await init(coordinator)).toEqual({ error: null, producerId: 1001, producerEpoch: 1 });
    await coordinator.close();
  });
});

describe('TransactionCoordinator: a transaction', () => {
  it('starts on the first add, lets the producer write only to partitions it added, commits with markers', async () => {
    const coordinator = await open();
    const producer = await ongoing(coordinator);
    expect(coordinator.checkProduce({ ...producer, topic: 't', partition: 0 })).toBeNull();
    expect(coordinator.checkProduce({ ...producer, topic: 't', partition: 5 })).toBe('INVALID_TXN_STATE');
    expect(coordinator.checkOffsetCommit({ ...producer, groupId: 'g' })).toBe('INVALID_TXN_STATE');
    expect(await coordinator.addOffsets({ ...producer, groupId: 'g' })).toEqual({ error: null });
    expect(coordinator.checkOffsetCommit({ ...producer, groupId: 'g' })).toBeNull();
    expect(coordinator.describeTransactions(['tx'])[0]).toEqual({
      transactionalId: 'tx',
      error: null,
      state: 'Ongoing',
      producerId: 1000,
      producerEpoch: 0,
      transactionTimeoutMs: TIMEOUT,
      transactionStartTimeMs: scheduler.clock.now(),
      partitions: [
        { topic: 't', partition: 0 },
        { topic: 't', partition: 1 },
      ],
      groups: ['g'],
    });

    expect(await coordinator.endTxn({ ...producer, commit: true })).toEqual({ error: null });
    const marker = { producerId: 1000, producerEpoch: 0, commit: true, coordinatorEpoch: 0 };
    expect(target.markers).toEqual([
      { topic: 't', partition: 0, marker },
      { topic: 't', partition: 1, marker },
    ]);
    expect(target.groups).toEqual([{ groupId: 'g', producerId: 1000, commit: true }]);
    expect(coordinator.describeTransactions(['tx'])[0]).toMatchObject({
      state: 'CompleteCommit',
      partitions: [],
      groups: [],
      transactionStartTimeMs: -1,
    });
    expect(coordinator.checkProduce({ ...producer, topic: 't', partition: 0 })).toBe('INVALID_TXN_STATE');
    await coordinator.close();
  });

  it('answers a retried end NONE, the opposite end or an end without a transaction INVALID_TXN_STATE', async () => {
    const coordinator = await open();
    const producer = await ongoing(coordinator);
    expect(await coordinator.endTxn({ ...producer, commit: false })).toEqual({ error: null });
    expect(await coordinator.endTxn({ ...producer, commit: false })).toEqual({ error: null });
    expect(await coordinator.endTxn({ ...producer, commit: true })).toEqual({ error: 'INVALID_TXN_STATE' });
    expect(target.markers).toHaveLength(2);
    const fresh = await init(coordinator, 'fresh');
    expect(await coordinator.endTxn({ transactionalId: 'fresh', ...fresh, commit: true })).toEqual({
      error: 'INVALID_TXN_STATE',
    });
    // A new transaction after a completed one.
    const partitions = [{ topic: 'u', partition: 0 }];
    expect(await coordinator.addPartitions({ ...producer, partitions })).toEqual({ error: null });
    expect(coordinator.describeTransactions(['tx'])[0]).toMatchObject({ state: 'Ongoing', partitions });
    await coordinator.close();
  });

  it('maps unknown ids and other producer ids to INVALID_PRODUCER_ID_MAPPING, other epochs to PRODUCER_FENCED', async () => {
    const coordinator = await open();
    const producer = await ongoing(coordinator);
    const partitions = [{ topic: 't', partition: 3 }];
    const unknown = { transactionalId: 'nope', producerId: 1000, producerEpoch: 0 };
    expect(await coordinator.addPartitions({ ...unknown, partitions })).toEqual({
      error: 'INVALID_PRODUCER_ID_MAPPING',
    });
    expect(await coordinator.addOffsets({ ...unknown, groupId: 'g' })).toEqual({
      error: 'INVALID_PRODUCER_ID_MAPPING',
    });
    expect(await coordinator.endTxn({ ...unknown, commit: true })).toEqual({ error: 'INVALID_PRODUCER_ID_MAPPING' });
    expect(coordinator.checkProduce({ ...unknown, topic: 't', partition: 0 })).toBe('INVALID_PRODUCER_ID_MAPPING');
    const otherId = { ...producer, producerId: 77 };
    expect(await coordinator.addPartitions({ ...otherId, partitions })).toEqual({
      error: 'INVALID_PRODUCER_ID_MAPPING',
    });
    const oldEpoch = { ...producer, producerEpoch: producer.producerEpoch - 1 };
    expect(await coordinator.endTxn({ ...oldEpoch, commit: true })).toEqual({ error: 'PRODUCER_FENCED' });
    expect(coordinator.checkOffsetCommit({ ...oldEpoch, groupId: 'g' })).toBe('PRODUCER_FENCED');
    expect(coordinator.describeTransactions(['tx'])[0]?.partitions).toHaveLength(2);
    await coordinator.close();
  });

  it('answers CONCURRENT_TRANSACTIONS while markers are being written', async () => {
    const coordinator = await open();
    const producer = await ongoing(coordinator);
    let release!: () => void;
    target.hold = new Promise((resolve) => {
      release = resolve;
    });
    const ending = coordinator.endTxn({ ...producer, commit: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(coordinator.describeTransactions(['tx'])[0]?.state).toBe('PrepareCommit');
    const partitions = [{ topic: 't', partition: 9 }];
    expect(await coordinator.addPartitions({ ...producer, partitions })).toEqual({ error: 'CONCURRENT_TRANSACTIONS' });
    expect((await init(coordinator)).error).toBe('CONCURRENT_TRANSACTIONS');
    expect(await coordinator.endTxn({ ...producer, commit: true })).toEqual({ error: null });
    expect(await coordinator.endTxn({ ...producer, commit: false })).toEqual({ error: 'INVALID_TXN_STATE' });
    release();
    expect(await ending).toEqual({ error: null });
    expect(coordinator.describeTransactions(['tx'])[0]?.state).toBe('CompleteCommit');
    await coordinator.close();
  });

  it('keeps a decided transaction Prepare* while a marker write fails and completes it on retry', async () => {
    const coordinator = await open({ markerRetryBackoffMs: 100 });
    const producer = await ongoing(coordinator);
    target.failing.add('t:1');
    expect(await coordinator.endTxn({ ...producer, commit: true })).toEqual({ error: null });
    expect(coordinator.describeTransactions(['tx'])[0]?.state).toBe('PrepareCommit');
    expect(target.markers.map((m) => m.partition)).toEqual([0]);
    scheduler.advance(100); // retried: still failing, next retry in 200 ms
    await coordinator.idle();
    expect(coordinator.describeTransactions(['tx'])[0]?.state).toBe('PrepareCommit');
    target.failing.clear();
    scheduler.advance(199);
    await coordinator.idle();
    expect(coordinator.describeTransactions(['tx'])[0]?.state).toBe('PrepareCommit');
    scheduler.advance(1);
    await coordinator.idle();
    expect(coordinator.describeTransactions(['tx'])[0]?.state).toBe('CompleteCommit');
    // The partition already marked is not marked again.
    expect(target.markers.map((m) => m.partition)).toEqual([0, 1]);
    await coordinator.close();
  });

  it('answers CONCURRENT_TRANSACTIONS to an init that fences while the abort markers cannot be written', async () => {
    const coordinator = await open();
    const old = await ongoing(coordinator);
    target.failing.add('t:0');
    expect((await init(coordinator)).error).toBe('CONCURRENT_TRANSACTIONS');
    expect(coordinator.describeTransactions(['tx'])[0]).toMatchObject({ state: 'PrepareAbort', producerEpoch: 1 });
    target.failing.clear();
    scheduler.advance(100); // the retry's backoff
    await coordinator.idle();
    expect(await init(coordinator)).toEqual({ error: null, producerId: old.producerId, producerEpoch: 2 });
    await coordinator.close();
  });
});

describe('TransactionCoordinator: timeouts, expiration, listing', () => {
  it('aborts a transaction older than its timeout with a bumped epoch, fencing its producer', async () => {
    const coordinator = await open({ abortTimedOutTransactionsIntervalMs: 1000 });
    const { producerId, producerEpoch } = await coordinator.initProducerId({
      transactionalId: 'tx',
      transactionTimeoutMs: 5000,
      producerId: -1,
      producerEpoch: -1,
    });
    const producer = { transactionalId: 'tx', producerId, producerEpoch };
    await coordinator.addPartitions({ ...producer, partitions: [{ topic: 't', partition: 0 }] });
    scheduler.advance(5000);
    await coordinator.idle();
    expect(coordinator.describeTransactions(['tx'])[0]?.state).toBe('Ongoing');
    scheduler.advance(1000);
    await coordinator.idle();
    expect(coordinator.describeTransactions(['tx'])[0]).toMatchObject({ state: 'CompleteAbort', producerEpoch: 1 });
    expect(target.markers).toEqual([
      { topic: 't', partition: 0, marker: { producerId, producerEpoch: 1, commit: false, coordinatorEpoch: 0 } },
    ]);
    expect(await coordinator.endTxn({ ...producer, commit: true })).toEqual({ error: 'PRODUCER_FENCED' });
    await coordinator.close();
  });

  it('forgets an idle transactional id untouched for transactionalIdExpirationMs', async () => {
    const coordinator = await open({ abortTimedOutTransactionsIntervalMs: 0, transactionalIdExpirationMs: 10_000 });
    await init(coordinator, 'idle');
    await ongoing(coordinator, 'busy');
    scheduler.clock.advance(10_000);
    await coordinator.tick();
    expect(coordinator.describeTransactions(['idle', 'busy']).map((d) => d.error)).toEqual([
      'TRANSACTIONAL_ID_NOT_FOUND',
      null,
    ]);
    expect(await init(coordinator, 'idle')).toEqual({ error: null, producerId: 1002, producerEpoch: 0 });
    await coordinator.close();
  });

  it('lists transactions by state, producer id and duration', async () => {
    const coordinator = await open({ abortTimedOutTransactionsIntervalMs: 0 });
    await init(coordinator, 'a');
    await ongoing(coordinator, 'b');
    scheduler.clock.advance(500);
    await ongoing(coordinator, 'c');
    expect(coordinator.listTransactions()).toEqual([
      { transactionalId: 'a', producerId: 1000, state: 'Empty' },
      { transactionalId: 'b', producerId: 1001, state: 'Ongoing' },
      { transactionalId: 'c', producerId: 1002, state: 'Ongoing' },
    ]);
    expect(coordinator.listTransactions({ states: ['Ongoing'], producerIds: [1000, 1002] })).toEqual([
      { transactionalId: 'c', producerId: 1002, state: 'Ongoing' },
    ]);
    expect(coordinator.listTransactions({ durationFilterMs: 100 }).map((t) => t.transactionalId)).toEqual(['b']);
    expect(coordinator.describeTransactions(['zz'])[0]).toMatchObject({
      error: 'TRANSACTIONAL_ID_NOT_FOUND',
      producerId: -1,
    });
    await coordinator.close();
  });
});
