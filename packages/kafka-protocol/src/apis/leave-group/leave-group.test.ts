// LeaveGroup: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { LeaveGroup } from './leave-group.js';

describe('LeaveGroup', () => {
  it.each(versionsOf(LeaveGroup))('v%i round trips', (v) => {
    const request = { groupId: 'billing', memberId: 'rdkafka-0c5a' };
    expect(requestRoundTrip(LeaveGroup, v, request).decoded).toEqual(request);
    expect(responseRoundTrip(LeaveGroup, v, { throttleTimeMs: 2, errorCode: 25 }).decoded).toEqual({
      throttleTimeMs: v >= 1 ? 2 : 0,
      errorCode: 25,
    });
  });

  describe('against kafkajs', () => {
    it.each(versionsOf(LeaveGroup))('v%i: both directions', async (v) => {
      const body = await kafkajsRequestBody('leaveGroup', v, { groupId: 'billing', memberId: 'm-1' });
      expect(decodeBody(body, (r) => LeaveGroup.decodeRequest(r, v))).toEqual({ groupId: 'billing', memberId: 'm-1' });
      const decoded = await kafkajsDecodeResponse(
        'leaveGroup',
        v,
        encodeBody((w) => LeaveGroup.encodeResponse(w, v, { throttleTimeMs: 2, errorCode: 0 })),
      );
      expect(decoded).toEqual(v >= 1 ? { throttleTime: 2, errorCode: 0 } : { errorCode: 0 });
    });
  });
});
