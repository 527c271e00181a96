// SyncGroup: round trips at every version, kafkajs 2.2.4 cross-checks in both directions (v0-3, all it has),
// and the flexible layout (v4+) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { SyncGroup, type SyncGroupRequest } from './sync-group.js';

const request: SyncGroupRequest = {
  groupId: 'billing',
  generationId: 4,
  memberId: 'member-a',
  groupInstanceId: 'instance-1',
  protocolType: 'consumer',
  protocolName: 'range',
  assignments: [
    { memberId: 'member-a', assignment: Buffer.from('0001', 'hex') },
    { memberId: 'member-b', assignment: Buffer.alloc(0) },
  ],
};

/** The versions kafkajs 2.2.4 implements. */
const KAFKAJS_VERSIONS = versionsOf(SyncGroup).filter((v) => v <= 3);

describe('SyncGroup', () => {
  it('v5: the protocol type and name, compact and nullable, byte by byte', () => {
    const bytes = encodeBody((w) =>
      SyncGroup.encodeResponse(w, 5, {
        errorCode: 0,
        protocolType: null,
        protocolName: 'r',
        assignment: Buffer.from([1]),
      }),
    );
    // throttle, error, protocol_type null (0), protocol_name "r", assignment [1], no tagged fields
    expect(bytes.toString('hex')).toBe('00000000' + '0000' + '00' + '0272' + '0201' + '00');
  });

  it.each(versionsOf(SyncGroup))('v%i request round trip (group instance id from v3)', (v) => {
    expect(requestRoundTrip(SyncGroup, v, request).decoded).toEqual({
      ...request,
      groupInstanceId: v >= 3 ? 'instance-1' : null,
      protocolType: v >= 5 ? 'consumer' : null,
      protocolName: v >= 5 ? 'range' : null,
    });
  });

  it.each(versionsOf(SyncGroup))('v%i response round trip', (v) => {
    const response = {
      throttleTimeMs: 7,
      errorCode: 0,
      protocolType: 'consumer',
      protocolName: 'range',
      assignment: Buffer.from('000100000000', 'hex'),
    };
    expect(responseRoundTrip(SyncGroup, v, response).decoded).toEqual({
      ...response,
      throttleTimeMs: v >= 1 ? 7 : 0,
      protocolType: v >= 5 ? 'consumer' : null,
      protocolName: v >= 5 ? 'range' : null,
    });
  });

  describe('against kafkajs', () => {
    it.each(KAFKAJS_VERSIONS)('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('syncGroup', v, {
        groupId: 'billing',
        generationId: 4,
        memberId: 'member-a',
        groupAssignment: [{ memberId: 'member-a', memberAssignment: Buffer.from([0, 1]) }],
      });
      expect(decodeBody(body, (r) => SyncGroup.decodeRequest(r, v))).toEqual({
        groupId: 'billing',
        generationId: 4,
        memberId: 'member-a',
        groupInstanceId: null,
        protocolType: null,
        protocolName: null,
        assignments: [{ memberId: 'member-a', assignment: Buffer.from([0, 1]) }],
      });
    });

    it.each(KAFKAJS_VERSIONS)('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'syncGroup',
        v,
        encodeBody((w) =>
          SyncGroup.encodeResponse(w, v, { throttleTimeMs: 7, errorCode: 0, assignment: Buffer.from([9]) }),
        ),
      );
      expect(decoded).toMatchObject({ errorCode: 0, memberAssignment: Buffer.from([9]) });
      if (v === 1) expect(decoded.throttleTime).toBe(7);
      if (v >= 2) expect(decoded.clientSideThrottleTime).toBe(7);
    });
  });
});
