// FindCoordinator: round trips at every version (one key v0-3, several v4), kafkajs 2.2.4 cross-checks in both
// directions (v0-2, all it has), and the flexible layout (v3+) byte by byte.
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
  it.each(versionsOf(FindCoordinator))('v%i request round trip (key type from v1, several keys from v4)', (v) => {
    const request = { key: 'billing', keyType: COORDINATOR_KEY_TYPE.transaction, coordinatorKeys: ['a', 'b'] };
    expect(requestRoundTrip(FindCoordinator, v, request).decoded).toEqual({
      key: v <= 3 ? 'billing' : '',
      keyType: v >= 1 ? 1 : 0,
      // v0-3's one key reads as a one-key list, so handlers see one shape.
      coordinatorKeys: v <= 3 ? ['billing'] : ['a', 'b'],
    });
  });

  it.each(versionsOf(FindCoordinator))('v%i response round trip (one coordinator v0-3, a list v4)', (v) => {
    const coordinators = [
      { key: 'a', nodeId: 0, host: 'h', port: 1, errorCode: 0, errorMessage: null },
      { key: 'b', nodeId: -1, host: '', port: -1, errorCode: 15, errorMessage: 'no' },
    ];
    const failed = {
      ...response,
      errorCode: 15,
      errorMessage: 'not yet',
      nodeId: -1,
      host: '',
      port: -1,
      coordinators,
    };
    const top = v <= 3;
    expect(responseRoundTrip(FindCoordinator, v, failed).decoded).toEqual({
      throttleTimeMs: v >= 1 ? 1 : 0,
      errorCode: top ? 15 : 0,
      errorMessage: top && v >= 1 ? 'not yet' : null,
      nodeId: top ? -1 : 0,
      host: '',
      port: top ? -1 : 0,
      coordinators: top ? [] : coordinators,
    });
  });

  it('v4 (flexible): a list of keys, compact, byte by byte', () => {
    const bytes = encodeBody((w) => FindCoordinator.encodeRequest(w, 4, { keyType: 0, coordinatorKeys: ['g'] }));
    expect(bytes.toString('hex')).toBe('00' + '02' + '0267' + '00');
  });

  describe('against kafkajs', () => {
    it.each([0, 1, 2])('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('findCoordinator', v, {
        groupId: 'billing',
        coordinatorKey: 'billing',
        coordinatorType: 0,
      });
      expect(decodeBody(body, (r) => FindCoordinator.decodeRequest(r, v))).toEqual({
        key: 'billing',
        keyType: 0,
        coordinatorKeys: ['billing'],
      });
    });

    it.each([0, 1, 2])('v%i: kafkajs decodes our response', async (v) => {
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
