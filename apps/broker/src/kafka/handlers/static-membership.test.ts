/**
 * Static membership (group.instance.id) through the handlers at the newest versions served
 * (JoinGroup v9, SyncGroup v5, Heartbeat v4, OffsetCommit v8, LeaveGroup v5: all flexible):
 * a restarted instance takes over without a rebalance and the old member id is fenced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type GroupHandlerWorld, groupHandlerWorld, serve } from '../testing/group-world.js';
import { heartbeatHandler } from './heartbeat.js';
import { joinGroupHandler } from './join-group.js';
import { leaveGroupHandler } from './leave-group.js';
import { offsetCommitHandler } from './offset-commit.js';
import { syncGroupHandler } from './sync-group.js';

let world: GroupHandlerWorld;
afterEach(() => world.close());

const join = (groupInstanceId: string, version = 9) =>
  serve(world.ctx, joinGroupHandler, version, {
    groupId: 'g',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    memberId: '',
    groupInstanceId,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: Buffer.from('orders') }],
  });

describe('static membership through the handlers', () => {
  it('hands a restarted instance its assignment without a rebalance, and fences the old member id', async () => {
    world = await groupHandlerWorld({ orders: 2 });
    const first = await join('pod-1');
    expect(first).toMatchObject({ errorCode: 0, generationId: 1, protocolType: 'consumer', skipAssignment: false });
    const sync = (memberId: string, generationId: number) =>
      serve(world.ctx, syncGroupHandler, 5, {
        groupId: 'g',
        generationId,
        memberId,
        groupInstanceId: 'pod-1',
        protocolType: 'consumer',
        protocolName: 'range',
        assignments: memberId === first.memberId ? [{ memberId, assignment: Buffer.from('both partitions') }] : [],
      });
    expect(await sync(first.memberId, 1)).toMatchObject({
      errorCode: 0,
      protocolType: 'consumer',
      protocolName: 'range',
      assignment: Buffer.from('both partitions'),
    });

    // The process restarts: same instance id, no member id. No new generation; it leads, without assigning.
    const again = await join('pod-1');
    expect(again).toMatchObject({ errorCode: 0, generationId: 1, leader: again.memberId, skipAssignment: true });
    expect((await sync(again.memberId, 1)).assignment).toEqual(Buffer.from('both partitions'));

    const beat = (memberId: string) =>
      serve(world.ctx, heartbeatHandler, 4, { groupId: 'g', generationId: 1, memberId, groupInstanceId: 'pod-1' });
    expect((await beat(first.memberId)).errorCode).toBe(82);
    expect((await beat(again.memberId)).errorCode).toBe(0);
    const commit = (memberId: string) =>
      serve(world.ctx, offsetCommitHandler, 8, {
        groupId: 'g',
        generationId: 1,
        memberId,
        groupInstanceId: 'pod-1',
        topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 0, committedMetadata: null }] }],
      });
    expect((await commit(first.memberId)).topics?.[0]?.partitions?.[0]?.errorCode).toBe(82);
    expect((await commit(again.memberId)).topics?.[0]?.partitions?.[0]?.errorCode).toBe(0);
    expect((await sync(first.memberId, 1)).errorCode).toBe(82);

    // LeaveGroup v5: the stale id is fenced; the instance id alone removes the member.
    const leave = await serve(world.ctx, leaveGroupHandler, 5, {
      groupId: 'g',
      members: [
        { memberId: first.memberId, groupInstanceId: 'pod-1', reason: 'old process' },
        { memberId: '', groupInstanceId: 'pod-1', reason: 'scale down' },
      ],
    });
    expect(leave).toMatchObject({
      errorCode: 0,
      members: [
        { memberId: first.memberId, groupInstanceId: 'pod-1', errorCode: 82 },
        { memberId: '', groupInstanceId: 'pod-1', errorCode: 0 },
      ],
    });
    expect(world.coordinator.describe('g')).toMatchObject({ state: 'Empty', members: [] });
  });

  it('answers LeaveGroup v0-2 with the one member code', async () => {
    world = await groupHandlerWorld({ orders: 2 });
    const joined = await join('pod-1', 5);
    expect((await serve(world.ctx, leaveGroupHandler, 2, { groupId: 'g', memberId: 'nobody' })).errorCode).toBe(25);
    expect((await serve(world.ctx, leaveGroupHandler, 0, { groupId: 'g', memberId: joined.memberId })).errorCode).toBe(
      0,
    );
  });
});
