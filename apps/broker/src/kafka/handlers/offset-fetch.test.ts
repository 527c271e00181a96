import { afterEach, describe, expect, it } from 'vitest';
import { type GroupHandlerWorld, groupHandlerWorld, serve } from '../testing/group-world.js';
import { offsetFetchHandler } from './offset-fetch.js';

let world: GroupHandlerWorld;
afterEach(() => world.close());

async function withCommits(): Promise<GroupHandlerWorld> {
  const made = await groupHandlerWorld({ orders: 3, audit: 1 }, { 'orders-0': 10, 'orders-2': 10, 'audit-0': 5 });
  await made.coordinator.resetOffsets('g', [
    { topic: 'orders', partition: 0, offset: 4, metadata: 'checkpoint' },
    { topic: 'orders', partition: 2, offset: 9 },
    { topic: 'audit', partition: 0, offset: 5 },
  ]);
  return made;
}

describe('OffsetFetch handler', () => {
  it('answers each requested partition: offset and metadata, or -1 and "" with no error', async () => {
    world = await withCommits();
    for (const version of [1, 2, 3, 4]) {
      const answer = await serve(world.ctx, offsetFetchHandler, version, {
        groupId: 'g',
        topics: [{ name: 'orders', partitionIndexes: [0, 1] }],
      });
      expect(answer.topics).toMatchObject([
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, committedOffset: 4, metadata: 'checkpoint', errorCode: 0 },
            { partitionIndex: 1, committedOffset: -1, metadata: '', errorCode: 0 },
          ],
        },
      ]);
      expect(answer.errorCode).toBe(0);
    }
  });

  it('answers every committed partition for topics: null (v2+)', async () => {
    world = await withCommits();
    const answer = await serve(world.ctx, offsetFetchHandler, 2, { groupId: 'g', topics: null });
    expect(answer.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.committedOffset])])).toEqual([
      ['audit', [[0, 5]]],
      [
        'orders',
        [
          [0, 4],
          [2, 9],
        ],
      ],
    ]);
  });

  it('puts a request error on every requested partition (v1 has nowhere else) and at the top from v2', async () => {
    world = await withCommits();
    const topics = [{ name: 'orders', partitionIndexes: [0] }];
    const v1 = await serve(world.ctx, offsetFetchHandler, 1, { groupId: '', topics });
    expect(v1.topics[0]!.partitions).toMatchObject([
      { partitionIndex: 0, committedOffset: -1, metadata: '', errorCode: 24 },
    ]);
    expect(v1.errorCode).toBe(0); // not on the wire before v2
    const v3 = await serve(world.ctx, offsetFetchHandler, 3, { groupId: '', topics });
    expect(v3.errorCode).toBe(24);
    await world.coordinator.close();
    const closed = await serve(world.ctx, offsetFetchHandler, 4, { groupId: 'g', topics });
    expect(closed.errorCode).toBe(15);
    expect(closed.topics[0]!.partitions[0]!.errorCode).toBe(15);
  });
});
