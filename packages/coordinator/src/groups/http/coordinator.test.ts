import { describe, expect, it } from 'vitest';
import { expectError } from '../../testing/expect-error.js';
import { FakeBroker, names, numbers } from '../../testing/fake-broker.js';

describe('HTTP groups: membership', () => {
  it('generates a member id from the client id and starts generation 1', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const joined = coordinator.join('g', { topics: ['orders'], clientId: 'billing' });
    expect(joined.memberId).toMatch(/^billing-[0-9a-f-]{36}$/);
    expect(joined).toMatchObject({ generationId: 1, members: 1, assignor: 'roundrobin' });
    expect(numbers(joined.assignment)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(coordinator.join('g', { topics: ['orders'] }).memberId).toMatch(/^member-/);
  });

  it('answers a repeated join with the same topics without a rebalance', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const first = coordinator.join('g', { memberId: 'c1', topics: ['orders'] });
    const again = coordinator.join('g', { memberId: 'c1', topics: ['orders'] });
    expect(again).toEqual(first);
    expect(broker.events).toHaveLength(1);
  });

  it('shares 6 partitions over three members as [0,3] [1,4] [2,5] in join order, the golden rule holding', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    for (const id of ['c', 'a', 'b']) coordinator.join('g', { memberId: id, topics: ['orders'] });
    expect(numbers(coordinator.assignmentOf('g', 'c'))).toEqual([0, 3]);
    expect(numbers(coordinator.assignmentOf('g', 'a'))).toEqual([1, 4]);
    expect(numbers(coordinator.assignmentOf('g', 'b'))).toEqual([2, 5]);
    const last = broker.events.at(-1)!;
    expect(last).toMatchObject({ groupId: 'g', generationId: 3, reason: 'join', removed: [] });
    expect(last.assignments.map((a) => [a.memberId, numbers(a.partitions)])).toEqual([
      ['c', [0, 3]],
      ['a', [1, 4]],
      ['b', [2, 5]],
    ]);
  });

  it('leaves members beyond the partition count idle', async () => {
    const broker = new FakeBroker({ orders: 2 });
    const coordinator = await broker.open();
    for (const id of ['m1', 'm2', 'm3', 'm4']) coordinator.join('g', { memberId: id, topics: ['orders'] });
    expect(['m1', 'm2', 'm3', 'm4'].map((id) => numbers(coordinator.assignmentOf('g', id)))).toEqual([
      [0],
      [1],
      [],
      [],
    ]);
  });

  it("hands a leaving member's partitions to the others at once", async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    for (const id of ['a', 'b', 'c']) coordinator.join('g', { memberId: id, topics: ['orders'] });
    coordinator.leave('g', 'b');
    expect(numbers(coordinator.assignmentOf('g', 'a'))).toEqual([0, 2, 4]);
    expect(numbers(coordinator.assignmentOf('g', 'c'))).toEqual([1, 3, 5]);
    expect(broker.events.at(-1)).toMatchObject({ reason: 'leave', removed: ['b'], generationId: 4 });
    expectError(() => coordinator.assignmentOf('g', 'b'), 'UNKNOWN_MEMBER_ID');
    expectError(() => coordinator.leave('g', 'b'), 'UNKNOWN_MEMBER_ID');
  });

  it('removes a member silent for its session timeout, on tick, and moves its partitions', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open({ defaultSessionTimeoutMs: 10_000 });
    coordinator.join('g', { memberId: 'quiet', topics: ['orders'] });
    coordinator.join('g', { memberId: 'chatty', topics: ['orders'], sessionTimeoutMs: 30_000 });
    broker.clock.advance(6_000);
    coordinator.heartbeat('g', 'quiet', 2);
    broker.clock.advance(6_000); // quiet: 6 s since its heartbeat; chatty: 12 s of its 30
    coordinator.tick();
    expect(coordinator.describe('g').members.map((m) => m.memberId)).toEqual(['quiet', 'chatty']);
    broker.clock.advance(4_001); // quiet: 10.001 s
    coordinator.tick();
    expect(broker.events.at(-1)).toMatchObject({ reason: 'session-timeout', removed: ['quiet'], generationId: 3 });
    expect(numbers(coordinator.assignmentOf('g', 'chatty'))).toEqual([0, 1, 2, 3, 4, 5]);
    expectError(() => coordinator.heartbeat('g', 'quiet', 2), 'UNKNOWN_MEMBER_ID');
  });

  it('expires silent members on any call to their group, even before the next tick', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    coordinator.join('g', { memberId: 'gone', topics: ['orders'] });
    coordinator.join('g', { memberId: 'here', topics: ['orders'], sessionTimeoutMs: 60_000 });
    broker.clock.advance(10_001);
    expect(numbers(coordinator.assignmentOf('g', 'here'))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(broker.events.at(-1)?.reason).toBe('session-timeout');
  });

  it('counts every request from a member as a heartbeat', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    coordinator.join('g', { memberId: 'm', topics: ['orders'] });
    const keepAlive = [
      () => coordinator.join('g', { memberId: 'm', topics: ['orders'] }),
      () => coordinator.heartbeat('g', 'm', 1),
      () => coordinator.assignmentOf('g', 'm'),
      () => void coordinator.commit('g', { memberId: 'm' }, [{ topic: 'orders', partition: 0, offset: 1 }]),
    ];
    for (const call of keepAlive) {
      broker.clock.advance(9_000);
      call();
      coordinator.tick();
    }
    expect(coordinator.describe('g').members).toHaveLength(1);
    expect(coordinator.describe('g').members[0]!.lastSeenAgoMs).toBe(0);
  });

  it("tells a member behind the group's generation to take the new assignment", async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const first = coordinator.join('g', { memberId: 'a', topics: ['orders'] });
    expect(coordinator.heartbeat('g', 'a', first.generationId)).toEqual({
      generationId: 1,
      assignment: first.assignment,
      rebalanceRequired: false,
    });
    coordinator.join('g', { memberId: 'b', topics: ['orders'] });
    const beat = coordinator.heartbeat('g', 'a', first.generationId);
    expect(beat.rebalanceRequired).toBe(true);
    expect(beat.generationId).toBe(2);
    expect(numbers(beat.assignment)).toEqual([0, 2, 4]);
    expect(coordinator.heartbeat('g', 'a', 2).rebalanceRequired).toBe(false);
    expectError(() => coordinator.heartbeat('g', 'a', 3), 'ILLEGAL_GENERATION');
    expectError(() => coordinator.heartbeat('g', 'nobody', 2), 'UNKNOWN_MEMBER_ID');
    expectError(() => coordinator.heartbeat('nogroup', 'a', 2), 'UNKNOWN_MEMBER_ID');
  });

  it("rebalances when a member changes its subscription; the group's topics are the union", async () => {
    const broker = new FakeBroker({ orders: 2, audit: 2 });
    const coordinator = await broker.open();
    coordinator.join('g', { memberId: 'a', topics: ['orders'] });
    coordinator.join('g', { memberId: 'b', topics: ['audit'] });
    expect(names(coordinator.assignmentOf('g', 'a'))).toEqual(['orders-0', 'orders-1']);
    expect(names(coordinator.assignmentOf('g', 'b'))).toEqual(['audit-0', 'audit-1']);
    const joined = coordinator.join('g', { memberId: 'b', topics: ['orders', 'audit'] });
    expect(broker.events.at(-1)?.reason).toBe('subscription-changed');
    expect(joined.generationId).toBe(3);
    expect(names(coordinator.assignmentOf('g', 'a'))).toEqual(['orders-0']);
    expect(names(joined.assignment)).toEqual(['audit-0', 'audit-1', 'orders-1']);
  });

  it('keeps one assignor per group', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    expect(coordinator.join('g', { memberId: 'a', topics: ['orders'], assignor: 'range' }).assignor).toBe('range');
    expect(coordinator.join('g', { memberId: 'b', topics: ['orders'] }).assignor).toBe('range');
    expectError(
      () => coordinator.join('g', { memberId: 'c', topics: ['orders'], assignor: 'sticky' }),
      'INCONSISTENT_GROUP_PROTOCOL',
    );
    expect(coordinator.describe('g').members).toHaveLength(2);
    coordinator.leave('g', 'b');
    // The only member may switch the group's assignor.
    expect(coordinator.join('g', { memberId: 'a', topics: ['orders'], assignor: 'sticky' }).assignor).toBe('sticky');
  });

  it('keeps partitions in place across rebalances with the sticky assignor', async () => {
    const broker = new FakeBroker({ orders: 6 });
    const coordinator = await broker.open();
    for (const id of ['a', 'b', 'c']) coordinator.join('g', { memberId: id, topics: ['orders'], assignor: 'sticky' });
    const before = { a: coordinator.assignmentOf('g', 'a'), c: coordinator.assignmentOf('g', 'c') };
    coordinator.leave('g', 'b');
    expect(coordinator.assignmentOf('g', 'a')).toEqual(expect.arrayContaining(before.a));
    expect(coordinator.assignmentOf('g', 'c')).toEqual(expect.arrayContaining(before.c));
  });

  it('rebalances the groups of a topic whose partition count changed', async () => {
    const broker = new FakeBroker({ orders: 2, audit: 1 });
    const coordinator = await broker.open();
    coordinator.join('g', { memberId: 'a', topics: ['orders'] });
    coordinator.join('g', { memberId: 'b', topics: ['orders'] });
    coordinator.join('other', { memberId: 'x', topics: ['audit'] });
    broker.topics.set('orders', 4);
    coordinator.partitionsChanged('orders');
    expect(broker.events.at(-1)).toMatchObject({ groupId: 'g', reason: 'partitions-changed', generationId: 3 });
    expect(numbers(coordinator.assignmentOf('g', 'a'))).toEqual([0, 2]);
    expect(numbers(coordinator.assignmentOf('g', 'b'))).toEqual([1, 3]);
    const count = broker.events.length;
    coordinator.partitionsChanged('orders'); // nothing changed since
    expect(broker.events).toHaveLength(count);
  });

  it('notices partition changes on tick, and topics created after members subscribed', async () => {
    const broker = new FakeBroker({});
    const coordinator = await broker.open();
    expect(coordinator.join('g', { memberId: 'a', topics: ['later'] }).assignment).toEqual([]);
    coordinator.tick();
    expect(broker.events).toHaveLength(1);
    broker.topics.set('later', 3);
    coordinator.tick();
    expect(broker.events.at(-1)?.reason).toBe('partitions-changed');
    expect(numbers(coordinator.assignmentOf('g', 'a'))).toEqual([0, 1, 2]);
  });

  it('survives a broker callback or a listener that throws', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open({
      partitionCount: () => {
        throw new Error('boom');
      },
      onRebalance: () => {
        throw new Error('listener');
      },
    });
    expect(coordinator.join('g', { memberId: 'a', topics: ['orders'] })).toMatchObject({
      generationId: 1,
      assignment: [],
    });
  });

  it('validates what members send', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open({ minSessionTimeoutMs: 1_000, maxSessionTimeoutMs: 60_000 });
    const topics = ['orders'];
    expectError(() => coordinator.join('', { topics }), 'INVALID_GROUP_ID');
    expectError(() => coordinator.join('x'.repeat(256), { topics }), 'INVALID_GROUP_ID');
    expectError(() => coordinator.join('bad\nline', { topics }), 'INVALID_GROUP_ID');
    expect(coordinator.join('x'.repeat(255), { topics }).generationId).toBe(1);
    expectError(() => coordinator.join('g', { memberId: '', topics }), 'INVALID_REQUEST');
    expectError(() => coordinator.join('g', { memberId: 'm'.repeat(256), topics }), 'INVALID_REQUEST');
    expectError(() => coordinator.join('g', { topics: [] }), 'INVALID_REQUEST');
    expectError(() => coordinator.join('g', { topics: ['../etc'] }), 'INVALID_TOPIC_EXCEPTION');
    expectError(() => coordinator.join('g', { topics, sessionTimeoutMs: 999 }), 'INVALID_SESSION_TIMEOUT');
    expectError(() => coordinator.join('g', { topics, sessionTimeoutMs: 60_001 }), 'INVALID_SESSION_TIMEOUT');
    expectError(() => coordinator.join('g', { topics, sessionTimeoutMs: 1.5 }), 'INVALID_SESSION_TIMEOUT');
    expectError(() => coordinator.join('g', { topics, assignor: 'cooperative' as never }), 'INVALID_REQUEST');
    expectError(() => coordinator.join('g', { topics, clientId: 'c'.repeat(300) }), 'INVALID_REQUEST');
    expectError(() => coordinator.heartbeat('g', 'm', Number.NaN), 'INVALID_REQUEST');
    expect(coordinator.listGroups().map((g) => g.groupId)).toEqual(['x'.repeat(255)]);
  });

  it('refuses session timeout settings that contradict each other', async () => {
    const broker = new FakeBroker();
    await expect(broker.open({ defaultSessionTimeoutMs: 500 })).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
    await expect(broker.open({ minSessionTimeoutMs: 5_000, maxSessionTimeoutMs: 4_000 })).rejects.toMatchObject({
      type: 'INVALID_CONFIG',
    });
  });

  it('tells the subscription of a member without touching it', async () => {
    const broker = new FakeBroker({ orders: 1, audit: 1 });
    const coordinator = await broker.open();
    coordinator.join('g', { memberId: 'a', topics: ['orders', 'audit'] });
    expect(coordinator.memberTopics('g', 'a')).toEqual(['audit', 'orders']);
    expect(coordinator.memberTopics('g', 'b')).toBeUndefined();
    expect(coordinator.memberTopics('other', 'a')).toBeUndefined();
    broker.clock.advance(6_000);
    coordinator.memberTopics('g', 'a');
    broker.clock.advance(4_001);
    expect(coordinator.memberTopics('g', 'a')).toBeUndefined();
  });

  it('checks a seek: a member of the group, owning the partition, within the log (start to end)', async () => {
    const broker = new FakeBroker({ orders: 2 });
    broker.setBounds('orders', 0, 10, 50);
    const coordinator = await broker.open();
    coordinator.join('g', { memberId: 'a', topics: ['orders'] });
    coordinator.join('g', { memberId: 'b', topics: ['orders'] }); // a owns orders-0, b orders-1
    for (const offset of [10, 30, 50])
      expect(coordinator.checkSeek('g', 'a', { topic: 'orders', partition: 0, offset })).toEqual({
        topic: 'orders',
        partition: 0,
        offset,
      });
    const below = expectError(
      () => coordinator.checkSeek('g', 'a', { topic: 'orders', partition: 0, offset: 9 }),
      'OFFSET_OUT_OF_RANGE',
    );
    expect(below.message).toBe('Offset 9 is out of range for orders-0: valid offsets are 10 to 50');
    expectError(
      () => coordinator.checkSeek('g', 'a', { topic: 'orders', partition: 0, offset: 51 }),
      'OFFSET_OUT_OF_RANGE',
    );
    expectError(
      () => coordinator.checkSeek('g', 'a', { topic: 'orders', partition: 1, offset: 0 }),
      'UNKNOWN_TOPIC_OR_PARTITION',
    );
    expectError(
      () => coordinator.checkSeek('g', 'c', { topic: 'orders', partition: 0, offset: 10 }),
      'UNKNOWN_MEMBER_ID',
    );
    expectError(
      () => coordinator.checkSeek('g', 'a', { topic: 'orders', partition: 0, offset: -1 }),
      'INVALID_REQUEST',
    );
  });

  it('counts a seek as a heartbeat', async () => {
    const broker = new FakeBroker({ orders: 1 });
    const coordinator = await broker.open();
    coordinator.join('g', { memberId: 'a', topics: ['orders'], sessionTimeoutMs: 10_000 });
    broker.clock.advance(8_000);
    coordinator.checkSeek('g', 'a', { topic: 'orders', partition: 0, offset: 0 });
    broker.clock.advance(8_000);
    expect(coordinator.memberTopics('g', 'a')).toEqual(['orders']);
  });

  it('hands out copies of assignments', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const joined = coordinator.join('g', { memberId: 'a', topics: ['orders'] });
    joined.assignment.pop();
    coordinator.assignmentOf('g', 'a')[0]!.partition = 99;
    expect(numbers(coordinator.assignmentOf('g', 'a'))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
