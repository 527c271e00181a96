// OffsetCommit: round trips at every version, kafkajs 2.2.4 cross-checks in both directions (v2-5),
// and the flexible layout (v8) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { OffsetCommit, type OffsetCommitRequest, type OffsetCommitResponse } from './offset-commit.js';

const request: OffsetCommitRequest = {
  groupId: 'billing',
  generationId: 3,
  memberId: 'consumer-1-7c1e',
  groupInstanceId: 'pod-1',
  retentionTimeMs: 86_400_000,
  topics: [
    {
      name: 'orders',
      partitions: [
        {
          partitionIndex: 0,
          committedOffset: 42,
          committedLeaderEpoch: 5,
          commitTimestamp: 9,
          committedMetadata: null,
        },
        {
          partitionIndex: 1,
          committedOffset: 2 ** 50,
          committedLeaderEpoch: -1,
          commitTimestamp: -1,
          committedMetadata: 'note ✓',
        },
      ],
    },
  ],
};

/** What the broker decodes of `request` at version `v`: fields the version lacks hold their defaults. */
function projectRequest(v: number): OffsetCommitRequest {
  return {
    ...request,
    generationId: v >= 1 ? 3 : -1,
    memberId: v >= 1 ? request.memberId : '',
    groupInstanceId: v >= 7 ? 'pod-1' : null,
    retentionTimeMs: v >= 2 && v <= 4 ? 86_400_000 : -1,
    topics: request.topics.map((t) => ({
      ...t,
      partitions: t.partitions.map((p) => ({
        ...p,
        committedLeaderEpoch: v >= 6 ? p.committedLeaderEpoch : -1,
        commitTimestamp: v === 1 ? p.commitTimestamp : -1,
      })),
    })),
  };
}

/** The versions kafkajs 2.2.4 is checked against (its v0-1 encoders predate group membership fields we read). */
const KAFKAJS_VERSIONS = [2, 3, 4, 5];

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
    expect(requestRoundTrip(OffsetCommit, v, request).decoded).toEqual(projectRequest(v));
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
    it.each(KAFKAJS_VERSIONS)('v%i: decodes the request kafkajs encodes', async (v) => {
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
        groupInstanceId: null,
        retentionTimeMs: -1,
        topics: [
          {
            name: 'orders',
            partitions: [
              {
                partitionIndex: 0,
                committedOffset: 42,
                committedLeaderEpoch: -1,
                commitTimestamp: -1,
                committedMetadata: null,
              },
              {
                partitionIndex: 1,
                committedOffset: 7,
                committedLeaderEpoch: -1,
                commitTimestamp: -1,
                committedMetadata: 'x',
              },
            ],
          },
        ],
      });
    });

    it.each(KAFKAJS_VERSIONS)('v%i: kafkajs decodes our response', async (v) => {
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

  it('v8 (flexible): the instance id and leader epoch in compact form, byte by byte', () => {
    const bytes = encodeBody((w) =>
      OffsetCommit.encodeRequest(w, 8, {
        groupId: 'g',
        generationId: 1,
        memberId: 'm',
        groupInstanceId: 'p',
        topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 5, committedMetadata: null }] }],
      }),
    );
    expect(bytes.toString('hex')).toBe(
      [
        '0267', // group_id
        '00000001', // generation_id
        '026d', // member_id
        '0270', // group_instance_id
        '02', // topics: 1
        '0274', // name
        '02', // partitions: 1
        '00000000', // partition_index
        '0000000000000005', // committed_offset
        'ffffffff', // committed_leader_epoch: -1
        '00', // committed_metadata: null
        '00', // partition tagged fields
        '00', // topic tagged fields
        '00', // tagged fields
      ].join(''),
    );
  });
});
