import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LogOffsetStore } from '../../offsets/log-offset-store.js';
import { expectRejection } from '../../testing/expect-error.js';
import { FakeBroker } from '../../testing/fake-broker.js';
import { commitOffsets, KafkaTestClient, startKafkaGroup } from '../../testing/kafka-test-client.js';

const at = (partition: number, offset: number, metadata?: string | null) => ({
  topic: 'orders',
  partition,
  offset,
  metadata,
});

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('Kafka groups: OffsetCommit', () => {
  it('commits for members of the current generation, without checking partition ownership', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a] = await startKafkaGroup(coordinator, broker.scheduler, 2); // a owns 0, 2, 4
    const result = await commitOffsets(coordinator, 'g', { memberId: a!.memberId, generationId: 1 }, [
      at(0, 10, 'm'),
      at(1, 20, null),
    ]);
    expect(result).toEqual([
      { topic: 'orders', partition: 0, errorCode: 0 },
      { topic: 'orders', partition: 1, errorCode: 0 },
    ]);
    expect(coordinator.committed('g').map((e) => [e.partition, e.offset, e.metadata])).toEqual([
      [0, 10, 'm'],
      [1, 20, ''],
    ]);
  });

  it('fences: 22 for another generation, 25 for strangers, 27 while completing a rebalance, nothing written', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    const commit = (memberId: string, generationId: number) =>
      commitOffsets(coordinator, 'g', { memberId, generationId }, [at(0, 1), at(1, 1)]).then((r) =>
        r.map((e) => e.errorCode),
      );
    expect(await commit(a!.memberId, 0)).toEqual([22, 22]);
    expect(await commit('stranger', 1)).toEqual([25, 25]);
    expect(await commit('', -1)).toEqual([25, 25]); // not while the group has members

    const c = new KafkaTestClient(coordinator, 'g', { clientId: 'c2' });
    await c.handshake();
    const joins = [c.join(), a!.join()];
    // PreparingRebalance: commits of the current generation still go through (Kafka allows them).
    expect(await commit(b!.memberId, 1)).toEqual([0, 0]);
    joins.push(b!.join());
    await Promise.all(joins.map((j) => j.promise));
    expect(coordinator.describe('g').state).toBe('CompletingRebalance');
    expect(await commit(b!.memberId, 2)).toEqual([27, 27]);
    expect(await commit(b!.memberId, 1)).toEqual([22, 22]);
    await Promise.all([a!.sync().promise, b!.sync().promise, c.sync().promise]);
    expect(await commit(c.memberId, 2)).toEqual([0, 0]);
    expect(coordinator.committed('g')).toHaveLength(2);
  });

  it('takes generation -1 without a member only while the group is Empty, and ILLEGAL_GENERATION for no group', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    expect(
      (await commitOffsets(coordinator, 'solo', { memberId: '', generationId: -1 }, [at(3, 8)]))[0]!.errorCode,
    ).toBe(0);
    expect(
      (await commitOffsets(coordinator, 'nogroup', { memberId: 'm', generationId: 4 }, [at(3, 8)]))[0]!.errorCode,
    ).toBe(22);
    expect(coordinator.committed('solo').map((e) => e.offset)).toEqual([8]);
    expect(coordinator.committed('nogroup')).toEqual([]);
  });

  it('answers each partition: unknown partitions 3, long metadata 12, bad offsets 42; the rest are written', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const result = await commitOffsets(coordinator, 'solo', { memberId: '', generationId: -1 }, [
      at(0, 5),
      at(6, 5),
      { topic: 'missing', partition: 0, offset: 1 },
      { topic: '../bad', partition: 0, offset: 1 },
      at(1, 5, 'x'.repeat(4097)),
      at(2, -3),
      at(0, 7),
    ]);
    expect(result.map((r) => [r.topic, r.partition, r.errorCode])).toEqual([
      ['orders', 0, 0],
      ['orders', 6, 3],
      ['missing', 0, 3],
      ['../bad', 0, 3],
      ['orders', 1, 12],
      ['orders', 2, 42],
      ['orders', 0, 0],
    ]);
    expect(coordinator.committed('solo').map((e) => [e.partition, e.offset])).toEqual([[0, 7]]); // the later entry wins
  });

  it("stores Kafka's offset markers -1 and -2, which every reader takes for no commit, and keeps them across a restart", async () => {
    const broker = new FakeBroker();
    broker.setBounds('orders', 0, 10, 100);
    broker.setBounds('orders', 1, 10, 100);
    const dataDir = await dirs.make();
    const store = () => LogOffsetStore.open({ dataDir, clock: broker.clock });
    const coordinator = await broker.open({ offsetStore: await store() });
    const result = await commitOffsets(coordinator, 'solo', { memberId: '', generationId: -1 }, [at(0, -2), at(1, -1)]);
    expect(result.map((r) => r.errorCode)).toEqual([0, 0]);
    expect(coordinator.lag('solo', 'orders').slice(0, 2)).toMatchObject([
      { partition: 0, committed: -2, lag: 90 },
      { partition: 1, committed: -1, lag: 90 },
    ]);
    await coordinator.close();
    const reopened = await broker.open({ offsetStore: await store() });
    expect(reopened.committed('solo').map((e) => [e.partition, e.offset])).toEqual([
      [0, -2],
      [1, -1],
    ]);
    // The HTTP API's commits take real offsets only.
    await expectRejection(reopened.commit('solo', {}, [at(0, -2)]), 'INVALID_REQUEST');
    await reopened.close();
  });

  it("answers in the request's shape: every topic and partition asked for, in order, fenced or not", async () => {
    const broker = new FakeBroker({ orders: 6, audit: 2 });
    const coordinator = await broker.open();
    const request = {
      groupId: 'solo',
      generationId: -1,
      memberId: '',
      retentionTimeMs: -1,
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 1, committedOffset: 3, committedMetadata: null },
            { partitionIndex: 9, committedOffset: 3, committedMetadata: null },
          ],
        },
        { name: 'gone', partitions: [{ partitionIndex: 0, committedOffset: 1, committedMetadata: 'm' }] },
        { name: 'audit', partitions: [{ partitionIndex: 0, committedOffset: 2, committedMetadata: '' }] },
      ],
    };
    expect(await coordinator.kafkaCommit(request)).toEqual({
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 1, errorCode: 0 },
            { partitionIndex: 9, errorCode: 3 },
          ],
        },
        { name: 'gone', partitions: [{ partitionIndex: 0, errorCode: 3 }] },
        { name: 'audit', partitions: [{ partitionIndex: 0, errorCode: 0 }] },
      ],
    });
    expect(await coordinator.kafkaCommit({ ...request, generationId: 5 })).toEqual({
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 1, errorCode: 22 },
            { partitionIndex: 9, errorCode: 22 },
          ],
        },
        { name: 'gone', partitions: [{ partitionIndex: 0, errorCode: 22 }] },
        { name: 'audit', partitions: [{ partitionIndex: 0, errorCode: 22 }] },
      ],
    });
    expect(await coordinator.kafkaCommit({ ...request, groupId: '' })).toMatchObject({
      topics: [{ partitions: [{ errorCode: 24 }, { errorCode: 24 }] }, {}, {}],
    });
    expect(await coordinator.kafkaCommit(null as never)).toEqual({ topics: [] });
  });

  it('keeps the group and its offsets after every member left: Empty, generation kept, commits from outside allowed', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    await commitOffsets(coordinator, 'g', { memberId: a!.memberId, generationId: 1 }, [at(0, 42)]);
    a!.leave();
    b!.leave();
    expect(coordinator.describe('g')).toMatchObject({ state: 'Empty', generationId: 2, members: [], assignor: '' });
    expect(coordinator.listGroups()).toEqual([{ groupId: 'g', state: 'Empty', members: 0, protocolType: 'consumer' }]);
    expect(coordinator.committed('g').map((e) => e.offset)).toEqual([42]);
    expect((await commitOffsets(coordinator, 'g', { memberId: '', generationId: -1 }, [at(1, 1)]))[0]!.errorCode).toBe(
      0,
    );
    expect(
      (await commitOffsets(coordinator, 'g', { memberId: a!.memberId, generationId: 1 }, [at(1, 1)]))[0]!.errorCode,
    ).toBe(25);
    // Members come back: generation 3.
    const again = await startKafkaGroup(coordinator, broker.scheduler, 1);
    expect(again[0]!.generationId).toBe(3);
  });

  it('applies Kafka fencing to HTTP-API commits into a Kafka group', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    await expectRejection(coordinator.commit('g', {}, [at(0, 1)]), 'UNKNOWN_MEMBER_ID');
    await expectRejection(
      coordinator.commit('g', { memberId: a!.memberId, generationId: 7 }, [at(0, 1)]),
      'ILLEGAL_GENERATION',
    );
    await expectRejection(coordinator.commit('g', { memberId: 'stranger' }, [at(0, 1)]), 'UNKNOWN_MEMBER_ID');
    await coordinator.commit('g', { memberId: a!.memberId }, [at(1, 3)]); // not a's partition: no ownership check
    expect(coordinator.committed('g').map((e) => e.partition)).toEqual([1]);
  });
});
