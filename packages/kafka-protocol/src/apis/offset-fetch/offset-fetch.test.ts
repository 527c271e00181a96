// OffsetFetch: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { OffsetFetch, type OffsetFetchRequest, type OffsetFetchResponse } from './offset-fetch.js';

const request: OffsetFetchRequest = {
  groupId: 'billing',
  topics: [
    { name: 'orders', partitionIndexes: [0, 1, 2] },
    { name: 'refunds', partitionIndexes: [] },
  ],
};

const response: OffsetFetchResponse = {
  throttleTimeMs: 8,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, committedOffset: 42, metadata: '', errorCode: 0 },
        { partitionIndex: 1, committedOffset: -1, metadata: null, errorCode: 0 },
      ],
    },
  ],
  errorCode: 16,
};

describe('OffsetFetch', () => {
  it.each(versionsOf(OffsetFetch))('v%i request round trip', (v) => {
    expect(requestRoundTrip(OffsetFetch, v, request).decoded).toEqual(request);
  });

  it('null topics (all) exist from v2', () => {
    expect(requestRoundTrip(OffsetFetch, 2, { groupId: 'g', topics: null }).decoded.topics).toBeNull();
    expect(() => encodeBody((w) => OffsetFetch.encodeRequest(w, 1, { groupId: 'g', topics: null }))).toThrow(
      expect.objectContaining({ reason: 'invalid-value' }),
    );
  });

  it.each(versionsOf(OffsetFetch))('v%i response round trip (group error from v2, throttle from v3)', (v) => {
    expect(responseRoundTrip(OffsetFetch, v, response).decoded).toEqual({
      ...response,
      throttleTimeMs: v >= 3 ? 8 : 0,
      errorCode: v >= 2 ? 16 : 0,
    });
  });

  describe('against kafkajs', () => {
    it.each(versionsOf(OffsetFetch))('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('offsetFetch', v, {
        groupId: 'billing',
        topics: [{ topic: 'orders', partitions: [{ partition: 0 }, { partition: 5 }] }],
      });
      expect(decodeBody(body, (r) => OffsetFetch.decodeRequest(r, v))).toEqual({
        groupId: 'billing',
        topics: [{ name: 'orders', partitionIndexes: [0, 5] }],
      });
      if (v >= 3) {
        // kafkajs asks for "all topics" with an empty list, sent as null.
        const all = await kafkajsRequestBody('offsetFetch', v, { groupId: 'g', topics: [] });
        expect(decodeBody(all, (r) => OffsetFetch.decodeRequest(r, v)).topics).toBeNull();
      }
    });

    it.each(versionsOf(OffsetFetch))('v%i: kafkajs decodes our response', async (v) => {
      const ok = { ...response, errorCode: 0 };
      const decoded = await kafkajsDecodeResponse(
        'offsetFetch',
        v,
        encodeBody((w) => OffsetFetch.encodeResponse(w, v, ok)),
      );
      expect(decoded.responses).toEqual([
        {
          topic: 'orders',
          partitions: [
            { partition: 0, offset: '42', metadata: '', errorCode: 0 },
            { partition: 1, offset: '-1', metadata: null, errorCode: 0 },
          ],
        },
      ]);
      if (v >= 2) expect(decoded.errorCode).toBe(0);
      if (v === 3) expect(decoded.throttleTime).toBe(8);
      if (v === 4) expect(decoded.clientSideThrottleTime).toBe(8);
    });
  });
});
