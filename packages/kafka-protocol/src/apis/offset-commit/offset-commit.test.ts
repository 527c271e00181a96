// OffsetCommit: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { OffsetCommit, type OffsetCommitRequest, type OffsetCommitResponse } from './offset-commit.js';

const request: OffsetCommitRequest = {
  groupId: 'billing',
  generationId: 3,
  memberId: 'consumer-1-7c1e',
  retentionTimeMs: 86_400_000,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, committedOffset: 42, committedMetadata: null },
        { partitionIndex: 1, committedOffset: 2 ** 50, committedMetadata: 'note ✓' },
      ],
    },
  ],
};

const response: OffsetCommitResponse = {
  throttleTimeMs: 6,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, errorCode: 0 },
        { partitionIndex: 1, errorCode: 22 },
      ],
    },
  ],
};

describe('OffsetCommit', () => {
  it.each(versionsOf(OffsetCommit))('v%i request round trip (retention time only v2-v4)', (v) => {
    expect(requestRoundTrip(OffsetCommit, v, request).decoded).toEqual({
      ...request,
      retentionTimeMs: v <= 4 ? 86_400_000 : -1,
    });
  });

  it('v5 has no retention time on the wire', () => {
    const v4 = requestRoundTrip(OffsetCommit, 4, request).bytes;
    const v5 = requestRoundTrip(OffsetCommit, 5, request).bytes;
    expect(v4.length - v5.length).toBe(8);
  });

  it.each(versionsOf(OffsetCommit))('v%i response round trip (throttle time from v3)', (v) => {
    expect(responseRoundTrip(OffsetCommit, v, response).decoded).toEqual({
      ...response,
      throttleTimeMs: v >= 3 ? 6 : 0,
    });
  });

  describe('against kafkajs', () => {
    it.each(versionsOf(OffsetCommit))('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('offsetCommit', v, {
        groupId: 'billing',
        groupGenerationId: 3,
        memberId: 'm-1',
        retentionTime: -1,
        topics: [
          {
            topic: 'orders',
            partitions: [
              { partition: 0, offset: '42' },
              { partition: 1, offset: '7', metadata: 'x' },
            ],
          },
        ],
      });
      expect(decodeBody(body, (r) => OffsetCommit.decodeRequest(r, v))).toEqual({
        groupId: 'billing',
        generationId: 3,
        memberId: 'm-1',
        retentionTimeMs: -1,
        topics: [
          {
            name: 'orders',
            partitions: [
              { partitionIndex: 0, committedOffset: 42, committedMetadata: null },
              { partitionIndex: 1, committedOffset: 7, committedMetadata: 'x' },
            ],
          },
        ],
      });
    });

    it.each(versionsOf(OffsetCommit))('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'offsetCommit',
        v,
        encodeBody((w) => OffsetCommit.encodeResponse(w, v, response)),
      );
      expect(decoded.responses).toEqual([
        {
          topic: 'orders',
          partitions: [
            { partition: 0, errorCode: 0 },
            { partition: 1, errorCode: 22 },
          ],
        },
      ]);
      if (v === 3) expect(decoded.throttleTime).toBe(6);
      if (v >= 4) expect(decoded.clientSideThrottleTime).toBe(6);
    });
  });
});
