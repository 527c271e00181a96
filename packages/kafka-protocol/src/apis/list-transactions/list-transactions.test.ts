// ListTransactions: round trips at both versions (flexible in each; the duration filter
// from v1), and requests and a response byte by byte as assembled by hand from Kafka's
// definition (kafkajs has no such admin call).
import { describe, expect, it } from 'vitest';
import { decodeRequestFrame } from '../../api-frames.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { ListTransactions } from './list-transactions.js';

const request = { stateFilters: ['Ongoing', 'PrepareCommit'], producerIdFilters: [7, 2 ** 40], durationFilter: 30_000 };

const response = {
  throttleTimeMs: 0,
  errorCode: 0,
  unknownStateFilters: ['Sleeping'],
  transactionStates: [
    { transactionalId: 'billing-tx', producerId: 2 ** 40, transactionState: 'Ongoing' },
    { transactionalId: 'audit-tx', producerId: 7, transactionState: 'CompleteCommit' },
  ],
};

describe('ListTransactions', () => {
  it.each(versionsOf(ListTransactions))('v%i request round trip: the duration filter from v1 (-1 before)', (v) => {
    expect(requestRoundTrip(ListTransactions, v, request).decoded).toEqual(
      v >= 1 ? request : { ...request, durationFilter: -1 },
    );
  });

  it('v1 request: no duration filter means -1, every transaction', () => {
    expect(requestRoundTrip(ListTransactions, 1, { stateFilters: [], producerIdFilters: [] }).decoded).toEqual({
      stateFilters: [],
      producerIdFilters: [],
      durationFilter: -1,
    });
  });

  it.each(versionsOf(ListTransactions))('v%i response round trip (v1 is v0)', (v) => {
    expect(responseRoundTrip(ListTransactions, v, response).decoded).toEqual(response);
  });

  it('decodes a v1 request frame assembled by hand (request header v2, INT64 filters)', () => {
    const frame = Buffer.from(
      [
        '0042', // api key 66
        '0001', // version 1
        '0000000b', // correlation id
        'ffff', // client id null
        '00', // header tags
        '02', // state filters: 1
        '08', // "Ongoing"
        Buffer.from('Ongoing').toString('hex'),
        '02', // producer id filters: 1
        '0000000000000007',
        '0000000000007530', // duration filter 30000 ms
        '00', // request tags
      ].join(''),
      'hex',
    );
    const { header, headerVersion, body } = decodeRequestFrame(frame);
    expect([header.apiKey, header.apiVersion, header.correlationId, headerVersion]).toEqual([66, 1, 11, 2]);
    expect(
      decodeBody(frame.subarray(frame.length - body.remaining), (r) => ListTransactions.decodeRequest(r, 1)),
    ).toEqual({ stateFilters: ['Ongoing'], producerIdFilters: [7], durationFilter: 30_000 });
  });

  it('writes v0 requests without the duration filter', () => {
    expect(
      encodeBody((w) =>
        ListTransactions.encodeRequest(w, 0, { stateFilters: [], producerIdFilters: [], durationFilter: 5 }),
      ).toString('hex'),
    ).toBe('01' + '01' + '00'); // empty state filters, empty producer id filters, tags
  });

  it('writes the response as Kafka lays it out', () => {
    const small = {
      throttleTimeMs: 1,
      errorCode: 0,
      unknownStateFilters: ['z'],
      transactionStates: [{ transactionalId: 'x', producerId: 5, transactionState: 'Empty' }],
    };
    const hex = [
      '00000001', // throttle
      '0000', // no error
      '02', // unknown state filters: 1
      '027a', // "z"
      '02', // transaction states: 1
      '0278', // "x"
      '0000000000000005', // producer id
      '06', // "Empty"
      Buffer.from('Empty').toString('hex'),
      '00', // state tags
      '00', // response tags
    ].join('');
    for (const v of versionsOf(ListTransactions)) {
      expect(encodeBody((w) => ListTransactions.encodeResponse(w, v, small)).toString('hex')).toBe(hex);
    }
  });
});
