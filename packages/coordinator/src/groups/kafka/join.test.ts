import { describe, expect, it } from 'vitest';
import { FakeBroker } from '../../testing/fake-broker.js';
import { flush, heartbeat, joinGroup, KafkaTestClient, startKafkaGroup } from '../../testing/kafka-test-client.js';

describe('Kafka groups: JoinGroup', () => {
  it('answers a new member MEMBER_ID_REQUIRED with a generated id, then joins it with that id', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const first = await joinGroup(coordinator, 'g', { clientId: 'rdkafka' });
    expect(first).toEqual({
      errorCode: 79,
      memberId: expect.stringMatching(/^rdkafka-[0-9a-f-]{36}$/),
      generationId: -1,
      protocolName: '',
      leader: '',
      members: [],
    });
    expect(coordinator.describe('g')).toMatchObject({ state: 'Empty', members: [] });

    const joining = joinGroup(coordinator, 'g', { memberId: first.memberId });
    expect(coordinator.describe('g').state).toBe('PreparingRebalance');
    broker.scheduler.advance(3_000); // the initial rebalance delay
    expect(await joining).toEqual({
      errorCode: 0,
      generationId: 1,
      protocolType: 'consumer',
      protocolName: 'range',
      leader: first.memberId,
      memberId: first.memberId,
      members: [{ memberId: first.memberId, groupInstanceId: null, metadata: Buffer.from('subscription') }],
    });
    expect(coordinator.describe('g')).toMatchObject({ state: 'CompletingRebalance', generationId: 1 });
  });

  it('joins at once without requireKnownMemberId (JoinGroup v0-3), and refuses ids it never gave', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open({ initialRebalanceDelayMs: 0 });
    const joined = await joinGroup(coordinator, 'g', { clientId: 'old', apiVersion: 3 });
    expect(joined).toMatchObject({ errorCode: 0, generationId: 1, memberId: expect.stringMatching(/^old-/) });
    expect((await joinGroup(coordinator, 'g', { memberId: 'made-up' })).errorCode).toBe(25);
    expect((await joinGroup(coordinator, 'nowhere', { memberId: 'made-up' })).errorCode).toBe(25);
    expect(coordinator.listGroups().map((g) => g.groupId)).toEqual(['g']);
  });

  it('forgets a MEMBER_ID_REQUIRED id that is not used within the session timeout', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const client = new KafkaTestClient(coordinator, 'g');
    await client.handshake();
    broker.scheduler.advance(10_000);
    expect(coordinator.listGroups()).toEqual([]);
    expect((await client.join().promise).errorCode).toBe(25);
  });

  it('lands two members that start together in one generation, thanks to the initial delay', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = [new KafkaTestClient(coordinator, 'g'), new KafkaTestClient(coordinator, 'g')];
    await a.handshake();
    const joinA = a.join();
    broker.scheduler.advance(1_000);
    await b.handshake();
    const joinB = b.join();
    broker.scheduler.advance(2_000); // 3 s: B arrived during the delay, so it is extended by 3 s
    await flush();
    expect(joinA.settled).toBe(false);
    broker.scheduler.advance(3_000);
    const [ra, rb] = await Promise.all([joinA.promise, joinB.promise]);
    expect([ra.generationId, rb.generationId]).toEqual([1, 1]);
    expect(ra.leader).toBe(a.memberId);
    expect(rb.leader).toBe(a.memberId);
    expect(ra.members.map((m) => m.memberId)).toEqual([a.memberId, b.memberId]);
    expect(rb.members).toEqual([]);
  });

  it('never extends the initial delay beyond the rebalance timeout', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const options = { rebalanceTimeoutMs: 5_000, apiVersion: 3 };
    const first = new KafkaTestClient(coordinator, 'g', options).join();
    for (let i = 0; i < 5; i++) {
      broker.scheduler.advance(1_000);
      new KafkaTestClient(coordinator, 'g', options).join();
    }
    await flush();
    expect(first.settled).toBe(true); // 3 s delay + the 2 s left of the 5 s rebalance timeout
    expect(first.value).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(first.value!.members).toHaveLength(5);
  });

  it('makes existing members rejoin when a new one joins: heartbeats answer 27, only the leader gets the members', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    expect(coordinator.describe('g')).toMatchObject({ state: 'Stable', generationId: 1 });
    expect([a!.heartbeat(), b!.heartbeat()]).toEqual([0, 0]);

    const c = new KafkaTestClient(coordinator, 'g', { clientId: 'c2' });
    await c.handshake();
    const joinC = c.join();
    expect(coordinator.describe('g').state).toBe('PreparingRebalance');
    expect([a!.heartbeat(), b!.heartbeat()]).toEqual([27, 27]);
    const joinA = a!.join();
    await flush();
    expect(joinC.settled || joinA.settled).toBe(false); // b has not rejoined yet
    const joinB = b!.join();
    const [ra, rb, rc] = await Promise.all([joinA.promise, joinB.promise, joinC.promise]);
    expect([ra.generationId, rb.generationId, rc.generationId]).toEqual([2, 2, 2]);
    expect(new Set([ra.leader, rb.leader, rc.leader])).toEqual(new Set([a!.memberId]));
    expect(ra.members.map((m) => m.memberId)).toEqual([a!.memberId, b!.memberId, c.memberId]);
    expect([rb.members, rc.members]).toEqual([[], []]);
    expect(coordinator.describe('g')).toMatchObject({ state: 'CompletingRebalance', generationId: 2 });
  });

  it('answers an unchanged rejoin at once with the current generation, and rebalances on new metadata or a leader rejoin', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [leader, follower] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    const same = await follower!.join().promise;
    expect(same).toMatchObject({ errorCode: 0, generationId: 1, leader: leader!.memberId, members: [] });
    expect(coordinator.describe('g').state).toBe('Stable');

    const changed = follower!.join({ protocols: [{ name: 'range', metadata: Buffer.from('new topics') }] });
    expect(coordinator.describe('g').state).toBe('PreparingRebalance');
    await leader!.join().promise;
    expect((await changed.promise).generationId).toBe(2);

    await Promise.all([leader!.sync().promise, follower!.sync().promise]);
    const rejoin = leader!.join();
    expect(coordinator.describe('g').state).toBe('PreparingRebalance'); // Kafka lets the leader force a rebalance
    await follower!.join().promise;
    expect((await rejoin.promise).generationId).toBe(3);
  });

  it('drops a member that does not rejoin within the rebalance timeout', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [a, b] = await startKafkaGroup(coordinator, broker.scheduler, 2);
    const c = new KafkaTestClient(coordinator, 'g', { clientId: 'c2' });
    await c.handshake();
    const joinC = c.join();
    const joinA = a!.join();
    for (let t = 0; t < 27_000; t += 3_000) {
      broker.scheduler.advance(3_000);
      expect(b!.heartbeat()).toBe(27); // alive, but never rejoins
    }
    await flush();
    expect(joinA.settled).toBe(false);
    broker.scheduler.advance(3_000); // 30 s: the rebalance timeout
    const [ra, rc] = await Promise.all([joinA.promise, joinC.promise]);
    expect([ra.generationId, rc.generationId]).toEqual([2, 2]);
    expect(ra.members.map((m) => m.memberId)).toEqual([a!.memberId, c.memberId]);
    expect(b!.heartbeat()).toBe(25);
    await Promise.all([a!.sync().promise, c.sync().promise]);
    expect(broker.events.at(-1)).toMatchObject({
      generationId: 2,
      reason: 'rebalance-timeout',
      removed: [b!.memberId],
    });
  });

  it('chooses the protocol every member supports with the most votes', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const p = (...names: string[]) => names.map((name) => ({ name, metadata: Buffer.from(`${name}-meta`) }));
    const a = new KafkaTestClient(coordinator, 'g', { protocols: p('range', 'roundrobin', 'sticky') });
    const b = new KafkaTestClient(coordinator, 'g', { protocols: p('roundrobin', 'range') });
    const c = new KafkaTestClient(coordinator, 'g', { protocols: p('sticky', 'roundrobin', 'range') });
    for (const client of [a, b, c]) await client.handshake();
    const joins = [a.join(), b.join(), c.join()];
    broker.scheduler.advance(6_000);
    const results = await Promise.all(joins.map((j) => j.promise));
    // Common: range and roundrobin (b lacks sticky). Votes: a range; b and c roundrobin.
    expect(results.map((r) => r.protocolName)).toEqual(['roundrobin', 'roundrobin', 'roundrobin']);
    expect(results[0]!.members.map((m) => m.metadata.toString())).toEqual([
      'roundrobin-meta',
      'roundrobin-meta',
      'roundrobin-meta',
    ]);
  });

  it('waits for members answered MEMBER_ID_REQUIRED before completing a rebalance', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open({ initialRebalanceDelayMs: 0 });
    const [a, b] = [new KafkaTestClient(coordinator, 'g'), new KafkaTestClient(coordinator, 'g')];
    await a.handshake();
    await b.handshake();
    const joinA = a.join();
    await flush();
    expect(joinA.settled).toBe(false); // b holds an id and may come back with it
    const joinB = b.join();
    expect((await joinA.promise).members).toHaveLength(2);
    expect((await joinB.promise).generationId).toBe(1);
  });

  it('refuses members with another protocol type or no protocol in common (a kafkajs and a kcat consumer)', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const kcat = new KafkaTestClient(coordinator, 'g', {
      protocols: [
        { name: 'range', metadata: Buffer.from('x') },
        { name: 'roundrobin', metadata: Buffer.from('x') },
      ],
    });
    await kcat.handshake();
    kcat.join();
    const kafkajs = { protocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from('y') }] };
    expect((await joinGroup(coordinator, 'g', kafkajs)).errorCode).toBe(23);
    expect((await joinGroup(coordinator, 'g', { protocolType: 'connect' })).errorCode).toBe(23);
    expect((await joinGroup(coordinator, 'g', { protocols: [] })).errorCode).toBe(23);
    expect((await joinGroup(coordinator, 'g', { protocolType: '' })).errorCode).toBe(23);
    expect((await joinGroup(coordinator, 'g')).errorCode).toBe(79); // range is common
  });

  it('checks the session timeout, the group id and the request shape', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open({ minSessionTimeoutMs: 6_000, maxSessionTimeoutMs: 300_000 });
    expect((await joinGroup(coordinator, 'g', { sessionTimeoutMs: 5_999 })).errorCode).toBe(26);
    expect((await joinGroup(coordinator, 'g', { sessionTimeoutMs: 300_001 })).errorCode).toBe(26);
    expect((await joinGroup(coordinator, '')).errorCode).toBe(24);
    expect((await joinGroup(coordinator, 'a\nb')).errorCode).toBe(24);
    expect((await joinGroup(coordinator, 'g', { rebalanceTimeoutMs: 1.5 })).errorCode).toBe(42);
    expect(
      (await joinGroup(coordinator, 'g', { protocols: [{ name: 'x', metadata: 'str' as never }] })).errorCode,
    ).toBe(42);
    const context = { clientId: 'app', clientHost: '/127.0.0.1', apiVersion: 5 };
    expect((await coordinator.kafkaJoin(null as never, context)).errorCode).toBe(24);
    expect((await coordinator.kafkaJoin({ groupId: 'g' } as never, context)).errorCode).toBe(42);
    expect((await joinGroup(coordinator, 'g', { apiVersion: 'new' as never })).errorCode).toBe(42);
    expect(coordinator.listGroups()).toEqual([]);
  });

  it('generates printable member ids from any client id', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const result = await joinGroup(coordinator, 'g', { clientId: `bad\u0000id${'x'.repeat(400)}` });
    expect(result.memberId).toMatch(/^badidx+-[0-9a-f-]{36}$/);
    expect(result.memberId.length).toBeLessThanOrEqual(255);
    expect((await joinGroup(coordinator, 'g', { clientId: '' })).memberId).toMatch(/^-[0-9a-f-]{36}$/);
  });

  it('lets a static member (group.instance.id) join without the handshake and fences the instance it replaces', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open({ initialRebalanceDelayMs: 0 });
    const first = await joinGroup(coordinator, 'g', { groupInstanceId: 'pod-1' });
    expect(first).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(first.members).toEqual([
      { memberId: first.memberId, groupInstanceId: 'pod-1', metadata: expect.any(Buffer) },
    ]);
    const second = await joinGroup(coordinator, 'g', { groupInstanceId: 'pod-1' });
    expect(second).toMatchObject({ errorCode: 0, generationId: 2, leader: second.memberId });
    expect(heartbeat(coordinator, 'g', first.memberId, 2, 'pod-1').errorCode).toBe(82);
    expect(heartbeat(coordinator, 'g', first.memberId, 2).errorCode).toBe(25);
    expect((await joinGroup(coordinator, 'g', { memberId: first.memberId, groupInstanceId: 'pod-1' })).errorCode).toBe(
      82,
    );
    expect(coordinator.describe('g').members.map((m) => m.groupInstanceId)).toEqual(['pod-1']);
  });
});
