// AddPartitionsToTxn: round trips at every version, exact v0 and v3 bytes, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import {
  AddPartitionsToTxn,
  type AddPartitionsToTxnRequest,
  type AddPartitionsToTxnResponse,
} from './add-partitions-to-txn.js';

const request: AddPartitionsToTxnRequest = {
  transactionalId: 'billing-tx',
  producerId: 2 ** 40,
  producerEpoch: 7,
  topics: [
    { name: 'orders', partitions: [0, 2, 2 ** 31 - 1] },
    { name: 'payments', partitions: [] },
  ],
};

const response: AddPartitionsToTxnResponse = {
  throttleTimeMs: 5,
  resultsByTopic: [
    {
      name: 'orders',
      resultsByPartition: [
        { partitionIndex: 0, partitionErrorCode: 0 },
        { partitionIndex: 2, partitionErrorCode: 90 },
      ],
    },
  ],
};

const small: AddPartitionsToTxnRequest = {
  transactionalId: 'tx',
  producerId: 1,
  producerEpoch: 0,
  topics: [{ name: 't', partitions: [0, 2] }],
};

describe('AddPartitionsToTxn', () => {
  it.each(versionsOf(AddPartitionsToTxn))('v%i request round trip', (v) => {
    expect(requestRoundTrip(AddPartitionsToTxn, v, request).decoded).toEqual(request);
  });

  it.each(versionsOf(AddPartitionsToTxn))('v%i response round trip', (v) => {
    expect(responseRoundTrip(AddPartitionsToTxn, v, response).decoded).toEqual(response);
  });

  it('serves the client versions only: v4 (the broker-to-broker batch) is refused', () => {
    expect(() => requestRoundTrip(AddPartitionsToTxn, 4, small)).toThrow(/AddPartitionsToTxn v4 is not supported/);
  });

  it('writes v0 with int16-sized strings and int32 array lengths', () => {
    expect(requestRoundTrip(AddPartitionsToTxn, 0, small).bytes.toString('hex')).toBe(
      [
        '00027478', // transactional id 'tx'
        '0000000000000001', // producer id
        '0000', // producer epoch
        '00000001', // 1 topic
        '000174', // 't'
        '00000002', // 2 partitions
        '00000000', // 0
        '00000002', // 2
      ].join(''),
    );
  });

  it('writes v3 flexibly: compact strings and arrays, tag buffers', () => {
    expect(requestRoundTrip(AddPartitionsToTxn, 3, small).bytes.toString('hex')).toBe(
      [
        '037478', // transactional id 'tx'
        '0000000000000001', // producer id
        '0000', // producer epoch
        '02', // 1 topic
        '0274', // 't'
        '03', // 2 partitions
        '00000000', // 0
        '00000002', // 2
        '00', // topic tags
        '00', // request tags
      ].join(''),
    );
    expect(responseRoundTrip(AddPartitionsToTxn, 3, response).bytes.toString('hex')).toBe(
      [
        '00000005', // throttle time
        '02', // 1 topic
        '076f7264657273', // 'orders'
        '03', // 2 partitions
        '00000000' + '0000' + '00', // partition 0, no error, tags
        '00000002' + '005a' + '00', // partition 2, PRODUCER_FENCED (90), tags
        '00', // topic tags
        '00', // response tags
      ].join(''),
    );
  });

  describe('against kafkajs', () => {
    // kafkajs 2.2.4 implements v0-1.
    it.each([0, 1])('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('addPartitionsToTxn', v, {
        transactionalId: 'billing-tx',
        producerId: '1099511627776',
        producerEpoch: 7,
        topics: [
          { topic: 'orders', partitions: [0, 2, 2 ** 31 - 1] },
          { topic: 'payments', partitions: [] },
        ],
      });
      expect(decodeBody(body, (r) => AddPartitionsToTxn.decodeRequest(r, v))).toEqual(request);
    });

    it.each([0, 1])('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'addPartitionsToTxn',
        v,
        encodeBody((w) => AddPartitionsToTxn.encodeResponse(w, v, response)),
      );
      expect(decoded).toMatchObject({
        errors: [
          {
            topic: 'orders',
            partitionErrors: [
              { partition: 0, errorCode: 0 },
              { partition: 2, errorCode: 90 },
            ],
          },
        ],
      });
      expect(v === 0 ? decoded.throttleTime : decoded.clientSideThrottleTime).toBe(5);
    });
  });
});
