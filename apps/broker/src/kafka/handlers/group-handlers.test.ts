/**
 * JoinGroup, SyncGroup, Heartbeat and LeaveGroup handlers together: a consumer's round
 * trip through each handler, over the codec at the oldest and newest versions served.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type GroupHandlerWorld, groupHandlerWorld, serve } from '../testing/group-world.js';
import { heartbeatHandler } from './heartbeat.js';
import { joinGroupHandler } from './join-group.js';
import { leaveGroupHandler } from './leave-group.js';
import { syncGroupHandler } from './sync-group.js';

let world: GroupHandlerWorld;
afterEach(() => world.close());

const versions = [
  { join: 0, sync: 0, heartbeat: 0, leave: 0 },
  { join: 5, sync: 3, heartbeat: 3, leave: 1 },
];

describe('group membership handlers', () => {
  for (const v of versions) {
    it(`join, sync, heartbeat and leave (JoinGroup v${v.join}, SyncGroup v${v.sync}, Heartbeat v${v.heartbeat}, LeaveGroup v${v.leave})`, async () => {
      world = await groupHandlerWorld({ orders: 2 });
      const join = (memberId: string) =>
        serve(world.ctx, joinGroupHandler, v.join, {
          groupId: 'g',
          sessionTimeoutMs: 10_000,
          rebalanceTimeoutMs: 30_000,
          memberId,
          groupInstanceId: null,
          protocolType: 'consumer',
          protocols: [{ name: 'range', metadata: Buffer.from('orders') }],
        });
      let joined = await join('');
      if (joined.errorCode === 79) joined = await join(joined.memberId); // v4+: rejoin with the id given
      expect(joined).toMatchObject({ errorCode: 0, generationId: 1, protocolName: 'range' });
      const { memberId, generationId } = joined;

      const synced = await serve(world.ctx, syncGroupHandler, v.sync, {
        groupId: 'g',
        generationId,
        memberId,
        groupInstanceId: null,
        assignments: [{ memberId, assignment: Buffer.from('all of orders') }],
      });
      expect(synced).toMatchObject({ errorCode: 0, assignment: Buffer.from('all of orders') });
      expect(world.coordinator.describe('g').state).toBe('Stable');

      const beat = (generation: number) =>
        serve(world.ctx, heartbeatHandler, v.heartbeat, {
          groupId: 'g',
          generationId: generation,
          memberId,
          groupInstanceId: null,
        });
      expect((await beat(generationId)).errorCode).toBe(0);
      expect((await beat(generationId + 1)).errorCode).toBe(22);

      const leave = () => serve(world.ctx, leaveGroupHandler, v.leave, { groupId: 'g', memberId });
      expect((await leave()).errorCode).toBe(0);
      expect((await leave()).errorCode).toBe(25);
      expect((await beat(generationId)).errorCode).toBe(25);
    });
  }
});
