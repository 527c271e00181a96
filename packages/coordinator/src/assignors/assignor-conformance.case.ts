/**
 * The Assignor conformance suite: every assignor must pass it unchanged.
 * `runAssignorConformance` is called by each assignor's own test file.
 *
 * `balance` says what evenness the assignor promises when every member subscribes to the
 * same topics: `overall` (partition counts per member differ by at most one) and/or
 * `per-topic` (the same within each topic). Kafka's range assignor promises only the latter.
 */

import { compareTopicPartitions, type TopicPartition, topicPartitionKey } from '@mini-kafka/protocol/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssignmentInput, Assignor, AssignorMember, MemberAssignments } from './assignor.js';

export type BalancePromise = 'overall' | 'per-topic';

export interface AssignorConformanceOptions {
  balance: readonly BalancePromise[];
}

const TOPICS = ['alpha', 'beta', 'gamma', 'delta'] as const;
const RUNS = { numRuns: 300 };

const memberId = fc.string({ minLength: 1, maxLength: 8 });
const counts = fc
  .tuple(...TOPICS.map(() => fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined })))
  .map((values) => {
    const map = new Map<string, number>();
    values.forEach((value, i) => {
      if (value !== undefined) map.set(TOPICS[i]!, value);
    });
    return map;
  });
const garbagePartition = fc.record({
  topic: fc.constantFrom(...TOPICS, 'unknown'),
  partition: fc.integer({ min: -1, max: 14 }),
});

/** Any group: members with any non-empty subscriptions, and any current ownership, garbage included. */
export const anyInput: fc.Arbitrary<AssignmentInput> = fc
  .tuple(
    fc.uniqueArray(fc.record({ memberId, topics: fc.subarray([...TOPICS], { minLength: 1 }) }), {
      selector: (member) => member.memberId,
      maxLength: 10,
    }),
    counts,
  )
  .chain(([members, partitionCounts]) =>
    fc
      .array(
        fc.tuple(
          members.length > 0 ? fc.oneof(fc.constantFrom(...members.map((m) => m.memberId)), memberId) : memberId,
          fc.array(garbagePartition, { maxLength: 8 }),
        ),
        { maxLength: 12 },
      )
      .map((entries) => ({ members, partitionCounts, current: new Map(entries) })),
  );

/** A group whose members all subscribe to the same topics. */
export const uniformInput: fc.Arbitrary<AssignmentInput> = fc
  .tuple(fc.uniqueArray(memberId, { minLength: 1, maxLength: 12 }), fc.subarray([...TOPICS], { minLength: 1 }), counts)
  .map(([ids, topics, partitionCounts]) => ({
    members: ids.map((id) => ({ memberId: id, topics })),
    partitionCounts,
  }));

function copyInput(input: AssignmentInput): AssignmentInput {
  return structuredClone(input) as AssignmentInput;
}

/** Every partition that must be assigned: those of subscribed topics with a partition count. */
function expectedPartitions(input: AssignmentInput): TopicPartition[] {
  const topics = new Set(input.members.flatMap((member: AssignorMember) => [...member.topics]));
  const all: TopicPartition[] = [];
  for (const topic of topics) {
    for (let p = 0; p < (input.partitionCounts.get(topic) ?? 0); p++) all.push({ topic, partition: p });
  }
  return all.sort(compareTopicPartitions);
}

function spread(values: number[]): number {
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
}

export function runAssignorConformance(name: string, assignor: Assignor, options: AssignorConformanceOptions): void {
  describe(`${name} (assignor conformance)`, () => {
    it('assigns every partition of every subscribed topic exactly once, only to subscribers', () => {
      fc.assert(
        fc.property(anyInput, (input) => {
          const result = assignor.assign(input);
          expect([...result.keys()].sort()).toEqual(input.members.map((m) => m.memberId).sort());
          const seen: TopicPartition[] = [];
          for (const member of input.members) {
            for (const tp of result.get(member.memberId)!) {
              expect(member.topics).toContain(tp.topic);
              seen.push(tp);
            }
          }
          const keys = seen.map((tp) => topicPartitionKey(tp.topic, tp.partition));
          expect(new Set(keys).size).toBe(keys.length);
          expect(seen.sort(compareTopicPartitions)).toEqual(expectedPartitions(input));
        }),
        RUNS,
      );
    });

    it('hands each member its partitions sorted', () => {
      fc.assert(
        fc.property(anyInput, (input) => {
          for (const partitions of assignor.assign(input).values()) {
            expect(partitions).toEqual([...partitions].sort(compareTopicPartitions));
          }
        }),
        RUNS,
      );
    });

    it('is deterministic and leaves its input alone', () => {
      fc.assert(
        fc.property(anyInput, (input) => {
          const before = copyInput(input);
          const first = assignor.assign(input);
          expect(input).toEqual(before);
          const second: MemberAssignments = assignor.assign(copyInput(input));
          expect(second).toEqual(first);
        }),
        RUNS,
      );
    });

    if (options.balance.includes('overall')) {
      it('is balanced overall when subscriptions are identical (counts differ by at most one)', () => {
        fc.assert(
          fc.property(uniformInput, (input) => {
            const sizes = [...assignor.assign(input).values()].map((partitions) => partitions.length);
            expect(spread(sizes)).toBeLessThanOrEqual(1);
          }),
          RUNS,
        );
      });
    }

    if (options.balance.includes('per-topic')) {
      it('is balanced within each topic when subscriptions are identical', () => {
        fc.assert(
          fc.property(uniformInput, (input) => {
            const result = [...assignor.assign(input).values()];
            for (const topic of input.members[0]!.topics) {
              const sizes = result.map((partitions) => partitions.filter((tp) => tp.topic === topic).length);
              expect(spread(sizes)).toBeLessThanOrEqual(1);
            }
          }),
          RUNS,
        );
      });
    }

    it('leaves members beyond the partition count idle', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(memberId, { minLength: 1, maxLength: 12 }),
          fc.integer({ min: 0, max: 12 }),
          (ids, partitions) => {
            const members = ids.map((id) => ({ memberId: id, topics: ['alpha'] }));
            const result = assignor.assign({ members, partitionCounts: new Map([['alpha', partitions]]) });
            const sizes = [...result.values()].map((list) => list.length);
            if (ids.length >= partitions) {
              expect(sizes.filter((size) => size === 1)).toHaveLength(partitions);
              expect(sizes.filter((size) => size === 0)).toHaveLength(ids.length - partitions);
            }
          },
        ),
        RUNS,
      );
    });

    it('assigns nothing for topics without partitions and copes with no members', () => {
      expect(assignor.assign({ members: [], partitionCounts: new Map([['alpha', 3]]) })).toEqual(new Map());
      const result = assignor.assign({
        members: [{ memberId: 'm', topics: ['missing'] }],
        partitionCounts: new Map([['alpha', 3]]),
      });
      expect(result).toEqual(new Map([['m', []]]));
    });
  });
}
