import { describe, expect, it } from 'vitest';
import { FakeBroker } from '../../testing/fake-broker.js';
import {
  encodeTestAssignment,
  flush,
  KafkaTestClient,
  roundRobin,
  syncGroup,
} from '../../testing/kafka-test-client.js';

/** Three members joined generation 1 (CompletingRebalance): [leader, follower, follower]. */
async function joinedThree() {
  const broker = new FakeBroker();
  const coordinator = await broker.open();
  const clients = [0, 1, 2].map((i) => new KafkaTestClient(coordinator, 'g', { clientId: `c${i}` }));
  for (const client of clients) await client.handshake();
  const joins = clients.map((client) => client.join());
  broker.scheduler.advance(6_000);
  await Promise.all(joins.map((j) => j.promise));
  return { broker, coordinator, clients: clients as [KafkaTestClient, KafkaTestClient, KafkaTestClient] };
}

describe('Kafka groups: SyncGroup', () => {
  it('holds followers until the leader syncs, then gives each its own assignment', async () => {
    const { broker, coordinator, clients } = await joinedThree();
    const [leader, b, c] = clients;
    expect(leader.isLeader).toBe(true);
    const syncB = b.sync();
    const syncC = c.sync();
    broker.scheduler.advance(5_000);
    await flush();
    expect([syncB.settled, syncC.settled]).toEqual([false, false]);
    expect(b.heartbeat()).toBe(0); // CompletingRebalance: heartbeats are fine

    const syncLeader = leader.sync(roundRobin('orders', 6, 3));
    const [rl, rb, rc] = await Promise.all([syncLeader.promise, syncB.promise, syncC.promise]);
    expect([rl.errorCode, rb.errorCode, rc.errorCode]).toEqual([0, 0, 0]);
    expect([leader.partitions(), b.partitions(), c.partitions()].map((tps) => tps.map((tp) => tp.partition))).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(coordinator.describe('g')).toMatchObject({ state: 'Stable', generationId: 1 });
    // Stable: a SyncGroup answers the stored assignment at once.
    expect(
      (await syncGroup(coordinator, 'g', { memberId: b.memberId, generationId: 1, assignments: [] })).assignment,
    ).toEqual(encodeTestAssignment([1, 4].map((partition) => ({ topic: 'orders', partition }))));
  });

  it('gives an empty assignment to a member the leader left out', async () => {
    const { coordinator, clients } = await joinedThree();
    const [leader, b, c] = clients;
    const held = c.sync();
    const result = await syncGroup(coordinator, 'g', {
      memberId: leader.memberId,
      generationId: 1,
      assignments: [
        { memberId: b.memberId, assignment: encodeTestAssignment([{ topic: 'orders', partition: 0 }]) },
        { memberId: 'stranger', assignment: encodeTestAssignment([{ topic: 'orders', partition: 1 }]) },
      ],
    });
    expect(result).toEqual({
      errorCode: 0,
      protocolType: 'consumer',
      protocolName: 'range',
      assignment: Buffer.alloc(0),
    });
    expect((await held.promise).assignment).toEqual(Buffer.alloc(0));
    expect(coordinator.describe('g').members.map((m) => m.assignment.length)).toEqual([0, 1, 0]);
  });

  it('answers 27 while the group prepares a rebalance, 22 for another generation, 25 for strangers', async () => {
    const { coordinator, clients } = await joinedThree();
    const [leader, b] = clients;
    const sync = (memberId: string, generationId: number) =>
      syncGroup(coordinator, 'g', { memberId, generationId, assignments: [] });
    expect((await sync(b.memberId, 0)).errorCode).toBe(22);
    expect((await sync('nobody', 1)).errorCode).toBe(25);
    expect(
      (await syncGroup(coordinator, 'other', { memberId: b.memberId, generationId: 1, assignments: [] })).errorCode,
    ).toBe(25);
    const held = b.sync();
    leader.join({ protocols: [{ name: 'range', metadata: Buffer.from('changed') }] }); // back to PreparingRebalance
    expect(await held.promise).toEqual({ errorCode: 27, assignment: Buffer.alloc(0) });
    expect((await sync(b.memberId, 1)).errorCode).toBe(27);
    expect(
      (await syncGroup(coordinator, 'g', { memberId: b.memberId, generationId: 1, assignments: 'no' as never }))
        .errorCode,
    ).toBe(42);
  });

  it('starts over when the leader goes silent before syncing: held syncs get 27', async () => {
    const { broker, coordinator, clients } = await joinedThree();
    const [leader, b, c] = clients;
    const syncB = b.sync();
    const syncC = c.sync();
    broker.scheduler.advance(9_999);
    await flush();
    expect(syncB.settled).toBe(false);
    broker.scheduler.advance(1); // the leader's session timeout (10 s) since its JoinGroup answer
    expect(await syncB.promise).toEqual({ errorCode: 27, assignment: Buffer.alloc(0) });
    expect((await syncC.promise).errorCode).toBe(27);
    expect(coordinator.describe('g')).toMatchObject({ state: 'PreparingRebalance' });
    expect(coordinator.describe('g').members.map((m) => m.memberId)).toEqual([b.memberId, c.memberId]);
    expect(leader.heartbeat()).toBe(25);
    const [rb, rc] = await Promise.all([b.join().promise, c.join().promise]);
    expect([rb.generationId, rc.generationId, rb.leader]).toEqual([2, 2, b.memberId]); // the next leader
  });

  it('drops a leader that keeps heartbeating but never syncs, after the rebalance timeout', async () => {
    const { broker, coordinator, clients } = await joinedThree();
    const [leader, b, c] = clients;
    const syncs = [b.sync(), c.sync()];
    for (let t = 0; t < 27_000; t += 3_000) {
      broker.scheduler.advance(3_000);
      expect(leader.heartbeat()).toBe(0);
    }
    await flush();
    expect(syncs[0]!.settled).toBe(false);
    broker.scheduler.advance(3_000);
    await flush();
    expect(syncs.map((s) => s.value?.errorCode)).toEqual([27, 27]);
    expect(coordinator.describe('g').members.map((m) => m.memberId)).toEqual([b.memberId, c.memberId]);
    expect(leader.heartbeat()).toBe(25);
  });
});
