import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LogOffsetStore } from './offsets/log-offset-store.js';
import { expectError, expectRejection } from './testing/expect-error.js';
import { FakeBroker } from './testing/fake-broker.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

/** Two members sharing orders (6 partitions): a owns 0,2,4 and b owns 1,3,5, at generation 2. */
async function twoMembers(broker = new FakeBroker()) {
  const coordinator = await broker.open();
  coordinator.join('g', { memberId: 'a', topics: ['orders'] });
  coordinator.join('g', { memberId: 'b', topics: ['orders'] });
  return { broker, coordinator };
}

describe('GroupCoordinator offsets', () => {
  it('commits offsets of owned partitions, with metadata and the commit time', async () => {
    const { broker, coordinator } = await twoMembers();
    const committed = await coordinator.commit('g', { memberId: 'a', generationId: 2 }, [
      { topic: 'orders', partition: 0, offset: 10, metadata: 'checkpoint' },
      { topic: 'orders', partition: 2, offset: 0 },
    ]);
    const expected = [
      { topic: 'orders', partition: 0, offset: 10, metadata: 'checkpoint', commitTimestamp: broker.clock.now() },
      { topic: 'orders', partition: 2, offset: 0, metadata: '', commitTimestamp: broker.clock.now() },
    ];
    expect(committed).toEqual(expected);
    expect(coordinator.committed('g')).toEqual(expected);
    expect(coordinator.committed('g', 'audit')).toEqual([]);
    expect(coordinator.committed('unknown-group')).toEqual([]);
  });

  it('rejects a commit from a stale generation and changes nothing', async () => {
    const { coordinator } = await twoMembers();
    await coordinator.commit('g', { memberId: 'a', generationId: 2 }, [{ topic: 'orders', partition: 0, offset: 5 }]);
    coordinator.join('g', { memberId: 'c', topics: ['orders'] }); // generation 3
    const error = await expectRejection(
      coordinator.commit('g', { memberId: 'a', generationId: 2 }, [{ topic: 'orders', partition: 0, offset: 6 }]),
      'ILLEGAL_GENERATION',
    );
    expect(error.details).toMatchObject({ group: 'g', member: 'a', generation: 2, current: 3 });
    expect(coordinator.committed('g').map((e) => e.offset)).toEqual([5]);
  });

  it('rejects a commit from an unknown member', async () => {
    const { coordinator } = await twoMembers();
    await expectRejection(coordinator.commit('g', { memberId: 'zed' }, []), 'UNKNOWN_MEMBER_ID');
    await expectRejection(coordinator.commit('nope', { memberId: 'a' }, []), 'UNKNOWN_MEMBER_ID');
  });

  it('rejects a commit naming a partition the member does not own: all or nothing', async () => {
    const { coordinator } = await twoMembers();
    const error = await expectRejection(
      coordinator.commit('g', { memberId: 'a', generationId: 2 }, [
        { topic: 'orders', partition: 0, offset: 1 },
        { topic: 'orders', partition: 1, offset: 1 }, // b's
      ]),
      'ILLEGAL_GENERATION',
    );
    expect(error.details).toMatchObject({ topic: 'orders', partition: 1, member: 'a' });
    // Without a generation (the tutorial's routes), ownership is still checked.
    await expectRejection(
      coordinator.commit('g', { memberId: 'a' }, [{ topic: 'orders', partition: 3, offset: 1 }]),
      'ILLEGAL_GENERATION',
    );
    expect(coordinator.committed('g')).toEqual([]);
    await coordinator.commit('g', { memberId: 'a' }, [{ topic: 'orders', partition: 4, offset: 1 }]);
    expect(coordinator.committed('g').map((e) => e.partition)).toEqual([4]);
  });

  it('validates every offset before writing any', async () => {
    const { coordinator } = await twoMembers();
    const member = { memberId: 'a', generationId: 2 };
    const good = { topic: 'orders', partition: 0, offset: 1 };
    const cases: Array<[unknown, string]> = [
      [{ topic: 'orders', partition: 2, offset: -1 }, 'INVALID_REQUEST'],
      [{ topic: 'orders', partition: 2, offset: 1.5 }, 'INVALID_REQUEST'],
      [{ topic: 'orders', partition: 2, offset: 2 ** 53 }, 'INVALID_REQUEST'],
      [{ topic: 'orders', partition: 6, offset: 1 }, 'UNKNOWN_TOPIC_OR_PARTITION'],
      [{ topic: 'orders', partition: -1, offset: 1 }, 'UNKNOWN_TOPIC_OR_PARTITION'],
      [{ topic: 'missing', partition: 0, offset: 1 }, 'UNKNOWN_TOPIC_OR_PARTITION'],
      [{ topic: 'orders', partition: 2, offset: 1, metadata: 'x'.repeat(4097) }, 'INVALID_COMMIT_OFFSET_SIZE'],
      [{ topic: 'orders', partition: 0, offset: 2 }, 'INVALID_REQUEST'], // the same partition twice
      [null, 'INVALID_REQUEST'],
    ];
    for (const [bad, type] of cases) {
      await expectRejection(coordinator.commit('g', member, [good, bad as typeof good]), type as 'INVALID_REQUEST');
    }
    await expectRejection(coordinator.commit('g', member, 'nope' as never), 'INVALID_REQUEST');
    expect(coordinator.committed('g')).toEqual([]);
    await coordinator.commit('g', member, [{ ...good, metadata: 'x'.repeat(4096) }]);
    expect(coordinator.committed('g')).toHaveLength(1);
  });

  it('never echoes payload-sized input in error messages', async () => {
    const { coordinator } = await twoMembers();
    const secret = 'SECRET'.repeat(1000);
    const error = await expectRejection(
      coordinator.commit('g', { memberId: 'a' }, [{ topic: 'orders', partition: 0, offset: 1, metadata: secret }]),
      'INVALID_COMMIT_OFFSET_SIZE',
    );
    expect(error.message).not.toContain('SECRET');
    expect(
      expectError(() => coordinator.join(secret, { topics: ['orders'] }), 'INVALID_GROUP_ID').message,
    ).not.toContain('SECRET');
  });

  it("accepts a commit naming no member only while the group has no members (Kafka's standalone commit)", async () => {
    const { broker, coordinator } = await twoMembers();
    await expectRejection(
      coordinator.commit('g', {}, [{ topic: 'orders', partition: 0, offset: 1 }]),
      'UNKNOWN_MEMBER_ID',
    );
    await coordinator.commit('standalone', {}, [{ topic: 'orders', partition: 3, offset: 8 }]);
    await coordinator.commit('standalone', { generationId: -1 }, [{ topic: 'orders', partition: 4, offset: 9 }]);
    await expectRejection(coordinator.commit('standalone', { generationId: 2 }, []), 'INVALID_REQUEST');
    expect(coordinator.committed('standalone').map((e) => e.offset)).toEqual([8, 9]);
    broker.clock.advance(10_001); // a and b expire
    await coordinator.commit('g', {}, [{ topic: 'orders', partition: 0, offset: 1 }]);
    expect(coordinator.committed('g')).toHaveLength(1);
  });

  it('resets offsets without fencing, even for a group with no members', async () => {
    const { coordinator } = await twoMembers();
    await coordinator.resetOffsets('g', [{ topic: 'orders', partition: 1, offset: 42 }]);
    await coordinator.resetOffsets('fresh', [{ topic: 'orders', partition: 0, offset: 7 }]);
    expect(coordinator.committed('g').map((e) => [e.partition, e.offset])).toEqual([[1, 42]]);
    expect(coordinator.describe('fresh')).toMatchObject({ state: 'Empty', members: [], generationId: 0 });
    await expectRejection(
      coordinator.resetOffsets('g', [{ topic: 'orders', partition: 9, offset: 0 }]),
      'UNKNOWN_TOPIC_OR_PARTITION',
    );
  });

  it('reports lag: log end minus committed, or the whole log without a commit', async () => {
    const { broker, coordinator } = await twoMembers();
    broker.setBounds('orders', 0, 0, 100);
    broker.setBounds('orders', 1, 40, 90);
    broker.setBounds('orders', 2, 0, 5);
    await coordinator.commit('g', { memberId: 'a' }, [
      { topic: 'orders', partition: 0, offset: 75 },
      { topic: 'orders', partition: 2, offset: 5 },
    ]);
    const lag = coordinator.lag('g');
    expect(lag.slice(0, 3)).toEqual([
      { topic: 'orders', partition: 0, committed: 75, logStartOffset: 0, logEndOffset: 100, lag: 25 },
      { topic: 'orders', partition: 1, committed: null, logStartOffset: 40, logEndOffset: 90, lag: 50 },
      { topic: 'orders', partition: 2, committed: 5, logStartOffset: 0, logEndOffset: 5, lag: 0 },
    ]);
    expect(lag).toHaveLength(6);
    expect(coordinator.describe('g').offsets).toEqual(lag);
  });

  it('describes a group: members in join order, assignments, session, offsets', async () => {
    const { broker, coordinator } = await twoMembers();
    broker.clock.advance(1_500);
    coordinator.heartbeat('g', 'b', 2);
    const description = coordinator.describe('g');
    expect(description).toMatchObject({ groupId: 'g', state: 'Stable', generationId: 2, assignor: 'roundrobin' });
    expect(description.members).toEqual([
      {
        memberId: 'a',
        clientId: '',
        topics: ['orders'],
        assignment: [0, 2, 4].map((partition) => ({ topic: 'orders', partition })),
        sessionTimeoutMs: 10_000,
        lastSeenAgoMs: 1_500,
      },
      {
        memberId: 'b',
        clientId: '',
        topics: ['orders'],
        assignment: [1, 3, 5].map((partition) => ({ topic: 'orders', partition })),
        sessionTimeoutMs: 10_000,
        lastSeenAgoMs: 0,
      },
    ]);
    expectError(() => coordinator.describe('never'), 'GROUP_ID_NOT_FOUND');
  });

  it('lists groups with members or committed offsets, and forgets groups with neither', async () => {
    const { coordinator } = await twoMembers();
    coordinator.join('solo', { memberId: 's', topics: ['orders'] });
    await coordinator.resetOffsets('offsets-only', [{ topic: 'orders', partition: 0, offset: 1 }]);
    expect(coordinator.listGroups()).toEqual([
      { groupId: 'g', state: 'Stable', members: 2 },
      { groupId: 'offsets-only', state: 'Empty', members: 0 },
      { groupId: 'solo', state: 'Stable', members: 1 },
    ]);
    coordinator.leave('solo', 's');
    expect(coordinator.listGroups().map((g) => g.groupId)).toEqual(['g', 'offsets-only']);
    expectError(() => coordinator.describe('solo'), 'GROUP_ID_NOT_FOUND');
  });

  it("deletes an empty group's offsets, refusing while it has members", async () => {
    const { broker, coordinator } = await twoMembers();
    await coordinator.commit('g', { memberId: 'a' }, [{ topic: 'orders', partition: 0, offset: 3 }]);
    await expectRejection(coordinator.deleteGroup('g'), 'NON_EMPTY_GROUP');
    coordinator.leave('g', 'a');
    broker.clock.advance(10_001); // b times out
    expect(coordinator.describe('g')).toMatchObject({ state: 'Empty', members: [] });
    await coordinator.deleteGroup('g');
    expect(coordinator.committed('g')).toEqual([]);
    expect(coordinator.listGroups()).toEqual([]);
    await expectRejection(coordinator.deleteGroup('g'), 'GROUP_ID_NOT_FOUND');
  });

  it('drops a deleted topic from assignments and committed offsets', async () => {
    const broker = new FakeBroker({ orders: 2, audit: 2 });
    const coordinator = await broker.open();
    coordinator.join('g', { memberId: 'a', topics: ['orders', 'audit'] });
    await coordinator.commit('g', { memberId: 'a' }, [
      { topic: 'orders', partition: 0, offset: 1 },
      { topic: 'audit', partition: 1, offset: 2 },
    ]);
    await coordinator.resetOffsets('idle', [{ topic: 'audit', partition: 0, offset: 9 }]);
    broker.topics.delete('audit');
    await coordinator.topicDeleted('audit');
    expect(broker.events.at(-1)).toMatchObject({ reason: 'partitions-changed', generationId: 2 });
    expect(coordinator.assignmentOf('g', 'a').map((tp) => tp.topic)).toEqual(['orders', 'orders']);
    expect(coordinator.committed('g').map((e) => e.topic)).toEqual(['orders']);
    expect(coordinator.listGroups().map((g) => g.groupId)).toEqual(['g']);
  });

  it('keeps committed offsets across a restart with a LogOffsetStore', async () => {
    const dataDir = await dirs.make();
    const broker = new FakeBroker();
    broker.setBounds('orders', 0, 0, 50);
    const first = await broker.open({ offsetStore: await LogOffsetStore.open({ dataDir, clock: broker.clock }) });
    first.join('g', { memberId: 'a', topics: ['orders'] });
    await first.commit('g', { memberId: 'a', generationId: 1 }, [
      { topic: 'orders', partition: 0, offset: 20, metadata: 'm' },
    ]);
    await first.resetOffsets('g', [{ topic: 'orders', partition: 1, offset: 4 }]);
    await first.close();
    await expectRejection(first.commit('g', { memberId: 'a' }, []), 'COORDINATOR_NOT_AVAILABLE');

    const second = await broker.open({ offsetStore: await LogOffsetStore.open({ dataDir, clock: broker.clock }) });
    expect(second.committed('g').map((e) => [e.partition, e.offset, e.metadata])).toEqual([
      [0, 20, 'm'],
      [1, 4, ''],
    ]);
    expect(second.describe('g')).toMatchObject({ state: 'Empty', members: [] });
    expect(second.lag('g', 'orders')[0]).toMatchObject({ partition: 0, committed: 20, lag: 30 });
    // Members do not survive a restart: they join again.
    await expectRejection(second.commit('g', { memberId: 'a' }, []), 'UNKNOWN_MEMBER_ID');
    await second.close();
  });

  it('keeps every acknowledged commit when the broker dies without closing', async () => {
    const dataDir = await dirs.make();
    const broker = new FakeBroker();
    const first = await broker.open({ offsetStore: await LogOffsetStore.open({ dataDir }) });
    first.join('g', { memberId: 'a', topics: ['orders'] });
    const commits = [];
    for (let i = 1; i <= 30; i++)
      commits.push(first.commit('g', { memberId: 'a' }, [{ topic: 'orders', partition: i % 6, offset: i }]));
    await Promise.all(commits);

    const second = await broker.open({ offsetStore: await LogOffsetStore.open({ dataDir }) });
    expect(second.committed('g').map((e) => e.offset)).toEqual([30, 25, 26, 27, 28, 29]);
    await second.close();
    await first.close();
  });

  it('starts over a damaged offsets log with what is intact, and exposes what the store could not read', async () => {
    const dataDir = await dirs.make();
    const broker = new FakeBroker();
    broker.setBounds('orders', 0, 0, 50);
    const first = await broker.open({ offsetStore: await LogOffsetStore.open({ dataDir, clock: broker.clock }) });
    await first.resetOffsets('g', [{ topic: 'orders', partition: 0, offset: 10 }]);
    await first.resetOffsets('g', [{ topic: 'orders', partition: 0, offset: 20 }]);
    await first.close();
    expect(first.offsetStoreReport?.damaged).toEqual([]);
    const segment = join(dataDir, '~coordinator', 'offsets', '00000000000000000000.log');
    const bytes = await readFile(segment);
    await writeFile(segment, bytes.subarray(0, bytes.length - 10)); // the second commit torn

    const store = await LogOffsetStore.open({ dataDir, clock: broker.clock });
    const second = await broker.open({ offsetStore: store });
    expect(second.committed('g').map((e) => e.offset)).toEqual([10]);
    expect(second.offsetStoreReport).toBe(store.openReport);
    expect(second.offsetStoreReport?.damaged).toMatchObject([{ file: segment, reason: 'truncated' }]);
    await second.close();
    const inMemory = await broker.open();
    expect(inMemory.offsetStoreReport).toBeUndefined(); // a MemoryOffsetStore keeps nothing on disk
    await inMemory.close();
  });

  it('deletes a group durably (tombstones)', async () => {
    const dataDir = await dirs.make();
    const broker = new FakeBroker();
    const first = await broker.open({ offsetStore: await LogOffsetStore.open({ dataDir }) });
    await first.resetOffsets('g', [{ topic: 'orders', partition: 0, offset: 1 }]);
    await first.resetOffsets('keep', [{ topic: 'orders', partition: 0, offset: 2 }]);
    await first.deleteGroup('g');
    await first.close();
    const second = await broker.open({ offsetStore: await LogOffsetStore.open({ dataDir }) });
    expect(second.listGroups().map((g) => g.groupId)).toEqual(['keep']);
    await second.close();
  });
});
