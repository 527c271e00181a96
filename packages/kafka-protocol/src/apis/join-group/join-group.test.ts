// JoinGroup: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { ERROR_CODES } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { JoinGroup, type JoinGroupRequest, type JoinGroupResponse } from './join-group.js';

const request: JoinGroupRequest = {
  groupId: 'billing',
  sessionTimeoutMs: 30_000,
  rebalanceTimeoutMs: 60_000,
  memberId: '',
  groupInstanceId: 'instance-1',
  protocolType: 'consumer',
  protocols: [
    { name: 'range', metadata: Buffer.from('0001000000010006746f70696331ffffffff', 'hex') },
    { name: 'roundrobin', metadata: Buffer.alloc(0) },
  ],
};

const response: JoinGroupResponse = {
  throttleTimeMs: 9,
  errorCode: 0,
  generationId: 4,
  protocolName: 'range',
  leader: 'member-a',
  memberId: 'member-a',
  members: [
    { memberId: 'member-a', groupInstanceId: 'instance-1', metadata: Buffer.from('abcd', 'hex') },
    { memberId: 'member-b', groupInstanceId: null, metadata: Buffer.alloc(0) },
  ],
};

describe('JoinGroup', () => {
  it.each(versionsOf(JoinGroup))('v%i request round trip', (v) => {
    expect(requestRoundTrip(JoinGroup, v, request).decoded).toEqual({
      ...request,
      rebalanceTimeoutMs: v >= 1 ? 60_000 : 30_000, // v0: the session timeout stands in
      groupInstanceId: v >= 5 ? 'instance-1' : null,
    });
  });

  it.each(versionsOf(JoinGroup))('v%i response round trip', (v) => {
    const { decoded } = responseRoundTrip(JoinGroup, v, response);
    expect(decoded).toEqual({
      ...response,
      throttleTimeMs: v >= 2 ? 9 : 0,
      members: response.members.map((m) => ({ ...m, groupInstanceId: v >= 5 ? m.groupInstanceId : null })),
    });
  });

  describe('against kafkajs', () => {
    it.each(versionsOf(JoinGroup))('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('joinGroup', v, {
        groupId: 'billing',
        sessionTimeout: 30_000,
        rebalanceTimeout: 60_000,
        memberId: 'm-1',
        protocolType: 'consumer',
        groupProtocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([1, 2, 3]) }],
      });
      expect(decodeBody(body, (r) => JoinGroup.decodeRequest(r, v))).toEqual({
        groupId: 'billing',
        sessionTimeoutMs: 30_000,
        rebalanceTimeoutMs: v >= 1 ? 60_000 : 30_000,
        memberId: 'm-1',
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([1, 2, 3]) }],
      });
    });

    it.each(versionsOf(JoinGroup))('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'joinGroup',
        v,
        encodeBody((w) => JoinGroup.encodeResponse(w, v, response)),
      );
      expect(decoded).toMatchObject({
        errorCode: 0,
        generationId: 4,
        groupProtocol: 'range',
        leaderId: 'member-a',
        memberId: 'member-a',
      });
      expect(decoded.members).toEqual([
        {
          memberId: 'member-a',
          ...(v >= 5 ? { groupInstanceId: 'instance-1' } : {}),
          memberMetadata: Buffer.from('abcd', 'hex'),
        },
        { memberId: 'member-b', ...(v >= 5 ? { groupInstanceId: null } : {}), memberMetadata: Buffer.alloc(0) },
      ]);
    });

    it('v5: MEMBER_ID_REQUIRED carries the id to rejoin with', async () => {
      const required: JoinGroupResponse = {
        errorCode: ERROR_CODES.MEMBER_ID_REQUIRED.code,
        generationId: -1,
        protocolName: '',
        leader: '',
        memberId: 'kafkajs-1234',
        members: [],
      };
      const decoded = await kafkajsDecodeResponse(
        'joinGroup',
        5,
        encodeBody((w) => JoinGroup.encodeResponse(w, 5, required)),
      );
      expect(decoded).toMatchObject({ errorCode: 79, memberId: 'kafkajs-1234' }); // ERROR_CODES agrees with kafkajs
    });
  });
});
