// DescribeProducers: round trips of v0 (flexible), the -1 defaults, and both directions
// byte by byte as assembled by hand from Kafka's definition (kafkajs has no such admin call).
import { describe, expect, it } from 'vitest';
import { decodeRequestFrame, encodeResponseFrame } from '../../api-frames.js';
import { decodeBody, requestRoundTrip, responseRoundTrip } from '../../testing/round-trip.js';
import { DescribeProducers } from './describe-producers.js';

const producer = {
  producerId: 2 ** 40,
  producerEpoch: 3,
  lastSequence: 41,
  lastTimestamp: 1_764_340_000_000,
  coordinatorEpoch: 2,
  currentTxnStartOffset: 1200,
};

const response = {
  throttleTimeMs: 0,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, errorCode: 0, errorMessage: null, activeProducers: [producer] },
        { partitionIndex: 5, errorCode: 6, errorMessage: 'not the leader', activeProducers: [] },
      ],
    },
  ],
};

describe('DescribeProducers', () => {
  it('v0 request round trip', () => {
    const request = { topics: [{ name: 'orders', partitionIndexes: [0, 1, 2] }] };
    expect(requestRoundTrip(DescribeProducers, 0, request).decoded).toEqual(request);
  });

  it('v0 response round trip: producers, per-partition errors and messages', () => {
    expect(responseRoundTrip(DescribeProducers, 0, response).decoded).toEqual(response);
  });

  it('a producer with no sequence, timestamp or open transaction answers -1 for each', () => {
    const bare = { producerId: 9, producerEpoch: 0, coordinatorEpoch: 0 };
    const { decoded } = responseRoundTrip(DescribeProducers, 0, {
      throttleTimeMs: 0,
      topics: [
        { name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, errorMessage: null, activeProducers: [bare] }] },
      ],
    });
    expect(decoded.topics[0]?.partitions[0]).toEqual({
      partitionIndex: 0,
      errorCode: 0,
      errorMessage: null,
      activeProducers: [{ ...bare, lastSequence: -1, lastTimestamp: -1, currentTxnStartOffset: -1 }],
    });
  });

  it('decodes a request frame assembled by hand (request header v2, compact arrays)', () => {
    const frame = Buffer.from(
      [
        '003d', // api key 61
        '0000', // version 0
        '00000007', // correlation id
        '0002', // client id "ab" (a plain string in every header)
        '6162',
        '00', // header tags
        '02', // topics: 1
        '0274', // "t"
        '03', // partition indexes: 2
        '00000000',
        '00000002',
        '00', // topic tags
        '00', // request tags
      ].join(''),
      'hex',
    );
    const { header, headerVersion, body } = decodeRequestFrame(frame);
    expect([header.apiKey, header.apiVersion, header.correlationId, header.clientId, headerVersion]).toEqual([
      61,
      0,
      7,
      'ab',
      2,
    ]);
    expect(
      decodeBody(frame.subarray(frame.length - body.remaining), (r) => DescribeProducers.decodeRequest(r, 0)),
    ).toEqual({ topics: [{ name: 't', partitionIndexes: [0, 2] }] });
  });

  it('writes the response frame as Kafka lays it out (response header v1, INT32 epoch)', () => {
    const small = {
      throttleTimeMs: 0,
      topics: [
        {
          name: 't',
          partitions: [
            {
              partitionIndex: 1,
              errorCode: 0,
              errorMessage: null,
              activeProducers: [
                {
                  producerId: 7,
                  producerEpoch: 3,
                  lastSequence: 9,
                  lastTimestamp: 100,
                  coordinatorEpoch: 2,
                  currentTxnStartOffset: 42,
                },
              ],
            },
          ],
        },
      ],
    };
    expect(encodeResponseFrame(DescribeProducers, 0, 7, small).toString('hex')).toBe(
      [
        '0000003d', // size: 61 bytes follow
        '00000007', // correlation id
        '00', // header tags
        '00000000', // throttle
        '02', // topics: 1
        '0274', // "t"
        '02', // partitions: 1
        '00000001', // partition 1
        '0000', // no error
        '00', // error message null
        '02', // active producers: 1
        '0000000000000007', // producer id
        '00000003', // producer epoch (INT32)
        '00000009', // last sequence
        '0000000000000064', // last timestamp
        '00000002', // coordinator epoch
        '000000000000002a', // current transaction start offset
        '00', // producer tags
        '00', // partition tags
        '00', // topic tags
        '00', // response tags
      ].join(''),
    );
  });
});
