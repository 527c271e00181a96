import { isMiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { expectError } from '../../testing/expect-error.js';
import { FakeBroker } from '../../testing/fake-broker.js';
import {
  commitOffsets,
  flush,
  heartbeat,
  joinGroup,
  KafkaTestClient,
  leaveGroup,
  startKafkaGroup,
  syncGroup,
} from '../../testing/kafka-test-client.js';

describe('Kafka groups beside HTTP groups', () => {
  it('refuses an HTTP join of an active Kafka group, and a Kafka join of an HTTP group with members (23)', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    await startKafkaGroup(coordinator, broker.scheduler, 1);
    expectError(() => coordinator.join('g', { memberId: 'h', topics: ['orders'] }), 'INCONSISTENT_GROUP_PROTOCOL');

    coordinator.join('web', { memberId: 'h', topics: ['orders'] });
    expect((await joinGroup(coordinator, 'web')).errorCode).toBe(23);
    expect(
      (
        await commitOffsets(coordinator, 'web', { memberId: '', generationId: -1 }, [
          { topic: 'orders', partition: 0, offset: 1 },
        ])
      )[0]!.errorCode,
    ).toBe(25);
    expect(coordinator.describe('web').members.map((m) => m.memberId)).toEqual(['h']);
  });

  it('lets either kind take over a group id once the other has no members; offsets are shared', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    coordinator.join('g', { memberId: 'h', topics: ['orders'] });
    await coordinator.commit('g', { memberId: 'h' }, [{ topic: 'orders', partition: 0, offset: 5 }]);
    coordinator.leave('g', 'h');
    const [k] = await startKafkaGroup(coordinator, broker.scheduler, 1);
    expect(coordinator.committed('g').map((e) => e.offset)).toEqual([5]);
    expect(coordinator.describe('g')).toMatchObject({ state: 'Stable', generationId: 1, protocolType: 'consumer' });
    k!.leave();
    expect(coordinator.join('g', { memberId: 'h', topics: ['orders'] }).generationId).toBe(1);
    expect(coordinator.describe('g').protocolType).toBeUndefined();
  });

  it('describes a Kafka group: state, protocol, members with client, host and decoded assignment, lag', async () => {
    const broker = new FakeBroker();
    broker.setBounds('orders', 0, 0, 100);
    const coordinator = await broker.open();
    const [a, b] = await startKafkaGroup(coordinator, broker.scheduler, 2, { clientHost: '/10.0.0.7' });
    await commitOffsets(coordinator, 'g', { memberId: a!.memberId, generationId: 1 }, [
      { topic: 'orders', partition: 0, offset: 60 },
    ]);
    broker.scheduler.advance(1_500);
    b!.heartbeat();
    const description = coordinator.describe('g');
    expect(description).toMatchObject({
      groupId: 'g',
      state: 'Stable',
      generationId: 1,
      assignor: 'range',
      protocolType: 'consumer',
    });
    expect(description.members[0]).toEqual({
      memberId: a!.memberId,
      clientId: 'c0',
      clientHost: '/10.0.0.7',
      groupInstanceId: null,
      topics: ['orders'],
      assignment: [0, 2, 4].map((partition) => ({ topic: 'orders', partition })),
      sessionTimeoutMs: 10_000,
      lastSeenAgoMs: 1_500,
    });
    expect(description.members[1]!.lastSeenAgoMs).toBe(0);
    expect(description.offsets).toHaveLength(6);
    expect(description.offsets[0]).toEqual({
      topic: 'orders',
      partition: 0,
      committed: 60,
      logStartOffset: 0,
      logEndOffset: 100,
      lag: 40,
    });
    expect(coordinator.lag('g', 'orders')).toEqual(description.offsets);
    expect(coordinator.listGroups()).toEqual([{ groupId: 'g', state: 'Stable', members: 2, protocolType: 'consumer' }]);
  });

  it('shows an assignment the decoder cannot read as no partitions', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open({ initialRebalanceDelayMs: 0 });
    const joined = await joinGroup(coordinator, 'g', { apiVersion: 3 });
    await syncGroup(coordinator, 'g', {
      memberId: joined.memberId,
      generationId: 1,
      assignments: [{ memberId: joined.memberId, assignment: Buffer.from([0, 1, 0xff]) }],
    });
    expect(coordinator.describe('g').members[0]).toMatchObject({ assignment: [], topics: [] });
    expect(broker.events.at(-1)).toMatchObject({
      reason: 'join',
      assignments: [{ memberId: joined.memberId, partitions: [] }],
    });
  });

  it('reports each completed Kafka rebalance to onRebalance with decoded partitions', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    expect(broker.events).toEqual([
      {
        groupId: 'g',
        generationId: 1,
        reason: 'join',
        removed: [],
        assignments: [
          { memberId: a!.memberId, partitions: [0, 2, 4].map((partition) => ({ topic: 'orders', partition })) },
          { memberId: b!.memberId, partitions: [1, 3, 5].map((partition) => ({ topic: 'orders', partition })) },
        ],
      },
    ]);
    b!.leave();
    await a!.join().promise;
    await a!.sync(() => [{ topic: 'orders', partition: 0 }]).promise;
    expect(broker.events.at(-1)).toMatchObject({ generationId: 2, reason: 'leave', removed: [b!.memberId] });
    a!.leave();
    expect(broker.events.at(-1)).toEqual({
      groupId: 'g',
      generationId: 3,
      reason: 'leave',
      removed: [a!.memberId],
      assignments: [],
    });
  });

  it('deletes a Kafka group only once it has no members', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a] = await startKafkaGroup(coordinator, broker.scheduler, 1);
    await commitOffsets(coordinator, 'g', { memberId: a!.memberId, generationId: 1 }, [
      { topic: 'orders', partition: 0, offset: 1 },
    ]);
    const error = await coordinator.deleteGroup('g').catch((e: unknown) => e);
    expect(isMiniKafkaError(error, 'NON_EMPTY_GROUP')).toBe(true);
    a!.leave();
    await coordinator.deleteGroup('g');
    expect(coordinator.listGroups()).toEqual([]);
    expect(coordinator.committed('g')).toEqual([]);
  });

  it('answers every held JoinGroup and SyncGroup with 15 on close, and every later request too', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    // Group g: CompletingRebalance, a follower's SyncGroup held.
    const [x, y] = [new KafkaTestClient(coordinator, 'g'), new KafkaTestClient(coordinator, 'g')];
    await x.handshake();
    await y.handshake();
    const joined = [x.join(), y.join()];
    broker.scheduler.advance(6_000);
    await Promise.all(joined.map((j) => j.promise));
    const heldSync = (x.isLeader ? y : x).sync();
    // Group h: PreparingRebalance, a JoinGroup held through the initial delay.
    const z = new KafkaTestClient(coordinator, 'h');
    await z.handshake();
    const heldJoin = z.join();
    await flush();
    expect([heldSync.settled, heldJoin.settled]).toEqual([false, false]);

    await coordinator.close();
    await flush();
    expect(heldSync.value).toEqual({ errorCode: 15, assignment: Buffer.alloc(0) });
    expect(heldJoin.value).toMatchObject({ errorCode: 15, generationId: -1 });
    expect(broker.scheduler.pending).toBe(0);
    expect((await joinGroup(coordinator, 'g')).errorCode).toBe(15);
    expect(
      (await syncGroup(coordinator, 'g', { memberId: x.memberId, generationId: 1, assignments: [] })).errorCode,
    ).toBe(15);
    expect(heartbeat(coordinator, 'g', x.memberId, 1).errorCode).toBe(15);
    expect(leaveGroup(coordinator, 'g', x.memberId).errorCode).toBe(15);
    const commit = await commitOffsets(coordinator, 'g', { memberId: x.memberId, generationId: 1 }, [
      { topic: 'orders', partition: 0, offset: 1 },
    ]);
    expect(commit).toEqual([{ topic: 'orders', partition: 0, errorCode: 15 }]);
  });
});
