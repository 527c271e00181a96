import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LogOffsetStore } from '../offsets/log-offset-store.js';
import { FakeBroker } from '../testing/fake-broker.js';
import { startKafkaGroup } from '../testing/kafka-test-client.js';
import type { TxnCommitInput } from './txn-offsets.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const offset = (partition: number, value: number, metadata: string | null = null) => ({
  topic: 'orders',
  partition,
  offset: value,
  leaderEpoch: -1,
  metadata,
});

/** A TxnOffsetCommit from a producer outside any group membership (generation -1, no member). */
function outsider(offsets: TxnCommitInput['offsets'], producerId = 7, groupId = 'g'): TxnCommitInput {
  return {
    groupId,
    transactionalId: 'tx',
    producerId,
    producerEpoch: 0,
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    offsets,
  };
}

const fetchOrders = (coordinator: Awaited<ReturnType<FakeBroker['open']>>, requireStable: boolean) =>
  coordinator
    .kafkaOffsetFetch({ groupId: 'g', topics: [{ name: 'orders', partitionIndexes: [0, 1] }], requireStable })
    .topics?.[0]?.partitions?.map((p) => [p.partitionIndex, p.committedOffset, p.errorCode]);

describe('GroupCoordinator: transactional offset commits', () => {
  it('keeps offsets pending until the transaction commits, then they are the committed ones', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    await coordinator.resetOffsets('g', [{ topic: 'orders', partition: 0, offset: 3 }]);
    const results = await coordinator.txnCommit(outsider([offset(0, 10, 'm'), offset(1, 20)]));
    expect(results).toEqual([
      { topic: 'orders', partition: 0, error: null },
      { topic: 'orders', partition: 1, error: null },
    ]);
    expect(coordinator.committed('g').map((e) => e.offset)).toEqual([3]);
    expect(coordinator.lag('g').find((l) => l.partition === 1)).toBeUndefined();
    expect(coordinator.hasPendingOffsets('g', 'orders', 0)).toBe(true);
    expect(coordinator.hasPendingOffsets('g', 'orders', 2)).toBe(false);
    expect(fetchOrders(coordinator, false)).toEqual([
      [0, 3, 0],
      [1, -1, 0],
    ]);
    expect(fetchOrders(coordinator, true)).toEqual([
      [0, -1, 88],
      [1, -1, 88],
    ]);

    await coordinator.completeTransaction('g', 7, true);
    expect(coordinator.committed('g').map((e) => [e.partition, e.offset, e.metadata])).toEqual([
      [0, 10, 'm'],
      [1, 20, ''],
    ]);
    expect(coordinator.hasPendingOffsets('g', 'orders', 0)).toBe(false);
    expect(fetchOrders(coordinator, true)).toEqual([
      [0, 10, 0],
      [1, 20, 0],
    ]);
    await coordinator.completeTransaction('g', 7, true); // a re-sent marker changes nothing
    expect(coordinator.committed('g').map((e) => e.offset)).toEqual([10, 20]);
  });

  it('drops pending offsets when the transaction aborts; a group with only pending offsets is listed', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    await coordinator.txnCommit(outsider([offset(0, 10)]));
    expect(coordinator.listGroups().map((g) => g.groupId)).toEqual(['g']);
    await coordinator.completeTransaction('g', 7, false);
    expect(coordinator.committed('g')).toEqual([]);
    expect(coordinator.hasPendingOffsets('g', 'orders', 0)).toBe(false);
    expect(coordinator.listGroups()).toEqual([]);
  });

  it("fences by the consumer's group metadata as Kafka does", async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a] = await startKafkaGroup(coordinator, broker.scheduler, 2, { groupInstanceId: null });
    const commit = (memberId: string, generationId: number, groupInstanceId: string | null = null) =>
      coordinator
        .txnCommit({ ...outsider([offset(0, 1)]), memberId, generationId, groupInstanceId })
        .then((r) => r.map((e) => e.error));
    expect(await commit(a!.memberId, 1)).toEqual([null]);
    expect(await commit('nobody', 1)).toEqual(['UNKNOWN_MEMBER_ID']);
    expect(await commit(a!.memberId, 0)).toEqual(['ILLEGAL_GENERATION']);
    expect(await commit(a!.memberId, 1, 'someone-else')).toEqual(['UNKNOWN_MEMBER_ID']);
    expect(await commit('', -1)).toEqual([null]); // outside the membership: allowed with members
    expect(await commit('', 1)).toEqual(['UNKNOWN_MEMBER_ID']);
    // A member id with no Kafka group at all.
    const other = await coordinator.txnCommit({ ...outsider([offset(0, 1)], 7, 'h'), memberId: 'm', generationId: 1 });
    expect(other.map((e) => e.error)).toEqual(['UNKNOWN_MEMBER_ID']);
  });

  it('checks each partition on its own and writes the valid ones', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const results = await coordinator.txnCommit(
      outsider([
        offset(0, 5),
        offset(9, 5),
        { ...offset(1, 5), topic: 'nope' },
        offset(2, 5, 'x'.repeat(5000)),
        offset(3, 1_000_000),
      ]),
    );
    expect(results.map((r) => r.error)).toEqual([
      null,
      'UNKNOWN_TOPIC_OR_PARTITION',
      'UNKNOWN_TOPIC_OR_PARTITION',
      'OFFSET_METADATA_TOO_LARGE',
      'OFFSET_OUT_OF_RANGE',
    ]);
    expect(coordinator.hasPendingOffsets('g', 'orders', 0)).toBe(true);
    expect(coordinator.hasPendingOffsets('g', 'orders', 2)).toBe(false);
    expect((await coordinator.txnCommit({ ...outsider([offset(0, 1)]), groupId: '' })).map((r) => r.error)).toEqual([
      'INVALID_GROUP_ID',
    ]);
    await coordinator.close();
    expect((await coordinator.txnCommit(outsider([offset(0, 1)]))).map((r) => r.error)).toEqual([
      'COORDINATOR_NOT_AVAILABLE',
    ]);
  });

  it('drops pending offsets with the group, the topic, or the partition offsets deleted', async () => {
    const broker = new FakeBroker({ orders: 6, audit: 1 });
    const coordinator = await broker.open();
    await coordinator.txnCommit(outsider([offset(0, 10), offset(1, 11)]));
    await coordinator.deleteOffsets('g', [{ topic: 'orders', partition: 0 }]);
    expect(coordinator.hasPendingOffsets('g', 'orders', 0)).toBe(false);
    expect(coordinator.hasPendingOffsets('g', 'orders', 1)).toBe(true);
    await coordinator.deleteGroup('g');
    expect(coordinator.hasPendingOffsets('g', 'orders', 1)).toBe(false);
    await coordinator.completeTransaction('g', 7, true);
    expect(coordinator.committed('g')).toEqual([]);

    await coordinator.txnCommit(outsider([offset(2, 12)], 8));
    broker.topics.delete('orders');
    await coordinator.topicDeleted('orders');
    expect(coordinator.hasPendingOffsets('g', 'orders', 2)).toBe(false);
  });

  it('keeps pending offsets across a restart; the transaction completes after it', async () => {
    const dataDir = await dirs.make();
    const broker = new FakeBroker();
    const first = await broker.open({ offsetStore: await LogOffsetStore.open({ dataDir, clock: broker.clock }) });
    await first.txnCommit(outsider([offset(0, 10)]));
    await first.close();
    const second = await broker.open({ offsetStore: await LogOffsetStore.open({ dataDir, clock: broker.clock }) });
    expect(second.hasPendingOffsets('g', 'orders', 0)).toBe(true);
    expect(second.committed('g')).toEqual([]);
    await second.completeTransaction('g', 7, true);
    expect(second.committed('g').map((e) => e.offset)).toEqual([10]);
    await second.close();
  });
});
