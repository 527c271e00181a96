// InitProducerId: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { InitProducerId, type InitProducerIdResponse } from './init-producer-id.js';

const response: InitProducerIdResponse = { throttleTimeMs: 3, errorCode: 0, producerId: 2 ** 40, producerEpoch: 7 };

describe('InitProducerId', () => {
  it.each(versionsOf(InitProducerId))('v%i request round trip (a null and a named transactional id)', (v) => {
    for (const transactionalId of [null, 'billing-tx']) {
      const request = { transactionalId, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 };
      expect(requestRoundTrip(InitProducerId, v, request).decoded).toEqual(request);
    }
  });

  it.each(versionsOf(InitProducerId))('v%i request round trip: producer id and epoch from v3', (v) => {
    const request = { transactionalId: null, transactionTimeoutMs: 1000, producerId: 2 ** 40, producerEpoch: 3 };
    expect(requestRoundTrip(InitProducerId, v, request).decoded).toEqual(
      v >= 3 ? request : { ...request, producerId: -1, producerEpoch: -1 },
    );
  });

  it.each(versionsOf(InitProducerId))('v%i response round trip', (v) => {
    expect(responseRoundTrip(InitProducerId, v, response).decoded).toEqual(response);
  });

  it('writes v2+ flexibly: compact transactional id and a tag buffer', () => {
    const request = { transactionalId: 'tx', transactionTimeoutMs: 1, producerId: -1, producerEpoch: -1 };
    expect(requestRoundTrip(InitProducerId, 1, request).bytes.toString('hex')).toBe('0002747800000001');
    expect(requestRoundTrip(InitProducerId, 2, request).bytes.toString('hex')).toBe('0374780000000100');
  });

  describe('against kafkajs', () => {
    // kafkajs 2.2.4 implements v0-1.
    it.each([0, 1])('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('initProducerId', v, { transactionalId: null, transactionTimeout: 5000 });
      expect(decodeBody(body, (r) => InitProducerId.decodeRequest(r, v))).toEqual({
        transactionalId: null,
        transactionTimeoutMs: 5000,
        producerId: -1,
        producerEpoch: -1,
      });
    });

    it.each([0, 1])('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'initProducerId',
        v,
        encodeBody((w) => InitProducerId.encodeResponse(w, v, { ...response, producerId: 1234 })),
      );
      expect(decoded).toMatchObject({ errorCode: 0, producerId: '1234', producerEpoch: 7 });
    });
  });
});
