import { describe, expect, it } from 'vitest';
import { FakeBroker } from '../../testing/fake-broker.js';
import {
  commitOffsets,
  flush,
  heartbeat,
  KafkaTestClient,
  leaveGroup,
  startKafkaGroup,
} from '../../testing/kafka-test-client.js';

describe('Kafka groups: Heartbeat, sessions and LeaveGroup', () => {
  it('answers heartbeats: 0 when Stable, 22 for another generation, 25 for strangers', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    expect(a!.heartbeat()).toBe(0);
    expect(heartbeat(coordinator, 'g', a!.memberId, 0).errorCode).toBe(22);
    expect(heartbeat(coordinator, 'g', 'stranger', 1).errorCode).toBe(25);
    expect(heartbeat(coordinator, 'nogroup', a!.memberId, 1).errorCode).toBe(25);
    expect(heartbeat(coordinator, 'g', a!.memberId, 1.5).errorCode).toBe(42);
    expect(heartbeat(coordinator, '', a!.memberId, 1).errorCode).toBe(24);
  });

  it('removes a silent member when its session expires and rebalances the rest', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    for (let t = 0; t < 9_000; t += 3_000) {
      broker.scheduler.advance(3_000);
      expect(a!.heartbeat()).toBe(0);
    }
    broker.scheduler.advance(999);
    expect(coordinator.describe('g').members).toHaveLength(2);
    broker.scheduler.advance(1); // b: 10 s without a word
    expect(coordinator.describe('g')).toMatchObject({ state: 'PreparingRebalance', generationId: 1 });
    expect(coordinator.describe('g').members.map((m) => m.memberId)).toEqual([a!.memberId]);
    expect(a!.heartbeat()).toBe(27);
    expect(b!.heartbeat()).toBe(25);
    const rejoined = await a!.join().promise; // the only member left: the barrier completes at once
    expect(rejoined).toMatchObject({ errorCode: 0, generationId: 2, leader: a!.memberId });
    await a!.sync(() => [{ topic: 'orders', partition: 0 }]).promise;
    expect(broker.events.at(-1)).toMatchObject({
      generationId: 2,
      reason: 'session-timeout',
      removed: [b!.memberId],
      assignments: [{ memberId: a!.memberId, partitions: [{ topic: 'orders', partition: 0 }] }],
    });
  });

  it('counts join, sync, heartbeat and commit as signs of life', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [leader, follower] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    const keepAlive = [
      () => void follower!.join(), // unchanged metadata: answered at once, no rebalance
      () => void follower!.sync(),
      () => follower!.heartbeat(),
      () => void commitOffsets(coordinator, 'g', { memberId: follower!.memberId, generationId: 1 }, []),
    ];
    for (const call of keepAlive) {
      broker.scheduler.advance(8_000);
      leader!.heartbeat();
      call();
    }
    await flush();
    expect(coordinator.describe('g')).toMatchObject({ state: 'Stable', generationId: 1 });
    expect(coordinator.describe('g').members.map((m) => m.lastSeenAgoMs)).toEqual([0, 0]);
  });

  it('lets a member leave: the rest rebalance, and the group goes Empty after the last', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b, c] = await startKafkaGroup(coordinator, broker.scheduler, 3);
    expect(leaveGroup(coordinator, 'g', a!.memberId)).toEqual({ errorCode: 0 });
    expect(a!.leave()).toBe(25);
    expect([b!.heartbeat(), c!.heartbeat()]).toEqual([27, 27]);
    const [rb, rc] = await Promise.all([b!.join().promise, c!.join().promise]);
    expect([rb.generationId, rc.generationId]).toEqual([2, 2]);
    expect(rb.leader).toBe(b!.memberId); // the leader left: the first remaining member leads
    expect(rb.members.map((m) => m.memberId)).toEqual([b!.memberId, c!.memberId]);

    await Promise.all([b!.sync().promise, c!.sync().promise]);
    expect([b!.memberId, c!.memberId, 'x'].map((memberId) => leaveGroup(coordinator, 'g', memberId).errorCode)).toEqual(
      [0, 0, 25],
    );
    expect(coordinator.listGroups()).toEqual([]); // no members, no offsets: forgotten
    expect(leaveGroup(coordinator, 'g', b!.memberId).errorCode).toBe(25);
  });

  it('lets a member leave while a rebalance waits for it, completing the barrier', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    const joinA = a!.join({ protocols: [{ name: 'range', metadata: Buffer.from('new') }] });
    await flush();
    expect(joinA.settled).toBe(false);
    b!.leave();
    expect((await joinA.promise).members.map((m) => m.memberId)).toEqual([a!.memberId]);
  });

  it('lets a member answered MEMBER_ID_REQUIRED leave before it joins', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open({ initialRebalanceDelayMs: 0 });
    const [a, b] = [new KafkaTestClient(coordinator, 'g'), new KafkaTestClient(coordinator, 'g')];
    await a.handshake();
    await b.handshake();
    const joinA = a.join();
    expect(b.leave()).toBe(0);
    expect((await joinA.promise).generationId).toBe(1);
  });

  it('answers a held JoinGroup of a member removed meanwhile with 25, and a superseded one with 27', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    const first = a!.join({ protocols: [{ name: 'range', metadata: Buffer.from('v2') }] });
    const second = a!.join({ protocols: [{ name: 'range', metadata: Buffer.from('v2') }] });
    expect((await first.promise).errorCode).toBe(27);
    leaveGroup(coordinator, 'g', a!.memberId);
    expect((await second.promise).errorCode).toBe(25);
    expect(b!.heartbeat()).toBe(27);
  });
});
