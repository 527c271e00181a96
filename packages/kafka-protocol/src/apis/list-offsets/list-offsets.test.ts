// ListOffsets: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import {
  LIST_OFFSETS_EARLIEST,
  LIST_OFFSETS_LATEST,
  ListOffsets,
  type ListOffsetsRequest,
  type ListOffsetsResponse,
} from './list-offsets.js';

const request: ListOffsetsRequest = {
  replicaId: -1,
  isolationLevel: 1,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, timestamp: LIST_OFFSETS_EARLIEST },
        { partitionIndex: 1, timestamp: LIST_OFFSETS_LATEST },
        { partitionIndex: 2, timestamp: 1_700_000_000_000 },
      ],
    },
  ],
};

const response: ListOffsetsResponse = {
  throttleTimeMs: 4,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, errorCode: 0, timestamp: -1, offset: 0 },
        { partitionIndex: 2, errorCode: 0, timestamp: 1_700_000_000_123, offset: 2 ** 45 },
        { partitionIndex: 9, errorCode: 3, timestamp: -1, offset: -1 },
      ],
    },
  ],
};

describe('ListOffsets', () => {
  it.each(versionsOf(ListOffsets))('v%i request round trip (isolation level from v2)', (v) => {
    expect(requestRoundTrip(ListOffsets, v, request).decoded).toEqual({ ...request, isolationLevel: v >= 2 ? 1 : 0 });
  });

  it.each(versionsOf(ListOffsets))('v%i response round trip (throttle time from v2)', (v) => {
    expect(responseRoundTrip(ListOffsets, v, response).decoded).toEqual({
      ...response,
      throttleTimeMs: v >= 2 ? 4 : 0,
    });
  });

  describe('against kafkajs', () => {
    it.each(versionsOf(ListOffsets))('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('listOffsets', v, {
        replicaId: -1,
        isolationLevel: 1,
        topics: [{ topic: 'orders', partitions: [{ partition: 0, timestamp: -2 }, { partition: 1 }] }],
      });
      expect(decodeBody(body, (r) => ListOffsets.decodeRequest(r, v))).toEqual({
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

    it.each(versionsOf(ListOffsets))('v%i: kafkajs decodes our response', async (v) => {
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
      if (v >= 2) expect(decoded.throttleTime).toBe(4);
    });
  });
});
