/**
 * The commit rule on the Kafka port, in raw frames: an OffsetCommit past a partition's log
 * end gets OFFSET_OUT_OF_RANGE (1) for that partition only; the other partitions of the same
 * request are committed, as OffsetFetch then shows.
 */
import { connect, type Socket } from 'node:net';
import { decodeResponseFrame, encodeRequestFrame, OffsetCommit, OffsetFetch } from '@mini-kafka/kafka-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends one request frame and resolves with the response frame (size prefix removed). */
function roundTrip(socket: Socket, frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= 4 + received.readInt32BE(0)) {
        socket.off('data', onData);
        resolve(received.subarray(4, 4 + received.readInt32BE(0)));
      }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('connection closed')));
    socket.write(frame);
  });
}

describe('OffsetCommit past the log end', () => {
  it('answers 1 for that partition only and commits the others', async () => {
    const { url, kafkaPort } = await brokers.start();
    await call(url, 'POST', '/v1/topics', { name: 'orders', partitions: 2 });
    const produced = await call(url, 'POST', '/v1/topics/orders/records', {
      records: [0, 1, 2].map((i) => ({ value: `v${i}`, partition: 0 })),
    });
    expect(produced.status).toBe(200); // orders-0 ends at 3, orders-1 at 0
    const socket = await open(kafkaPort);

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
    expect(fetched.response.topics[0]!.partitions).toEqual([
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
