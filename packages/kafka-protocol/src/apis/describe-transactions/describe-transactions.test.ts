// DescribeTransactions: round trips of v0 (flexible), and both directions byte by byte as
// assembled by hand from Kafka's definition (kafkajs has no such admin call).
import { describe, expect, it } from 'vitest';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip } from '../../testing/round-trip.js';
import { DescribeTransactions } from './describe-transactions.js';

const ongoing = {
  errorCode: 0,
  transactionalId: 'billing-tx',
  transactionState: 'Ongoing',
  transactionTimeoutMs: 60_000,
  transactionStartTimeMs: 1_764_340_000_000,
  producerId: 2 ** 40,
  producerEpoch: 4,
  topics: [
    { topic: 'orders', partitions: [0, 3] },
    { topic: 'payments', partitions: [1] },
  ],
};

const unknown = {
  errorCode: 105, // TRANSACTIONAL_ID_NOT_FOUND
  transactionalId: 'nobody',
  transactionState: '',
  transactionTimeoutMs: 0,
  transactionStartTimeMs: -1,
  producerId: -1,
  producerEpoch: -1,
  topics: [],
};

describe('DescribeTransactions', () => {
  it('v0 request round trip, an empty list too', () => {
    for (const transactionalIds of [['billing-tx', 'nobody'], []]) {
      expect(requestRoundTrip(DescribeTransactions, 0, { transactionalIds }).decoded).toEqual({ transactionalIds });
    }
  });

  it('v0 response round trip: an open transaction and an unknown id', () => {
    const response = { throttleTimeMs: 5, transactionStates: [ongoing, unknown] };
    expect(responseRoundTrip(DescribeTransactions, 0, response).decoded).toEqual(response);
  });

  it('reads the request as Kafka lays it out: a compact array of compact strings', () => {
    const bytes = Buffer.from('03' + '0261' + '03' + '6263' + '00', 'hex'); // ids: 2, "a", "bc", tags
    expect(decodeBody(bytes, (r) => DescribeTransactions.decodeRequest(r, 0))).toEqual({
      transactionalIds: ['a', 'bc'],
    });
  });

  it('writes the response as Kafka lays it out (INT16 epoch, topics of partition lists)', () => {
    const small = {
      throttleTimeMs: 0,
      transactionStates: [
        {
          errorCode: 0,
          transactionalId: 'x',
          transactionState: 'Ongoing',
          transactionTimeoutMs: 60_000,
          transactionStartTimeMs: 1000,
          producerId: 5,
          producerEpoch: 2,
          topics: [{ topic: 't', partitions: [4] }],
        },
      ],
    };
    expect(encodeBody((w) => DescribeTransactions.encodeResponse(w, 0, small)).toString('hex')).toBe(
      [
        '00000000', // throttle
        '02', // transaction states: 1
        '0000', // no error
        '0278', // "x"
        '08', // "Ongoing"
        Buffer.from('Ongoing').toString('hex'),
        '0000ea60', // timeout 60000 ms
        '00000000000003e8', // start time 1000
        '0000000000000005', // producer id
        '0002', // producer epoch (INT16)
        '02', // topics: 1
        '0274', // "t"
        '02', // partitions: 1
        '00000004',
        '00', // topic tags
        '00', // state tags
        '00', // response tags
      ].join(''),
    );
  });
});
