import type { OffsetCommit, RequestInputOf } from '@mini-kafka/kafka-protocol';

type OffsetCommitRequest = RequestInputOf<typeof OffsetCommit>;

import { afterEach, describe, expect, it } from 'vitest';
import { type GroupHandlerWorld, groupHandlerWorld, serve } from '../testing/group-world.js';
import { offsetCommitHandler } from './offset-commit.js';

let world: GroupHandlerWorld;
afterEach(() => world.close());

const partition = (partitionIndex: number, committedOffset: number, committedMetadata: string | null = null) => ({
  partitionIndex,
  committedOffset,
  committedMetadata,
});

/** A commit from outside group management (generation -1), which an Empty group accepts. */
const request = (topics: NonNullable<OffsetCommitRequest['topics']>, overrides: Partial<OffsetCommitRequest> = {}) => ({
  groupId: 'g',
  generationId: -1,
  memberId: '',
  retentionTimeMs: -1,
  topics,
  ...overrides,
});

describe('OffsetCommit handler', () => {
  it('answers a code per requested partition in request order, and writes the accepted ones', async () => {
    world = await groupHandlerWorld({ orders: 2, audit: 1 }, { 'orders-0': 10, 'audit-0': 3 });
    for (const version of [2, 5]) {
      const answer = await serve(
        world.ctx,
        offsetCommitHandler,
        version,
        request([
          { name: 'orders', partitions: [partition(0, 4, 'm'), partition(1, 1), partition(7, 0)] },
          { name: 'missing', partitions: [partition(0, 0)] },
          { name: 'audit', partitions: [partition(0, 3)] },
        ]),
      );
      expect(answer.topics).toEqual([
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, errorCode: 0 },
            { partitionIndex: 1, errorCode: 1 }, // orders-1 is empty: 1 is past its log end
            { partitionIndex: 7, errorCode: 3 },
          ],
        },
        { name: 'missing', partitions: [{ partitionIndex: 0, errorCode: 3 }] },
        { name: 'audit', partitions: [{ partitionIndex: 0, errorCode: 0 }] },
      ]);
    }
    expect(world.coordinator.committed('g').map((e) => [e.topic, e.partition, e.offset, e.metadata])).toEqual([
      ['audit', 0, 3, ''],
      ['orders', 0, 4, 'm'],
    ]);
  });

  it('answers a fenced or refused commit with the same code on every partition, writing nothing', async () => {
    world = await groupHandlerWorld({ orders: 2 }, { 'orders-0': 10 });
    const topics = [{ name: 'orders', partitions: [partition(0, 1), partition(1, 0)] }];
    const codes = async (overrides: Partial<OffsetCommitRequest>) =>
      (await serve(world.ctx, offsetCommitHandler, 5, request(topics, overrides))).topics[0]!.partitions.map(
        (p) => p.errorCode,
      );
    expect(await codes({ generationId: 3, memberId: 'm' })).toEqual([22, 22]); // no such group at generation 3
    expect(await codes({ groupId: '' })).toEqual([24, 24]);
    expect(world.coordinator.committed('g')).toEqual([]);
  });
});
