// EndTxn: round trips at every version, v0 and the flexible v3 and v5 byte by byte, and kafkajs 2.2.4
// cross-checks (v0-1, all it has) in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { EndTxn } from './end-txn.js';

const request = { transactionalId: 'billing-tx', producerId: 2 ** 40, producerEpoch: 7, committed: true };
const response = { throttleTimeMs: 3, errorCode: 90, producerId: 2 ** 40, producerEpoch: 8 };

describe('EndTxn', () => {
  it.each(versionsOf(EndTxn))('v%i request round trip (commit and abort)', (v) => {
    for (const committed of [true, false]) {
      expect(requestRoundTrip(EndTxn, v, { ...request, committed }).decoded).toEqual({ ...request, committed });
    }
  });

  it.each(versionsOf(EndTxn))('v%i response round trip: producer id and epoch from v5', (v) => {
    expect(responseRoundTrip(EndTxn, v, response).decoded).toEqual(
      v >= 5 ? response : { ...response, producerId: -1, producerEpoch: -1 },
    );
  });

  it('v5 response: producer id and epoch default to -1 when left out', () => {
    expect(responseRoundTrip(EndTxn, 5, { throttleTimeMs: 0, errorCode: 0 }).decoded).toEqual({
      throttleTimeMs: 0,
      errorCode: 0,
      producerId: -1,
      producerEpoch: -1,
    });
  });

  it('writes v0 plainly and v3+ flexibly: compact transactional id and tag buffers', () => {
    const small = { transactionalId: 'tx', producerId: 5, producerEpoch: 1, committed: true };
    const fixed = '0000000000000005' + '0001' + '01'; // producer id, epoch, committed
    expect(requestRoundTrip(EndTxn, 0, small).bytes.toString('hex')).toBe(`00027478${fixed}`);
    expect(requestRoundTrip(EndTxn, 3, small).bytes.toString('hex')).toBe(`037478${fixed}00`);
    const answer = { throttleTimeMs: 1, errorCode: 47, producerId: 6, producerEpoch: 2 };
    expect(responseRoundTrip(EndTxn, 0, answer).bytes.toString('hex')).toBe('00000001' + '002f');
    expect(responseRoundTrip(EndTxn, 3, answer).bytes.toString('hex')).toBe('00000001' + '002f' + '00');
    expect(responseRoundTrip(EndTxn, 5, answer).bytes.toString('hex')).toBe(
      '00000001' + '002f' + '0000000000000006' + '0002' + '00',
    );
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: decodes the request kafkajs encodes (commit and abort)', async (v) => {
      for (const committed of [true, false]) {
        const body = await kafkajsRequestBody('endTxn', v, {
          transactionalId: 'billing-tx',
          producerId: 1234,
          producerEpoch: 7,
          transactionResult: committed,
        });
        expect(decodeBody(body, (r) => EndTxn.decodeRequest(r, v))).toEqual({
          transactionalId: 'billing-tx',
          producerId: 1234,
          producerEpoch: 7,
          committed,
        });
      }
    });

    it.each([0, 1])('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'endTxn',
        v,
        encodeBody((w) => EndTxn.encodeResponse(w, v, { throttleTimeMs: 3, errorCode: 0 })),
      );
      expect(decoded).toMatchObject(
        v === 0 ? { throttleTime: 3, errorCode: 0 } : { throttleTime: 0, clientSideThrottleTime: 3, errorCode: 0 },
      );
    });
  });
});
