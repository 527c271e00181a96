import { describe, expect, it } from 'vitest';
import type { GroupCoordinator } from '../../group-coordinator.js';
import { FakeBroker, numbers } from '../../testing/fake-broker.js';
import {
  flush,
  heartbeat,
  KafkaTestClient,
  leaveMembers,
  roundRobin,
  TEST_INITIAL_DELAY_MS,
} from '../../testing/kafka-test-client.js';

/** Static members pod-0.. join together (no MEMBER_ID_REQUIRED for them), the leader assigns `orders` round-robin, all sync. */
async function startStaticGroup(
  broker: FakeBroker,
  coordinator: GroupCoordinator,
  instances: string[],
  sessionTimeoutMs = 10_000,
): Promise<KafkaTestClient[]> {
  const clients = instances.map(
    (groupInstanceId, i) =>
      new KafkaTestClient(coordinator, 'g', { clientId: `c${i}`, groupInstanceId, sessionTimeoutMs }),
  );
  const joins = clients.map((client) => client.join());
  // The initial delay, extended once because members joined during it.
  for (let waited = 0; joins.some((j) => !j.settled) && waited <= 2 * TEST_INITIAL_DELAY_MS; waited += 1_000) {
    broker.scheduler.advance(1_000);
    await flush();
  }
  for (const join of joins) expect(join.value?.errorCode).toBe(0);
  const syncs = clients.map((client) => client.sync(roundRobin('orders', 6, clients.length)));
  await Promise.all(syncs.map((s) => s.promise));
  return clients;
}

/** A new process with the same group.instance.id (member id ""), as after a restart. */
function restart(coordinator: GroupCoordinator, old: KafkaTestClient, clientId = 'restarted'): KafkaTestClient {
  return new KafkaTestClient(coordinator, 'g', { ...old.options, clientId });
}

