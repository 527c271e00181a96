/**
 * The golden rule under any sequence of events: in every group, at every moment, each
 * partition of each subscribed topic is owned by exactly one member, subscribed to it;
 * and generations only move forward.
 */
import { ASSIGNOR_NAMES, isMiniKafkaError } from '@mini-kafka/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupCoordinator } from '../../group-coordinator.js';
import { FakeBroker } from '../../testing/fake-broker.js';

const TOPICS = ['t1', 't2', 't3'];
const MEMBERS = ['m0', 'm1', 'm2', 'm3', 'm4'];

const operation = fc.oneof(
  fc.record({
    kind: fc.constant('join' as const),
    member: fc.constantFrom(...MEMBERS),
    topics: fc.subarray(TOPICS, { minLength: 1 }),
    sessionTimeoutMs: fc.constantFrom(2_000, 5_000, 20_000),
  }),
  fc.record({ kind: fc.constant('leave' as const), member: fc.constantFrom(...MEMBERS) }),
  fc.record({ kind: fc.constant('heartbeat' as const), member: fc.constantFrom(...MEMBERS) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 8_000 }) }),
  fc.record({ kind: fc.constant('tick' as const) }),
  fc.record({
    kind: fc.constant('partitions' as const),
    topic: fc.constantFrom(...TOPICS),
    count: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  }),
);

function checkGoldenRule(coordinator: GroupCoordinator, broker: FakeBroker): void {
  for (const { groupId } of coordinator.listGroups()) {
    const description = coordinator.describe(groupId);
    const owners = new Map<string, string>();
    const subscribed = new Set<string>();
    for (const member of description.members) {
      for (const topic of member.topics) subscribed.add(topic);
      for (const tp of member.assignment) {
        expect(member.topics).toContain(tp.topic);
        const key = `${tp.topic}-${tp.partition}`;
        expect(owners.has(key), `${key} owned twice`).toBe(false);
        owners.set(key, member.memberId);
      }
    }
    const expected = [...subscribed].flatMap((topic) =>
      Array.from({ length: broker.topics.get(topic) ?? 0 }, (_, p) => `${topic}-${p}`),
    );
    expect([...owners.keys()].sort()).toEqual(expected.sort());
  }
}

describe('HTTP groups under random events', () => {
  for (const assignor of ASSIGNOR_NAMES) {
    it(`keeps each partition with exactly one member (${assignor})`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { maxLength: 40 }), async (operations) => {
          const broker = new FakeBroker({ t1: 3, t2: 5 });
          const coordinator = await broker.open();
          let lastGeneration = 0;
          for (const op of operations) {
            try {
              switch (op.kind) {
                case 'join':
                  coordinator.join('g', {
                    memberId: op.member,
                    topics: op.topics,
                    sessionTimeoutMs: op.sessionTimeoutMs,
                    assignor,
                  });
                  break;
                case 'leave':
                  coordinator.leave('g', op.member);
                  break;
                case 'heartbeat':
                  coordinator.heartbeat('g', op.member, 0);
                  break;
                case 'advance':
                  broker.clock.advance(op.ms);
                  break;
                case 'tick':
                  coordinator.tick();
                  break;
                case 'partitions':
                  if (op.count === undefined) {
                    broker.topics.delete(op.topic);
                    await coordinator.topicDeleted(op.topic);
                  } else {
                    broker.topics.set(op.topic, Math.max(op.count, broker.topics.get(op.topic) ?? 0));
                    coordinator.partitionsChanged(op.topic);
                  }
                  break;
              }
            } catch (error) {
              if (!isMiniKafkaError(error, 'UNKNOWN_MEMBER_ID')) throw error;
            }
            checkGoldenRule(coordinator, broker);
          }
          for (const event of broker.events) {
            if (event.generationId === 1) lastGeneration = 0; // the group was forgotten and started over
            expect(event.generationId).toBeGreaterThan(lastGeneration);
            lastGeneration = event.generationId;
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});
