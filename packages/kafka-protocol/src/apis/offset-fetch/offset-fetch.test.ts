// OffsetFetch: round trips at every version (one group v0-7, several v8), kafkajs 2.2.4 cross-checks in both
// directions (v1-4, all it has), and the flexible layout (v6+) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { OffsetFetch, type OffsetFetchRequest, type OffsetFetchResponse } from './offset-fetch.js';

const topics = [
  { name: 'orders', partitionIndexes: [0, 1, 2] },
  { name: 'refunds', partitionIndexes: [] },
];

const request: OffsetFetchRequest = {
  groupId: 'billing',
  topics,
  groups: [
    { groupId: 'billing', topics },
    { groupId: 'audit', topics: null },
  ],
  requireStable: true,
};

/** What the broker decodes: v0-7's one group also as a one-group list; v8's groups only. */
function projectRequest(v: number): OffsetFetchRequest {
  if (v >= 8) return { ...request, groupId: '', topics: null };
  return { ...request, groups: [{ groupId: 'billing', topics }], requireStable: v >= 7 };
}

const orders = {
  name: 'orders',
  partitions: [
    { partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: 3, metadata: '', errorCode: 0 },
    { partitionIndex: 1, committedOffset: -1, committedLeaderEpoch: -1, metadata: null, errorCode: 0 },
  ],
};

const response: OffsetFetchResponse = {
  throttleTimeMs: 8,
  topics: [orders],
  errorCode: 16,
  groups: [
    { groupId: 'billing', topics: [orders], errorCode: 0 },
    { groupId: '', topics: [], errorCode: 24 },
  ],
};

/** The versions kafkajs 2.2.4 implements. */
const KAFKAJS_VERSIONS = [1, 2, 3, 4];

describe('OffsetFetch', () => {
  it('v8 (flexible): several groups, compact, byte by byte', () => {
    const bytes = encodeBody((w) =>
      OffsetFetch.encodeRequest(w, 8, {
        groups: [
          { groupId: 'a', topics: null },
          { groupId: 'b', topics: [{ name: 't', partitionIndexes: [1] }] },
        ],
        requireStable: false,
      }),
    );
    expect(bytes.toString('hex')).toBe(
      [
        '03', // groups: 2
        '0261',
        '00',
        '00', // "a", topics null, tagged fields
        '0262',
        '02',
        '0274',
        '02',
        '00000001',
        '00',
        '00', // "b", 1 topic "t" [1], tagged fields x2
        '00', // require_stable
        '00', // tagged fields
      ].join(''),
    );
  });

  it.each(versionsOf(OffsetFetch))('v%i request round trip', (v) => {
    expect(requestRoundTrip(OffsetFetch, v, request).decoded).toEqual(projectRequest(v));
  });

  it('null topics (all) exist from v2', () => {
    expect(requestRoundTrip(OffsetFetch, 2, { groupId: 'g', topics: null }).decoded.groups).toEqual([
      { groupId: 'g', topics: null },
    ]);
    expect(() => encodeBody((w) => OffsetFetch.encodeRequest(w, 1, { groupId: 'g', topics: null }))).toThrow();
  });

  it.each(versionsOf(OffsetFetch))('v%i response round trip (group error from v2, throttle from v3)', (v) => {
    const epochs = (t: typeof orders) => ({
      ...t,
      partitions: t.partitions.map((p) => ({ ...p, committedLeaderEpoch: v >= 5 ? p.committedLeaderEpoch : -1 })),
    });
    expect(responseRoundTrip(OffsetFetch, v, response).decoded).toEqual({
      throttleTimeMs: v >= 3 ? 8 : 0,
      topics: v <= 7 ? [epochs(orders)] : [],
      errorCode: v >= 2 && v <= 7 ? 16 : 0,
      groups: v >= 8 ? response.groups : [],
    });
  });

  describe('against kafkajs', () => {
    it.each(KAFKAJS_VERSIONS)('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('offsetFetch', v, {
        groupId: 'billing',
        topics: [{ topic: 'orders', partitions: [{ partition: 0 }, { partition: 5 }] }],
      });
      expect(decodeBody(body, (r) => OffsetFetch.decodeRequest(r, v)).groups).toEqual([
        { groupId: 'billing', topics: [{ name: 'orders', partitionIndexes: [0, 5] }] },
      ]);
      if (v >= 3) {
        // kafkajs asks for "all topics" with an empty list, sent as null.
        const all = await kafkajsRequestBody('offsetFetch', v, { groupId: 'g', topics: [] });
        expect(decodeBody(all, (r) => OffsetFetch.decodeRequest(r, v)).topics).toBeNull();
      }
    });

    it.each(KAFKAJS_VERSIONS)('v%i: kafkajs decodes our response', async (v) => {
      const ok = { ...response, errorCode: 0, topics: [orders] };
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