describe('Kafka groups: static membership (KIP-345)', () => {
  it('gives a restarted static member its partitions back without a rebalance', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [leader, follower, third] = await startStaticGroup(broker, coordinator, ['pod-0', 'pod-1', 'pod-2']);
    const before = numbers(follower!.partitions());
    const generation = coordinator.describe('g').generationId;
    const events = broker.events.length;

    const again = restart(coordinator, follower!);
    const join = again.join();
    await flush();
    // Answered at once, in the current generation; the leader is still the leader.
    expect(join.value).toMatchObject({ errorCode: 0, generationId: generation, leader: leader!.memberId, members: [] });
    expect(again.memberId).not.toBe(follower!.memberId);
    await again.sync().promise;
    expect(numbers(again.partitions())).toEqual(before);

    // Nobody else noticed: no rebalance, no new generation, no event.
    expect(leader!.heartbeat()).toBe(0);
    expect(third!.heartbeat()).toBe(0);
    expect(again.heartbeat()).toBe(0);
    expect(coordinator.describe('g')).toMatchObject({ state: 'Stable', generationId: generation });
    expect(broker.events).toHaveLength(events);
    // Same place in join order, new member id, new client id.
    expect(coordinator.describe('g').members.map((m) => [m.groupInstanceId, m.memberId, m.clientId])).toEqual([
      ['pod-0', leader!.memberId, 'c0'],
      ['pod-1', again.memberId, 'restarted'],
      ['pod-2', third!.memberId, 'c2'],
    ]);
  });

  it('fences the old member id on every request once its instance id moved on', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [, stale] = await startStaticGroup(broker, coordinator, ['pod-0', 'pod-1']);
    const fresh = restart(coordinator, stale!);
    await fresh.join().promise;

    expect(stale!.heartbeat()).toBe(82);
    expect((await stale!.sync().promise).errorCode).toBe(82);
    expect(await stale!.commit(0, 5)).toBe(82);
    expect((await stale!.join().promise).errorCode).toBe(82);
    expect(stale!.leave()).toBe(82);
    expect(coordinator.committed('g')).toEqual([]);
    // Without its instance id the old id is simply unknown; an instance id nobody holds is unknown too.
    expect(heartbeat(coordinator, 'g', stale!.memberId, stale!.generationId).errorCode).toBe(25);
    expect(heartbeat(coordinator, 'g', fresh.memberId, fresh.generationId, 'pod-9').errorCode).toBe(25);
    // The new one is the member.
    expect(fresh.heartbeat()).toBe(0);
    expect(await fresh.commit(0, 5)).toBe(0);
  });

  it('fences a duplicate live instance: the first process gets FENCED_INSTANCE_ID for what it is waiting on', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [first, other] = await startStaticGroup(broker, coordinator, ['pod-0', 'pod-1']);
    // A rebalance is under way and the first process's rejoin is held.
    const heldJoin = first!.join({ protocols: [{ name: 'range', metadata: Buffer.from('changed') }] });
    await flush();
    expect(heldJoin.settled).toBe(false);
    const duplicate = restart(coordinator, first!, 'duplicate');
    const duplicateJoin = duplicate.join();
    await flush();
    expect(heldJoin.value?.errorCode).toBe(82);
    // The duplicate waits in the rebalance like everyone else; once the other member rejoins it completes.
    expect(duplicateJoin.settled).toBe(false);
    await other!.join().promise;
    await duplicateJoin.promise;
    expect(duplicateJoin.value).toMatchObject({ errorCode: 0, leader: duplicate.memberId });
    expect(coordinator.describe('g').members.map((m) => m.memberId)).toEqual([duplicate.memberId, other!.memberId]);
  });

  it('tells a restarted static leader whom to follow: the old leader id before v9, skipAssignment from v9', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [leader, follower] = await startStaticGroup(broker, coordinator, ['pod-0', 'pod-1']);
    const old = restart(coordinator, leader!);
    const v5 = await old.join().promise;
    // Not "you lead": a leader would run its assignor and a Stable group ignores that assignment.
    expect(v5).toMatchObject({ errorCode: 0, leader: leader!.memberId, members: [] });
    expect(old.isLeader).toBe(false);

    const v9client = restart(coordinator, old, 'v9');
    const v9 = await v9client.join({ apiVersion: 9 }).promise;
    expect(v9).toMatchObject({ errorCode: 0, leader: v9client.memberId, skipAssignment: true });
    expect(v9.members.map((m) => m.groupInstanceId)).toEqual(['pod-0', 'pod-1']);
    await v9client.sync().promise;
    expect(numbers(v9client.partitions())).toEqual([0, 2, 4]);
    expect(follower!.heartbeat()).toBe(0);
    expect(coordinator.describe('g').state).toBe('Stable');
  });

  it('rebalances when the restarted member changes what the group would choose', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    await startStaticGroup(broker, coordinator, ['pod-0']);
    const generation = coordinator.describe('g').generationId;
    const other = new KafkaTestClient(coordinator, 'g', { groupInstanceId: 'pod-0', clientId: 'new' });
    const join = await other.join({ protocols: [{ name: 'roundrobin', metadata: Buffer.from('s') }] }).promise;
    // The only member now prefers roundrobin: the group's protocol changes, in a new generation it leads.
    expect(join).toMatchObject({
      errorCode: 0,
      generationId: generation + 1,
      protocolName: 'roundrobin',
      leader: other.memberId,
    });
    expect(coordinator.describe('g').state).toBe('CompletingRebalance');
  });

  it('keeps a static member through a rebalance it missed, and removes it when its session runs out', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = await startStaticGroup(broker, coordinator, ['pod-0', 'pod-1'], 45_000);
    // pod-0 rejoins with new metadata; pod-1 is silent (restarting) and misses the rebalance.
    const rejoin = a!.join({ protocols: [{ name: 'range', metadata: Buffer.from('more topics') }] });
    for (let t = 0; t < 30_000 && !rejoin.settled; t += 5_000) {
      broker.scheduler.advance(5_000);
      await flush();
    }
    expect(rejoin.value?.errorCode).toBe(0);
    // Still a member after the barrier, so the leader assigns to it; a dynamic member would be gone.
    expect(a!.members.map((m) => m.groupInstanceId)).toEqual(['pod-0', 'pod-1']);
    await a!.sync(roundRobin('orders', 6, 2)).promise;
    expect(coordinator.describe('g').members).toHaveLength(2);
    // Its session (45 s since its last request, 30 s ago) runs out: removed, and the group rebalances.
    broker.scheduler.advance(15_000);
    await flush();
    expect(coordinator.describe('g').state).toBe('PreparingRebalance');
    expect(coordinator.describe('g').members.map((m) => m.groupInstanceId)).toEqual(['pod-0']);
    expect(b!.heartbeat()).toBe(25);
    // Coming back now is a new member, with a rebalance.
    const back = restart(coordinator, b!);
    const backJoin = back.join();
    expect(a!.heartbeat()).toBe(27);
    await a!.join().promise;
    await backJoin.promise;
    expect(backJoin.value?.errorCode).toBe(0);
    expect(coordinator.describe('g').members.map((m) => m.groupInstanceId)).toEqual(['pod-0', 'pod-1']);
  });

  it('removes members by instance id alone (LeaveGroup v3+), each with its own answer', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = await startStaticGroup(broker, coordinator, ['pod-0', 'pod-1']);
    const answer = leaveMembers(coordinator, 'g', [
      { memberId: '', groupInstanceId: 'pod-1' },
      { memberId: '', groupInstanceId: 'pod-7' },
      { memberId: 'someone-else', groupInstanceId: 'pod-0' },
      { memberId: 'nobody', groupInstanceId: null },
    ]);
    expect(answer).toEqual({
      errorCode: 0,
      members: [
        { memberId: '', groupInstanceId: 'pod-1', errorCode: 0 },
        { memberId: '', groupInstanceId: 'pod-7', errorCode: 25 },
        { memberId: 'someone-else', groupInstanceId: 'pod-0', errorCode: 82 },
        { memberId: 'nobody', groupInstanceId: null, errorCode: 25 },
      ],
    });
    expect(coordinator.describe('g').members.map((m) => m.memberId)).toEqual([a!.memberId]);
    expect(b!.heartbeat()).toBe(25);
    expect(a!.leave()).toBe(0);
    expect(coordinator.listGroups()).toEqual([]);
    expect(leaveMembers(coordinator, 'gone', [{ memberId: '', groupInstanceId: 'pod-0' }])).toEqual({
      errorCode: 0,
      members: [{ memberId: '', groupInstanceId: 'pod-0', errorCode: 25 }],
    });
  });
});
