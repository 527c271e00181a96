// AddOffsetsToTxn: round trips at every version, v0 and the flexible v3 byte by byte, and kafkajs 2.2.4
// cross-checks (v0-1, all it has) in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { AddOffsetsToTxn } from './add-offsets-to-txn.js';

const request = { transactionalId: 'billing-tx', producerId: 2 ** 40, producerEpoch: 7, groupId: 'billing' };
const response = { throttleTimeMs: 3, errorCode: 90 };

describe('AddOffsetsToTxn', () => {
  it.each(versionsOf(AddOffsetsToTxn))('v%i round trips', (v) => {
    expect(requestRoundTrip(AddOffsetsToTxn, v, request).decoded).toEqual(request);
    expect(responseRoundTrip(AddOffsetsToTxn, v, response).decoded).toEqual(response);
  });

  it('writes v0 plainly and v3+ flexibly: compact strings and tag buffers', () => {
    const small = { transactionalId: 'tx', producerId: 5, producerEpoch: 1, groupId: 'g' };
    const ids = '0000000000000005' + '0001'; // producer id, epoch
    expect(requestRoundTrip(AddOffsetsToTxn, 0, small).bytes.toString('hex')).toBe(`00027478${ids}000167`);
    expect(requestRoundTrip(AddOffsetsToTxn, 3, small).bytes.toString('hex')).toBe(`037478${ids}026700`);
    const answer = { throttleTimeMs: 1, errorCode: 47 };
    expect(responseRoundTrip(AddOffsetsToTxn, 0, answer).bytes.toString('hex')).toBe('00000001002f');
    expect(responseRoundTrip(AddOffsetsToTxn, 3, answer).bytes.toString('hex')).toBe('00000001002f00');
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('addOffsetsToTxn', v, {
        transactionalId: 'billing-tx',
        producerId: 1234,
        producerEpoch: 7,
        groupId: 'billing',
      });
      expect(decodeBody(body, (r) => AddOffsetsToTxn.decodeRequest(r, v))).toEqual({
        transactionalId: 'billing-tx',
        producerId: 1234,
        producerEpoch: 7,
        groupId: 'billing',
      });
    });

    it.each([0, 1])('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'addOffsetsToTxn',
        v,
        encodeBody((w) => AddOffsetsToTxn.encodeResponse(w, v, { throttleTimeMs: 3, errorCode: 0 })),
      );
      expect(decoded).toMatchObject(
        v === 0 ? { throttleTime: 3, errorCode: 0 } : { throttleTime: 0, clientSideThrottleTime: 3, errorCode: 0 },
      );
    });
  });
});
