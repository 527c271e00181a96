// TxnOffsetCommit: round trips at every version, exact v0 and v3 bytes, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { TxnOffsetCommit, type TxnOffsetCommitRequest, type TxnOffsetCommitResponse } from './txn-offset-commit.js';

const request: TxnOffsetCommitRequest = {
  transactionalId: 'billing-tx',
  groupId: 'billing',
  producerId: 2 ** 40,
  producerEpoch: 7,
  generationId: 12,
  memberId: 'member-1',
  groupInstanceId: 'instance-1',
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, committedOffset: 2 ** 33, committedLeaderEpoch: 4, committedMetadata: 'm' },
        { partitionIndex: 3, committedOffset: 0, committedLeaderEpoch: 4, committedMetadata: null },
      ],
    },
  ],
};

/** What a version that lacks the v2/v3 fields decodes them as. */
function atVersion(v: number): TxnOffsetCommitRequest {
  const leaderEpoch = v >= 2 ? 4 : -1;
  return {
    ...request,
    ...(v >= 3 ? {} : { generationId: -1, memberId: '', groupInstanceId: null }),
    topics: request.topics.map((t) => ({
      ...t,
      partitions: t.partitions.map((p) => ({ ...p, committedLeaderEpoch: leaderEpoch })),
    })),
  };
}

const response: TxnOffsetCommitResponse = {
  throttleTimeMs: 5,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, errorCode: 0 },
        { partitionIndex: 3, errorCode: 49 },
      ],
    },
  ],
};

const small: TxnOffsetCommitRequest = {
  transactionalId: 'tx',
  groupId: 'g',
  producerId: 1,
  producerEpoch: 0,
  generationId: -1,
  memberId: '',
  groupInstanceId: null,
  topics: [
    {
      name: 't',
      partitions: [{ partitionIndex: 0, committedOffset: 5, committedLeaderEpoch: -1, committedMetadata: null }],
    },
  ],
};

describe('TxnOffsetCommit', () => {
  it.each(versionsOf(TxnOffsetCommit))('v%i request round trip (leader epoch from v2, group member from v3)', (v) => {
    expect(requestRoundTrip(TxnOffsetCommit, v, request).decoded).toEqual(atVersion(v));
  });

  it.each(versionsOf(TxnOffsetCommit))('v%i response round trip', (v) => {
    expect(responseRoundTrip(TxnOffsetCommit, v, response).decoded).toEqual(response);
  });

  it('writes v0 with int16-sized strings and int32 array lengths', () => {
    expect(requestRoundTrip(TxnOffsetCommit, 0, small).bytes.toString('hex')).toBe(
      [
        '00027478', // transactional id 'tx'
        '000167', // group id 'g'
        '0000000000000001', // producer id
        '0000', // producer epoch
        '00000001', // 1 topic
        '000174', // 't'
        '00000001', // 1 partition
        '00000000', // partition 0
        '0000000000000005', // offset 5
        'ffff', // null metadata
      ].join(''),
    );
  });

  it('writes v3 flexibly: compact strings and arrays, the group member fields, tag buffers', () => {
    expect(requestRoundTrip(TxnOffsetCommit, 3, small).bytes.toString('hex')).toBe(
      [
        '037478', // transactional id 'tx'
        '0267', // group id 'g'
        '0000000000000001', // producer id
        '0000', // producer epoch
        'ffffffff', // generation id -1
        '01', // member id ''
        '00', // group instance id null
        '02', // 1 topic
        '0274', // 't'
        '02', // 1 partition
        '00000000', // partition 0
        '0000000000000005', // offset 5
        'ffffffff', // leader epoch -1
        '00', // null metadata
        '00', // partition tags
        '00', // topic tags
        '00', // request tags
      ].join(''),
    );
    expect(responseRoundTrip(TxnOffsetCommit, 3, response).bytes.toString('hex')).toBe(
      [
        '00000005', // throttle time
        '02', // 1 topic
        '076f7264657273', // 'orders'
        '03', // 2 partitions
        '00000000' + '0000' + '00', // partition 0, no error, tags
        '00000003' + '0031' + '00', // partition 3, INVALID_PRODUCER_EPOCH (49), tags
        '00', // topic tags
        '00', // response tags
      ].join(''),
    );
  });

  describe('against kafkajs', () => {
    // kafkajs 2.2.4 implements v0-1.
    it.each([0, 1])('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('txnOffsetCommit', v, {
        transactionalId: 'billing-tx',
        groupId: 'billing',
        producerId: '1099511627776',
        producerEpoch: 7,
        topics: [
          {
            topic: 'orders',
            partitions: [
              { partition: 0, offset: '8589934592', metadata: 'm' },
              { partition: 3, offset: '0', metadata: null },
            ],
          },
        ],
      });
      expect(decodeBody(body, (r) => TxnOffsetCommit.decodeRequest(r, v))).toEqual(atVersion(v));
    });

    it.each([0, 1])('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'txnOffsetCommit',
        v,
        encodeBody((w) => TxnOffsetCommit.encodeResponse(w, v, response)),
      );
      expect(decoded).toMatchObject({
        topics: [
          {
            topic: 'orders',
            partitions: [
              { partition: 0, errorCode: 0 },
              { partition: 3, errorCode: 49 },
            ],
          },
        ],
      });
      expect(v === 0 ? decoded.throttleTime : decoded.clientSideThrottleTime).toBe(5);
    });
  });
});
