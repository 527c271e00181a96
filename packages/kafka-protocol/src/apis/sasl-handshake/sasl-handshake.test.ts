// SaslHandshake: round trips at both versions, the bytes, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { SaslHandshake } from './sasl-handshake.js';

describe('SaslHandshake', () => {
  it.each(versionsOf(SaslHandshake))('v%i request round trip, byte by byte', (v) => {
    const { bytes, decoded } = requestRoundTrip(SaslHandshake, v, { mechanism: 'PLAIN' });
    expect(decoded).toEqual({ mechanism: 'PLAIN' });
    expect(bytes.toString('hex')).toBe(`0005${Buffer.from('PLAIN').toString('hex')}`);
  });

  it.each(versionsOf(SaslHandshake))('v%i response round trip (error 33 with the enabled list)', (v) => {
    const response = { errorCode: 33, mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-512'] };
    expect(responseRoundTrip(SaslHandshake, v, response).decoded).toEqual(response);
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('saslHandshake', v, { mechanism: 'SCRAM-SHA-512' });
      expect(decodeBody(body, (r) => SaslHandshake.decodeRequest(r, v))).toEqual({ mechanism: 'SCRAM-SHA-512' });
    });

    it.each([0, 1])('v%i: kafkajs decodes our response', async (v) => {
      const body = encodeBody((w) => SaslHandshake.encodeResponse(w, v, { errorCode: 0, mechanisms: ['PLAIN'] }));
      expect(await kafkajsDecodeResponse('saslHandshake', v, body)).toEqual({
        errorCode: 0,
        enabledMechanisms: ['PLAIN'],
      });
    });
  });
});
