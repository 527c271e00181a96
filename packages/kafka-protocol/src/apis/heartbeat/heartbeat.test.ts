// Heartbeat: round trips at every version, kafkajs 2.2.4 cross-checks in both directions (v0-3),
// and the flexible v4 byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { Heartbeat } from './heartbeat.js';

/** The versions kafkajs 2.2.4 implements. */
const KAFKAJS_VERSIONS = versionsOf(Heartbeat).filter((v) => v <= 3);

describe('Heartbeat', () => {
  it('v4 (flexible): compact strings and tagged fields, byte by byte', () => {
    const bytes = encodeBody((w) =>
      Heartbeat.encodeRequest(w, 4, { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null }),
    );
    expect(bytes.toString('hex')).toBe('0267' + '00000001' + '026d' + '00' + '00');
  });

  it.each(versionsOf(Heartbeat))('v%i request round trip (group instance id from v3)', (v) => {
    const request = { groupId: 'billing', generationId: 2 ** 31 - 1, memberId: 'm', groupInstanceId: 'i' };
    expect(requestRoundTrip(Heartbeat, v, request).decoded).toEqual({
      ...request,
      groupInstanceId: v >= 3 ? 'i' : null,
    });
  });

  it.each(versionsOf(Heartbeat))('v%i response round trip', (v) => {
    expect(responseRoundTrip(Heartbeat, v, { throttleTimeMs: 3, errorCode: 27 }).decoded).toEqual({
      throttleTimeMs: v >= 1 ? 3 : 0,
      errorCode: 27,
    });
  });

  describe('against kafkajs', () => {
    it.each(KAFKAJS_VERSIONS)('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('heartbeat', v, {
        groupId: 'billing',
        groupGenerationId: 5,
        memberId: 'm-1',
        groupInstanceId: null,
      });
      expect(decodeBody(body, (r) => Heartbeat.decodeRequest(r, v))).toEqual({
        groupId: 'billing',
        generationId: 5,
        memberId: 'm-1',
        groupInstanceId: null,
      });
    });

    it.each(KAFKAJS_VERSIONS)('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'heartbeat',
        v,
        encodeBody((w) => Heartbeat.encodeResponse(w, v, { throttleTimeMs: 3, errorCode: 27 })),
      );
      expect(decoded.errorCode).toBe(27);
      if (v === 1) expect(decoded.throttleTime).toBe(3);
      if (v >= 2) expect(decoded.clientSideThrottleTime).toBe(3);
    });
  });
});
