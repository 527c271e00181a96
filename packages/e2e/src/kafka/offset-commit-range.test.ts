/**
 * The commit rule on the Kafka port, in raw frames: an OffsetCommit past a partition's log
 * end gets OFFSET_OUT_OF_RANGE (1) for that partition only; the other partitions of the same
 * request are committed, as OffsetFetch then shows.
 */
import { decodeResponseFrame, encodeRequestFrame, OffsetCommit, OffsetFetch } from '@mini-kafka/kafka-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { call } from '../support/json-call.js';
import { openKafkaSocket, roundTrip } from '../support/raw-kafka.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

describe('OffsetCommit past the log end', () => {
  it('answers 1 for that partition only and commits the others', async () => {
    const { url, kafkaPort } = await brokers.start();
    await call(url, 'POST', '/v1/topics', { name: 'orders', partitions: 2 });
    const produced = await call(url, 'POST', '/v1/topics/orders/records', {
      records: [0, 1, 2].map((i) => ({ value: `v${i}`, partition: 0 })),
    });
    expect(produced.status).toBe(200); // orders-0 ends at 3, orders-1 at 0
    const socket = await openKafkaSocket(kafkaPort);

    const commit = encodeRequestFrame(
      OffsetCommit,
      5,
      { correlationId: 1, clientId: 'raw' },
      {
        groupId: 'standalone',
        generationId: -1,
        memberId: '',
        retentionTimeMs: -1,
        topics: [
          {
            name: 'orders',
            partitions: [
              { partitionIndex: 0, committedOffset: 4, committedMetadata: null },
              { partitionIndex: 1, committedOffset: 0, committedMetadata: 'kept' },
            ],
          },
        ],
      },
    );
    const committed = decodeResponseFrame(OffsetCommit, 5, await roundTrip(socket, commit));
    expect(committed.correlationId).toBe(1);
    expect(committed.response.topics).toEqual([
      {
        name: 'orders',
        partitions: [
          { partitionIndex: 0, errorCode: 1 },
          { partitionIndex: 1, errorCode: 0 },
        ],
      },
    ]);

    const fetch = encodeRequestFrame(
      OffsetFetch,
      3,
      { correlationId: 2, clientId: 'raw' },
      { groupId: 'standalone', topics: [{ name: 'orders', partitionIndexes: [0, 1] }] },
    );
    const fetched = decodeResponseFrame(OffsetFetch, 3, await roundTrip(socket, fetch));
    expect(fetched.response.errorCode).toBe(0);
    expect(fetched.response.topics[0]!.partitions).toMatchObject([
      { partitionIndex: 0, committedOffset: -1, metadata: '', errorCode: 0 },
      { partitionIndex: 1, committedOffset: 0, metadata: 'kept', errorCode: 0 },
    ]);

    // The log end itself is a valid commit: everything read.
    const atEnd = encodeRequestFrame(
      OffsetCommit,
      2,
      { correlationId: 3, clientId: 'raw' },
      {
        groupId: 'standalone',
        generationId: -1,
        memberId: '',
        retentionTimeMs: -1,
        topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 3, committedMetadata: null }] }],
      },
    );
    const accepted = decodeResponseFrame(OffsetCommit, 2, await roundTrip(socket, atEnd));
    expect(accepted.response.topics[0]!.partitions).toEqual([{ partitionIndex: 0, errorCode: 0 }]);
    socket.destroy();
  });
});
