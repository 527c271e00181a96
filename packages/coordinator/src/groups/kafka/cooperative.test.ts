import type { TopicPartition } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import type { GroupCoordinator } from '../../group-coordinator.js';
import { FakeBroker, numbers } from '../../testing/fake-broker.js';
import {
  encodeTestAssignment,
  flush,
  KafkaTestClient,
  TEST_INITIAL_DELAY_MS,
} from '../../testing/kafka-test-client.js';

/**
 * Cooperative rebalancing (KIP-429, `cooperative-sticky`) is the clients' protocol: the
 * coordinator only runs ordinary rebalances. A member keeps consuming what it owns while it
 * rejoins (its metadata lists what it owns); the leader withholds partitions that change
 * owner in the first round; the members that gave some up rejoin at once, and the second
 * round hands them over. These tests play that protocol against the coordinator.
 */
const PROTOCOL = 'cooperative-sticky';

class CooperativeMember {
  owned: TopicPartition[] = [];
  readonly client: KafkaTestClient;

  constructor(coordinator: GroupCoordinator, name: string) {
    this.client = new KafkaTestClient(coordinator, 'g', {
      clientId: name,
      protocols: [{ name: PROTOCOL, metadata: encodeTestAssignment([]) }],
    });
  }

  /** JoinGroup whose metadata lists the partitions it owns (the cooperative subscription's owned partitions). */
  join() {
    return this.client.join({ protocols: [{ name: PROTOCOL, metadata: encodeTestAssignment(this.owned) }] });
  }

  /** The leader's assignment of a round: `plan` by member id; the members take what SyncGroup gives. */
  async sync(plan: Map<string, number[]>): Promise<number> {
    const result = await this.client.sync((memberId) =>
      (plan.get(memberId) ?? []).map((partition) => ({ topic: 'orders', partition })),
    ).promise;
    if (result.errorCode === 0) this.owned = this.client.partitions();
    return result.errorCode;
  }
}

/** The leader's cooperative assignment: targets; a partition owned by someone else is withheld this round. */
function cooperativePlan(
  members: CooperativeMember[],
  target: Map<CooperativeMember, number[]>,
): Map<string, number[]> {
  const ownerOf = new Map<number, CooperativeMember>();
  for (const m of members) for (const tp of m.owned) ownerOf.set(tp.partition, m);
  return new Map(
    members.map((m) => [
      m.client.memberId,
      (target.get(m) ?? []).filter((p) => ownerOf.get(p) === undefined || ownerOf.get(p) === m),
    ]),
  );
}

function assertNoDoubleOwnership(members: CooperativeMember[]): void {
  const owned = members.flatMap((m) => numbers(m.owned));
  expect(new Set(owned).size).toBe(owned.length);
}

async function settle(broker: FakeBroker, pending: { settled: boolean }[]): Promise<void> {
  for (let waited = 0; pending.some((p) => !p.settled) && waited <= 60_000; waited += 1_000) {
    broker.scheduler.advance(1_000);
    await flush();
  }
}

describe('Kafka groups: cooperative rebalancing (cooperative-sticky)', () => {
  it('moves partitions in two rounds: never owned twice, kept ones consumed throughout, all owned at the end', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const a = new CooperativeMember(coordinator, 'a');
    const b = new CooperativeMember(coordinator, 'b');
    // Two members own everything.
    await a.client.handshake();
    await b.client.handshake();
    const first = [a.join(), b.join()];
    await settle(broker, first);
    const [leader, follower] = a.client.isLeader ? [a, b] : [b, a];
    const start = cooperativePlan(
      [leader, follower],
      new Map([
        [leader, [0, 1, 2]],
        [follower, [3, 4, 5]],
      ]),
    );
    await Promise.all([leader.sync(start), follower.sync(start)]);
    expect([numbers(leader.owned), numbers(follower.owned)]).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);

    // A third member arrives: the others learn it from their heartbeats and rejoin, still owning their partitions.
    const c = new CooperativeMember(coordinator, 'c');
    await c.client.handshake();
    const cJoin = c.join();
    await flush();
    expect(leader.client.heartbeat()).toBe(27);
    expect(follower.client.heartbeat()).toBe(27);
    // Consumption of owned partitions goes on during the rebalance: commits are accepted.
    expect(await leader.client.commit(0, 10)).toBe(0);
    const round1 = [cJoin, leader.join(), follower.join()];
    await settle(broker, round1);
    for (const join of round1) expect(join.value?.errorCode).toBe(0);
    expect(leader.client.members.map((m) => m.metadata.toString())).toEqual([
      JSON.stringify(leader.owned),
      JSON.stringify(follower.owned),
      '[]',
    ]);

    // Round 1: the target gives 2 and 5 to c; both are withheld while their owners still hold them.
    const members = [leader, follower, c];
    const target = new Map([
      [leader, [0, 1]],
      [follower, [3, 4]],
      [c, [2, 5]],
    ]);
    const plan1 = cooperativePlan(members, target);
    expect(plan1.get(c.client.memberId)).toEqual([]);
    expect(await Promise.all(members.map((m) => m.sync(plan1)))).toEqual([0, 0, 0]);
    assertNoDoubleOwnership(members);
    expect([numbers(leader.owned), numbers(follower.owned), numbers(c.owned)]).toEqual([[0, 1], [3, 4], []]);
    expect(coordinator.describe('g').state).toBe('Stable');

    // The members that revoked something rejoin at once (their owned partitions changed): round 2.
    const generation = coordinator.describe('g').generationId;
    const followerRejoin = follower.join();
    await flush();
    expect(coordinator.describe('g').state).toBe('PreparingRebalance');
    expect(c.client.heartbeat()).toBe(27);
    expect(await c.client.commit(5, 1)).toBe(0); // c owns nothing yet; commits stay open to members
    const round2 = [followerRejoin, leader.join(), c.join()];
    await settle(broker, round2);
    for (const join of round2) expect(join.value).toMatchObject({ errorCode: 0, generationId: generation + 1 });
    const plan2 = cooperativePlan(members, target);
    expect(await Promise.all(members.map((m) => m.sync(plan2)))).toEqual([0, 0, 0]);
    assertNoDoubleOwnership(members);
    expect([numbers(leader.owned), numbers(follower.owned), numbers(c.owned)]).toEqual([
      [0, 1],
      [3, 4],
      [2, 5],
    ]);
    // Nothing more to move: the group stays Stable and heartbeats are clean.
    for (const m of members) expect(m.client.heartbeat()).toBe(0);
    expect(coordinator.describe('g')).toMatchObject({ state: 'Stable', generationId: generation + 1 });
  });

  it('answers a member that rejoins with unchanged metadata during CompletingRebalance without another round', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open({ initialRebalanceDelayMs: TEST_INITIAL_DELAY_MS });
    const a = new CooperativeMember(coordinator, 'a');
    const b = new CooperativeMember(coordinator, 'b');
    await a.client.handshake();
    await b.client.handshake();
    const joins = [a.join(), b.join()];
    await settle(broker, joins);
    const generation = coordinator.describe('g').generationId;
    // b lost the JoinGroup answer and asks again with the same metadata: same generation, no rebalance.
    const again = await b.join().promise;
    expect(again).toMatchObject({ errorCode: 0, generationId: generation });
    expect(coordinator.describe('g').state).toBe('CompletingRebalance');
    // Heartbeats during CompletingRebalance are fine (Kafka 2.x+).
    expect(a.client.heartbeat()).toBe(0);
  });
});
