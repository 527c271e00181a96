// SaslAuthenticate: round trips at every version, the flexible v2 byte by byte, and kafkajs 2.2.4 cross-checks (v0-1).
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { SaslAuthenticate } from './sasl-authenticate.js';

const token = Buffer.from('n,,n=alice,r=abc');

describe('SaslAuthenticate', () => {
  it.each(versionsOf(SaslAuthenticate))('v%i request round trip', (v) => {
    expect(requestRoundTrip(SaslAuthenticate, v, { authBytes: token }).decoded).toEqual({ authBytes: token });
  });

  it.each(versionsOf(SaslAuthenticate))('v%i response round trip (session lifetime from v1)', (v) => {
    const response = { errorCode: 58, errorMessage: 'Authentication failed', authBytes: token, sessionLifetimeMs: 5 };
    expect(responseRoundTrip(SaslAuthenticate, v, response).decoded).toEqual({
      ...response,
      sessionLifetimeMs: v >= 1 ? 5 : 0,
    });
  });

  it('writes v0 with an int32 size and v2 with a compact size and a tag buffer', () => {
    const authBytes = Buffer.from('ab');
    expect(requestRoundTrip(SaslAuthenticate, 0, { authBytes }).bytes.toString('hex')).toBe('000000026162');
    expect(requestRoundTrip(SaslAuthenticate, 2, { authBytes }).bytes.toString('hex')).toBe('03616200');
    const response = { errorCode: 0, errorMessage: null, authBytes, sessionLifetimeMs: 0 };
    expect(responseRoundTrip(SaslAuthenticate, 2, response).bytes.toString('hex')).toBe(
      `0000` + `00` + `036162` + `0000000000000000` + `00`,
    );
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: decodes the request kafkajs encodes', async (v) => {
      // kafkajs hands SaslAuthenticate a token already written as BYTES (size, then the token).
      const sized = Buffer.concat([Buffer.alloc(4), token]);
      sized.writeInt32BE(token.length, 0);
      const body = await kafkajsRequestBody('saslAuthenticate', v, { authBytes: sized });
      expect(decodeBody(body, (r) => SaslAuthenticate.decodeRequest(r, v))).toEqual({ authBytes: token });
    });

    it('v1: kafkajs decodes our response', async () => {
      const body = encodeBody((w) =>
        SaslAuthenticate.encodeResponse(w, 1, { errorCode: 0, errorMessage: null, authBytes: token }),
      );
      expect(await kafkajsDecodeResponse('saslAuthenticate', 1, body)).toMatchObject({
        errorCode: 0,
        errorMessage: null,
        sessionLifetimeMs: '0',
      });
    });
  });
});
