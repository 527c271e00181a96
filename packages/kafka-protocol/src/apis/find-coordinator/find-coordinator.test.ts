// FindCoordinator: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { COORDINATOR_KEY_TYPE, FindCoordinator, type FindCoordinatorResponse } from './find-coordinator.js';

const response: FindCoordinatorResponse = {
  throttleTimeMs: 1,
  errorCode: 0,
  errorMessage: null,
  nodeId: 0,
  host: 'localhost',
  port: 9092,
};

describe('FindCoordinator', () => {
  it.each(versionsOf(FindCoordinator))('v%i request round trip (key type from v1)', (v) => {
    const request = { key: 'billing', keyType: COORDINATOR_KEY_TYPE.transaction };
    expect(requestRoundTrip(FindCoordinator, v, request).decoded).toEqual({ key: 'billing', keyType: v >= 1 ? 1 : 0 });
  });

  it.each(versionsOf(FindCoordinator))('v%i response round trip (throttle and message from v1)', (v) => {
    const failed = { ...response, errorCode: 15, errorMessage: 'not yet', nodeId: -1, host: '', port: -1 };
    expect(responseRoundTrip(FindCoordinator, v, failed).decoded).toEqual({
      ...failed,
      throttleTimeMs: v >= 1 ? 1 : 0,
      errorMessage: v >= 1 ? 'not yet' : null,
    });
  });

  describe('against kafkajs', () => {
    it.each(versionsOf(FindCoordinator))('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('findCoordinator', v, {
        groupId: 'billing',
        coordinatorKey: 'billing',
        coordinatorType: 0,
      });
      expect(decodeBody(body, (r) => FindCoordinator.decodeRequest(r, v))).toEqual({ key: 'billing', keyType: 0 });
    });

    it.each(versionsOf(FindCoordinator))('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'findCoordinator',
        v,
        encodeBody((w) => FindCoordinator.encodeResponse(w, v, response)),
      );
      expect(decoded).toMatchObject({ errorCode: 0, coordinator: { nodeId: 0, host: 'localhost', port: 9092 } });
      if (v >= 1) expect(decoded.errorMessage).toBeNull();
      if (v === 1) expect(decoded.throttleTime).toBe(1);
      if (v === 2) expect(decoded.clientSideThrottleTime).toBe(1);
    });
  });
});
