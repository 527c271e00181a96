// ListOffsets: round trips at every version, kafkajs 2.2.4 cross-checks in both directions (v0-3),
// v0's old-style offsets and the flexible layout (v6+) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { LIST_OFFSETS_EARLIEST, LIST_OFFSETS_LATEST, ListOffsets, type ListOffsetsResponse } from './list-offsets.js';

const KAFKAJS_VERSIONS = [0, 1, 2, 3];

const request = {
  replicaId: -1,
  isolationLevel: 1,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, currentLeaderEpoch: 3, timestamp: LIST_OFFSETS_EARLIEST, maxNumOffsets: 1 },
        { partitionIndex: 1, currentLeaderEpoch: -1, timestamp: LIST_OFFSETS_LATEST, maxNumOffsets: 1 },
        { partitionIndex: 2, currentLeaderEpoch: -1, timestamp: 1_700_000_000_000, maxNumOffsets: 1 },
      ],
    },
  ],
  timeoutMs: 0,
};

const response: ListOffsetsResponse = {
  throttleTimeMs: 4,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, errorCode: 0, timestamp: -1, offset: 0, leaderEpoch: 0 },
        { partitionIndex: 2, errorCode: 0, timestamp: 1_700_000_000_123, offset: 2 ** 45 },
        { partitionIndex: 9, errorCode: 3, timestamp: -1, offset: -1 },
      ],
    },
  ],
};

describe('ListOffsets', () => {
  it.each(versionsOf(ListOffsets))('v%i request round trip (isolation level from v2)', (v) => {
    expect(requestRoundTrip(ListOffsets, v, request).decoded).toEqual({
      ...request,
      isolationLevel: v >= 2 ? 1 : 0,
      topics: request.topics.map((t) => ({
        ...t,
        partitions: t.partitions.map((p) => ({ ...p, currentLeaderEpoch: v >= 4 ? p.currentLeaderEpoch : -1 })),
      })),
    });
  });

  it('v0 asks for a number of offsets and answers old-style offset lists', () => {
    const v0 = requestRoundTrip(ListOffsets, 0, {
      replicaId: -1,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, timestamp: -1, maxNumOffsets: 5 }] }],
    });
    expect(v0.bytes.toString('hex')).toBe(
      ['ffffffff', '00000001', '000174', '00000001', '00000000', 'ffffffffffffffff', '00000005'].join(''),
    );
    const answer = responseRoundTrip(ListOffsets, 0, {
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, oldStyleOffsets: [42] }] }],
    });
    expect(answer.decoded.topics[0]?.partitions[0]).toEqual({
      partitionIndex: 0,
      errorCode: 0,
      oldStyleOffsets: [42],
      timestamp: -1,
      offset: -1,
      leaderEpoch: -1,
    });
  });

  it('v7 request and response byte by byte: compact arrays and tagged-field sections', () => {
    const body = encodeBody((w) =>
      ListOffsets.encodeRequest(w, 7, {
        replicaId: -1,
        topics: [{ name: 't', partitions: [{ partitionIndex: 1, timestamp: -3 }] }],
      }),
    );
    expect(body.toString('hex')).toBe(
      ['ffffffff', '00', '02', '0274', '02', '00000001', 'ffffffff', 'fffffffffffffffd', '00', '00', '00'].join(''),
    );
    const answer = encodeBody((w) =>
      ListOffsets.encodeResponse(w, 7, {
        topics: [{ name: 't', partitions: [{ partitionIndex: 1, errorCode: 0, timestamp: 5, offset: 9 }] }],
      }),
    );
    expect(answer.toString('hex')).toBe(
      [
        '00000000',
        '02',
        '0274',
        '02',
        '00000001',
        '0000',
        '0000000000000005',
        '0000000000000009',
        'ffffffff',
        '00',
        '00',
        '00',
      ].join(''),
    );
  });

  it.each(versionsOf(ListOffsets))('v%i response round trip (throttle time from v2)', (v) => {
    const decoded = responseRoundTrip(ListOffsets, v, response).decoded;
    expect(decoded.throttleTimeMs).toBe(v >= 2 ? 4 : 0);
    expect(decoded.topics[0]?.partitions.map((p) => [p.timestamp, p.offset, p.leaderEpoch])).toEqual(
      v === 0
        ? [
            [-1, -1, -1],
            [-1, -1, -1],
            [-1, -1, -1],
          ]
        : [
            [-1, 0, v >= 4 ? 0 : -1],
            [1_700_000_000_123, 2 ** 45, -1],
            [-1, -1, -1],
          ],
    );
  });

  describe('against kafkajs', () => {
    it.each(KAFKAJS_VERSIONS)('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('listOffsets', v, {
        replicaId: -1,
        isolationLevel: 1,
        topics: [{ topic: 'orders', partitions: [{ partition: 0, timestamp: -2 }, { partition: 1 }] }],
      });
      expect(decodeBody(body, (r) => ListOffsets.decodeRequest(r, v))).toMatchObject({
        replicaId: -1,
        isolationLevel: v >= 2 ? 1 : 0,
        topics: [
          {
            name: 'orders',
            partitions: [
              { partitionIndex: 0, timestamp: -2 },
              { partitionIndex: 1, timestamp: -1 },
            ],
          },
        ],
      });
    });

    it.each(KAFKAJS_VERSIONS.filter((v) => v >= 1))('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'listOffsets',
        v,
        encodeBody((w) => ListOffsets.encodeResponse(w, v, response)),
      );
      expect(decoded.responses).toEqual([
        {
          topic: 'orders',
          partitions: [
            { partition: 0, errorCode: 0, timestamp: '-1', offset: '0' },
            { partition: 2, errorCode: 0, timestamp: '1700000000123', offset: String(2 ** 45) },
            { partition: 9, errorCode: 3, timestamp: '-1', offset: '-1' },
          ],
        },
      ]);
      // From v3 kafkajs reports the broker's throttle time as client-side (KIP-219).
      if (v >= 2) expect(v >= 3 ? decoded.clientSideThrottleTime : decoded.throttleTime).toBe(4);
    });
  });
});
