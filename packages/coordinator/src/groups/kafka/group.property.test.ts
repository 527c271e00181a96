/**
 * Kafka groups under any sequence of joins, syncs, heartbeats, leaves, commits and time:
 * generations only move forward; each generation has at most one leader, and only the
 * leader's JoinGroup lists members, and while the generation lasts the leader is one of
 * them; held requests match the state (a Stable or Empty
 * group holds nothing, CompletingRebalance holds no JoinGroup, PreparingRebalance no
 * SyncGroup); a Stable group's members all joined its generation and its leader synced
 * it; every held request is answered within the deadlines; close answers what is left.
 *
 * Clients mostly behave like real ones (`act`: join, rejoin on 27/22, sync, heartbeat),
 * mixed with arbitrary requests, leaves and jumps in time.
 */

import type { JoinGroupMember } from '@mini-kafka/kafka-protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupCoordinator } from '../../group-coordinator.js';
import { FakeBroker } from '../../testing/fake-broker.js';
import {
  commitOffsets,
  encodeTestAssignment,
  flush,
  heartbeat,
  joinGroup,
  leaveGroup,
  syncGroup,
  type Tracked,
  track,
} from '../../testing/kafka-test-client.js';

const CLIENTS = 4;
const sessionTimeoutMs = (i: number) => 10_000 + 2_000 * i;
const rebalanceTimeoutMs = (i: number) => 15_000 + 5_000 * i;
const client = fc.integer({ min: 0, max: CLIENTS - 1 });
const operation = fc.oneof(
  { weight: 16, arbitrary: fc.record({ kind: fc.constant('act' as const), client }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 1_500 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('join' as const), client, changed: fc.boolean(), v4: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('commit' as const), client }) },
);

interface Client {
  memberId: string;
  generationId: number;
  leader: string;
  members: JoinGroupMember[];
  metadata: number;
  busy: boolean;
  mustJoin: boolean;
  synced: number;
}

interface Held {
  kind: 'join' | 'sync';
  tracked: Tracked<unknown>;
}

class World {
  readonly clients: Client[] = Array.from({ length: CLIENTS }, () => ({
    memberId: '',
    generationId: -1,
    leader: '',
    members: [],
    metadata: 0,
    busy: false,
    mustJoin: true,
    synced: -1,
  }));
  readonly held: Held[] = [];
  readonly leaders = new Map<number, Set<string>>();
  /** member id -> generations whose JoinGroup it got back. */
  readonly joined = new Map<string, Set<number>>();
  readonly syncedLeaders = new Set<number>();
  readonly states = new Map<string, number>();

  constructor(readonly coordinator: GroupCoordinator) {}

  /** What a real consumer would do next. */
  act(i: number): void {
    const c = this.clients[i]!;
    if (c.busy) return;
    if (c.mustJoin) this.join(i, false, true);
    else if (c.synced !== c.generationId) this.sync(i);
    else this.heartbeat(i);
  }

  heartbeat(i: number): void {
    const c = this.clients[i]!;
    const { errorCode } = heartbeat(this.coordinator, 'g', c.memberId, c.generationId);
    if (errorCode === 27 || errorCode === 22) c.mustJoin = true;
    if (errorCode === 25) Object.assign(c, { memberId: '', mustJoin: true });
  }

  join(i: number, changed: boolean, v4: boolean): void {
    const c = this.clients[i]!;
    if (changed) c.metadata++;
    c.busy = true;
    const promise = joinGroup(this.coordinator, 'g', {
      memberId: c.memberId,
      apiVersion: v4 ? 4 : 3,
      sessionTimeoutMs: sessionTimeoutMs(i),
      rebalanceTimeoutMs: rebalanceTimeoutMs(i),
      protocols: [{ name: 'range', metadata: Buffer.from(`m${c.metadata}`) }],
    });
    this.hold(
      'join',
      promise.then((r) => {
        c.busy = false;
        if (r.errorCode === 79) c.memberId = r.memberId;
        if (r.errorCode === 25) c.memberId = '';
        if (r.errorCode !== 0) return r;
        Object.assign(c, {
          memberId: r.memberId,
          generationId: r.generationId,
          leader: r.leader,
          members: r.members,
          mustJoin: false,
        });
        const leaders = this.leaders.get(r.generationId ?? -1) ?? new Set();
        leaders.add(r.leader);
        this.leaders.set(r.generationId ?? -1, leaders);
        if (r.members.length > 0) expect(r.memberId).toBe(r.leader);
        const generations = this.joined.get(r.memberId) ?? new Set();
        generations.add(r.generationId ?? -1);
        this.joined.set(r.memberId, generations);
        return r;
      }),
    );
  }

