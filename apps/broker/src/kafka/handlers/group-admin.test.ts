/**
 * The group admin handlers (ListGroups, DescribeGroups, DeleteGroups, OffsetDelete) over
 * their codecs, on the same coordinator methods as the /v1 group routes.
 */
import { encodeSubscription } from '@mini-kafka/kafka-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_REQUESTED } from '../authorized-operations.js';
import { type GroupHandlerWorld, groupHandlerWorld, serve } from '../testing/group-world.js';
import { deleteGroupsHandler } from './delete-groups.js';
import { describeGroupsHandler } from './describe-groups.js';
import { joinGroupHandler } from './join-group.js';
import { listGroupsHandler } from './list-groups.js';
import { offsetDeleteHandler } from './offset-delete.js';
import { syncGroupHandler } from './sync-group.js';

let world: GroupHandlerWorld;
afterEach(() => world.close());

/** One Kafka consumer of `orders` in group `live` (Stable), an HTTP-free group `idle` with offsets only. */
async function twoGroups(): Promise<string> {
  world = await groupHandlerWorld({ orders: 2, audit: 1 }, { 'orders-0': 5, 'audit-0': 5 });
  const joined = await serve(world.ctx, joinGroupHandler, 3, {
    groupId: 'live',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    memberId: '',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [
      {
        name: 'range',
        metadata: encodeSubscription({ version: 0, topics: ['orders'], userData: null, ownedPartitions: [] }),
      },
    ],
  });
  await serve(world.ctx, syncGroupHandler, 3, {
    groupId: 'live',
    generationId: joined.generationId,
    memberId: joined.memberId,
    groupInstanceId: null,
    assignments: [{ memberId: joined.memberId, assignment: Buffer.from([1]) }],
  });
  await world.coordinator.resetOffsets('live', [
    { topic: 'orders', partition: 0, offset: 1 },
    { topic: 'audit', partition: 0, offset: 1 },
  ]);
  await world.coordinator.resetOffsets('idle', [{ topic: 'orders', partition: 1, offset: 0 }]);
  return joined.memberId;
}

describe('group admin handlers', () => {
  it('ListGroups lists every group, with states (v4+), types (v5) and both filters', async () => {
    await twoGroups();
    expect((await serve(world.ctx, listGroupsHandler, 0, {})).groups).toEqual([
      { groupId: 'idle', protocolType: '', groupState: '', groupType: '' },
      { groupId: 'live', protocolType: 'consumer', groupState: '', groupType: '' },
    ]);
    expect(
      (await serve(world.ctx, listGroupsHandler, 5, { statesFilter: ['STABLE'], typesFilter: ['classic'] })).groups,
    ).toEqual([{ groupId: 'live', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' }]);
    expect(
      (await serve(world.ctx, listGroupsHandler, 4, { statesFilter: ['Empty'] })).groups.map((g) => g.groupId),
    ).toEqual(['idle']);
  });

  it('DescribeGroups shows members with client ids, hosts and bytes; unknown groups are Dead', async () => {
    const memberId = await twoGroups();
    const { groups } = await serve(
      world.ctx,
      describeGroupsHandler,
      5,
      { groups: ['live', 'nobody'] },
      { clientId: 'c' },
    );
    expect(groups[0]).toMatchObject({
      errorCode: 0,
      groupState: 'Stable',
      protocolType: 'consumer',
      protocolData: 'range',
      members: [{ memberId, clientId: 'test', clientHost: '127.0.0.1', memberAssignment: Buffer.from([1]) }],
    });
    expect(groups[1]).toMatchObject({ errorCode: 0, groupId: 'nobody', groupState: 'Dead', members: [] });
    expect(groups[0]?.authorizedOperations).toBe(NOT_REQUESTED);
    const asked = await serve(world.ctx, describeGroupsHandler, 5, {
      groups: ['live'],
      includeAuthorizedOperations: true,
    });
    expect(asked.groups[0]?.authorizedOperations).toBe(0b1_0100_1000 /* every group operation */);
  });

  it('OffsetDelete keeps subscribed topics (86) and deletes the rest; DeleteGroups refuses groups with members', async () => {
    await twoGroups();
    const deleted = await serve(world.ctx, offsetDeleteHandler, 0, {
      groupId: 'live',
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0 }] },
        { name: 'audit', partitions: [{ partitionIndex: 0 }, { partitionIndex: 4 }] },
      ],
    });
    expect(deleted).toEqual({
      errorCode: 0,
      throttleTimeMs: 0,
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 86 }] },
        {
          name: 'audit',
          partitions: [
            { partitionIndex: 0, errorCode: 0 },
            { partitionIndex: 4, errorCode: 3 },
          ],
        },
      ],
    });
    expect(world.coordinator.committed('live').map((o) => o.topic)).toEqual(['orders']);
    const missing = await serve(world.ctx, offsetDeleteHandler, 0, { groupId: 'never', topics: [] });
    expect(missing).toMatchObject({ errorCode: 69, topics: [] });

    const { results } = await serve(world.ctx, deleteGroupsHandler, 2, { groupsNames: ['live', 'idle', 'never', ''] });
    expect(results).toEqual([
      { groupId: 'live', errorCode: 68 },
      { groupId: 'idle', errorCode: 0 },
      { groupId: 'never', errorCode: 69 },
      { groupId: '', errorCode: 24 },
    ]);
    expect(world.coordinator.committed('idle')).toEqual([]);
  });
});
