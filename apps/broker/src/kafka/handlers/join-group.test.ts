import type { JoinGroup, RequestInputOf } from '@mini-kafka/kafka-protocol';

type JoinGroupRequest = RequestInputOf<typeof JoinGroup>;

import { afterEach, describe, expect, it } from 'vitest';
import { type GroupHandlerWorld, groupHandlerWorld, serve } from '../testing/group-world.js';
import { joinGroupHandler } from './join-group.js';

let world: GroupHandlerWorld;
afterEach(() => world.close());

const request = (overrides: Partial<JoinGroupRequest> = {}): JoinGroupRequest => ({
  groupId: 'g',
  sessionTimeoutMs: 10_000,
  rebalanceTimeoutMs: 30_000,
  memberId: '',
  groupInstanceId: null,
  protocolType: 'consumer',
  protocols: [{ name: 'range', metadata: Buffer.from('subscription') }],
  ...overrides,
});

describe('JoinGroup handler', () => {
  it('asks new members of v4+ for a known member id (79), named after the header client id', async () => {
    world = await groupHandlerWorld();
    for (const version of [4, 5]) {
      const answer = await serve(world.ctx, joinGroupHandler, version, request(), { clientId: 'rdkafka' });
      expect(answer).toMatchObject({ errorCode: 79, generationId: -1, leader: '', members: [] });
      expect(answer.memberId).toMatch(/^rdkafka-[0-9a-f-]{36}$/);
    }
    expect(world.coordinator.describe('g').members).toEqual([]);
  });

  it('joins new members of v0–3 at once, the first one leading', async () => {
    world = await groupHandlerWorld();
    for (const [i, version] of [0, 1, 2, 3].entries()) {
      const answer = await serve(world.ctx, joinGroupHandler, version, request({ groupId: `g${i}` }), {
        clientId: 'kafkajs',
      });
      expect(answer).toMatchObject({ errorCode: 0, generationId: 1, protocolName: 'range' });
      expect(answer.leader).toBe(answer.memberId);
      expect(answer.members).toEqual([
        { memberId: answer.memberId, groupInstanceId: null, metadata: Buffer.from('subscription') },
      ]);
    }
  });

  it('takes the client host from the connection and a null client id as none', async () => {
    world = await groupHandlerWorld();
    const first = await serve(world.ctx, joinGroupHandler, 5, request(), { clientId: null, clientHost: '/10.1.2.3' });
    expect(first.memberId).toMatch(/^-[0-9a-f-]{36}$/);
    const joined = await serve(world.ctx, joinGroupHandler, 5, request({ memberId: first.memberId }), {
      clientId: null,
      clientHost: '/10.1.2.3',
    });
    expect(joined.errorCode).toBe(0);
    expect(world.coordinator.describe('g').members[0]).toMatchObject({ clientId: '', clientHost: '/10.1.2.3' });
  });

  it('answers errors a client can cause with codes: 24 for a bad group id, 26 for a bad session timeout', async () => {
    world = await groupHandlerWorld();
    expect((await serve(world.ctx, joinGroupHandler, 5, request({ groupId: '' }))).errorCode).toBe(24);
    expect((await serve(world.ctx, joinGroupHandler, 5, request({ sessionTimeoutMs: 10 }))).errorCode).toBe(26);
  });
});