  sync(i: number): void {
    const c = this.clients[i]!;
    const isLeader = c.leader === c.memberId;
    const assignments = isLeader
      ? c.members.map((m, index) => ({
          memberId: m.memberId,
          assignment: encodeTestAssignment([{ topic: 'orders', partition: index % 6 }]),
        }))
      : [];
    const generation = c.generationId;
    c.busy = true;
    const promise = syncGroup(this.coordinator, 'g', { memberId: c.memberId, generationId: generation, assignments });
    this.hold(
      'sync',
      promise.then((r) => {
        c.busy = false;
        if (r.errorCode === 0) c.synced = generation;
        else c.mustJoin = true;
        if (r.errorCode === 0 && isLeader) this.syncedLeaders.add(generation);
        return r;
      }),
    );
  }

  private hold(kind: Held['kind'], promise: Promise<unknown>): void {
    this.held.push({ kind, tracked: track(promise) });
  }

  unanswered(): Held[] {
    return this.held.filter((h) => !h.tracked.settled);
  }
}

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

async function step(world: World, broker: FakeBroker, op: Operation): Promise<void> {
  const c = op.kind === 'advance' ? undefined : world.clients[op.client]!;
  switch (op.kind) {
    case 'act':
      world.act(op.client);
      break;
    case 'join':
      world.join(op.client, op.changed, op.v4);
      break;
    case 'sync':
      world.sync(op.client);
      break;
    case 'heartbeat':
      world.heartbeat(op.client);
      break;
    case 'leave':
      leaveGroup(world.coordinator, 'g', c!.memberId);
      break;
    case 'commit':
      await commitOffsets(world.coordinator, 'g', { memberId: c!.memberId, generationId: c!.generationId }, [
        { topic: 'orders', partition: 0, offset: 1 },
      ]);
      break;
    case 'advance':
      broker.scheduler.advance(op.ms);
      break;
  }
  await flush();
}

function checkInvariants(world: World, lastGeneration: number): number {
  const description = world.coordinator.describe('g');
  world.states.set(description.state, (world.states.get(description.state) ?? 0) + 1);
  expect(description.generationId).toBeGreaterThanOrEqual(lastGeneration);
  for (const leaders of world.leaders.values()) expect(leaders.size).toBe(1);
  const waiting = world.unanswered();
  if (description.state === 'CompletingRebalance' || description.state === 'Stable') {
    // The generation's leader (as its members were told) is one of them.
    const [leader] = world.leaders.get(description.generationId) ?? [];
    if (leader !== undefined) expect(description.members.map((m) => m.memberId)).toContain(leader);
  }
  switch (description.state) {
    case 'Empty':
      expect(description.members).toEqual([]);
      expect(waiting).toEqual([]);
      break;
    case 'Stable':
      expect(waiting).toEqual([]);
      expect(description.members.length).toBeGreaterThan(0);
      for (const member of description.members)
        expect(world.joined.get(member.memberId)?.has(description.generationId)).toBe(true);
      expect(world.syncedLeaders.has(description.generationId)).toBe(true);
      break;
    case 'CompletingRebalance':
      expect(waiting.filter((h) => h.kind === 'join')).toEqual([]);
      expect(description.members.length).toBeGreaterThan(0);
      break;
    case 'PreparingRebalance':
      expect(waiting.filter((h) => h.kind === 'sync')).toEqual([]);
      break;
  }
  return description.generationId;
}

describe('Kafka groups under random events', () => {
  it('keep their invariants, answer every held request in time, and answer the rest on close', async () => {
    const states = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 120, size: 'max' }), async (operations) => {
        const broker = new FakeBroker();
        const coordinator = await broker.open();
        await coordinator.resetOffsets('g', [{ topic: 'orders', partition: 5, offset: 0 }]); // the group is never forgotten
        const world = new World(coordinator);
        let generation = 0;
        for (const op of operations) {
          await step(world, broker, op);
          generation = checkInvariants(world, generation);
        }
        for (const [state, count] of world.states) states.set(state, (states.get(state) ?? 0) + count);
        // Nobody acts any more: every held request is answered within the deadlines.
        broker.scheduler.advance(2 * (rebalanceTimeoutMs(CLIENTS) + sessionTimeoutMs(CLIENTS)));
        await flush();
        expect(world.unanswered()).toEqual([]);
        checkInvariants(world, generation);
        // Requests held at close are answered with COORDINATOR_NOT_AVAILABLE.
        world.join(0, false, false);
        world.join(1, false, false);
        await coordinator.close();
        await flush();
        expect(world.unanswered()).toEqual([]);
        expect(broker.scheduler.pending).toBe(0);
      }),
      { numRuns: 300 },
    );
    // The runs must have reached every state, or the checks above prove little.
    for (const state of ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable'])
      expect(states.get(state) ?? 0).toBeGreaterThan(50);
  });
});
