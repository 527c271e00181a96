import { describe, expect, it } from 'vitest';
import { FakeBroker } from '../../testing/fake-broker.js';
import { MAX_OFFSET_FETCH_GROUPS } from './coordinator.js';

describe('Kafka API: OffsetFetch', () => {
  it('answers each requested partition: its committed offset and metadata, or -1 and "" with no error', async () => {
    const broker = new FakeBroker({ orders: 6, audit: 2 });
    const coordinator = await broker.open();
    await coordinator.resetOffsets('g', [
      { topic: 'orders', partition: 0, offset: 5, metadata: 'm' },
      { topic: 'audit', partition: 1, offset: 2 },
    ]);
    const response = coordinator.kafkaOffsetFetch({
      groupId: 'g',
      topics: [
        { name: 'orders', partitionIndexes: [0, 3] },
        { name: 'unknown', partitionIndexes: [0] },
      ],
    });
    expect(response).toMatchObject({
      errorCode: 0,
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, committedOffset: 5, metadata: 'm', errorCode: 0 },
            { partitionIndex: 3, committedOffset: -1, metadata: '', errorCode: 0 },
          ],
        },
        { name: 'unknown', partitions: [{ partitionIndex: 0, committedOffset: -1, metadata: '', errorCode: 0 }] },
      ],
    });
  });

  it('answers every committed partition for topics: null (v2+), and nothing for a group without offsets', async () => {
    const broker = new FakeBroker({ orders: 6, audit: 2 });
    const coordinator = await broker.open();
    await coordinator.resetOffsets('g', [
      { topic: 'orders', partition: 2, offset: 7 },
      { topic: 'audit', partition: 0, offset: 1 },
      { topic: 'orders', partition: 0, offset: 4 },
    ]);
    const all = coordinator.kafkaOffsetFetch({ groupId: 'g', topics: null });
    expect(
      (all.topics ?? []).map((t) => [t.name, (t.partitions ?? []).map((p) => [p.partitionIndex, p.committedOffset])]),
    ).toEqual([
      ['audit', [[0, 1]]],
      [
        'orders',
        [
          [0, 4],
          [2, 7],
        ],
      ],
    ]);
    expect(coordinator.kafkaOffsetFetch({ groupId: 'empty', topics: null })).toMatchObject({
      errorCode: 0,
      topics: [],
    });
  });

  it('puts a request-level error at the top and on every requested partition: 24 for a bad group id, 15 once closed', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const topics = [{ name: 'orders', partitionIndexes: [0, 1] }];
    const failed = (errorCode: number) => ({
      errorCode,
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, committedOffset: -1, metadata: '', errorCode },
            { partitionIndex: 1, committedOffset: -1, metadata: '', errorCode },
          ],
        },
      ],
    });
    expect(coordinator.kafkaOffsetFetch({ groupId: '', topics })).toMatchObject(failed(24));
    expect(coordinator.kafkaOffsetFetch({ groupId: 'a\u0000b', topics: null })).toMatchObject({
      errorCode: 24,
      topics: [],
    });
    await coordinator.close();
    expect(coordinator.kafkaOffsetFetch({ groupId: 'g', topics })).toMatchObject(failed(15));
  });

  it('answers several groups at once (v8), each with its own topics and error, in the order asked', async () => {
    const broker = new FakeBroker({ orders: 6 });
    const coordinator = await broker.open();
    await coordinator.resetOffsets('a', [{ topic: 'orders', partition: 0, offset: 5 }]);
    await coordinator.resetOffsets('b', [{ topic: 'orders', partition: 1, offset: 9 }]);
    const response = coordinator.kafkaOffsetFetch({
      groups: [
        { groupId: 'b', topics: null },
        { groupId: '', topics: [{ name: 'orders', partitionIndexes: [0] }] },
        { groupId: 'a', topics: [{ name: 'orders', partitionIndexes: [0, 1] }] },
      ],
    });
    // A committed offset's leader epoch is 0 (one leader, forever); none without a commit; no field on an error.
    const row = (partitionIndex: number, committedOffset: number, errorCode = 0) => ({
      partitionIndex,
      committedOffset,
      ...(errorCode === 0 ? { committedLeaderEpoch: committedOffset >= 0 ? 0 : -1 } : {}),
      metadata: '',
      errorCode,
    });
    expect(response.groups).toEqual([
      { groupId: 'b', errorCode: 0, topics: [{ name: 'orders', partitions: [row(1, 9)] }] },
      { groupId: '', errorCode: 24, topics: [{ name: 'orders', partitions: [row(0, -1, 24)] }] },
      { groupId: 'a', errorCode: 0, topics: [{ name: 'orders', partitions: [row(0, 5), row(1, -1)] }] },
    ]);
  });

  it('refuses an OffsetFetch naming more groups than MAX_OFFSET_FETCH_GROUPS', async () => {
    const coordinator = await new FakeBroker().open();
    const groups = Array.from({ length: MAX_OFFSET_FETCH_GROUPS + 1 }, (_, i) => ({ groupId: `g${i}`, topics: null }));
    expect(coordinator.kafkaOffsetFetch({ groups })).toEqual({ errorCode: 42, topics: [], groups: [] });
  });
});
