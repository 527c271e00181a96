// JoinGroup: round trips at every version, kafkajs 2.2.4 cross-checks in both directions (v0-5, all it has),
// and the flexible layout (v6+) byte by byte.
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
  reason: 'rebalance needed',
};

/** The versions kafkajs 2.2.4 implements. */
const KAFKAJS_VERSIONS = versionsOf(JoinGroup).filter((v) => v <= 5);

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
      rebalanceTimeoutMs: v >= 1 ? 60_000 : -1, // v0 has none: the coordinator uses the session timeout
      groupInstanceId: v >= 5 ? 'instance-1' : null,
      reason: v >= 8 ? 'rebalance needed' : null,
    });
  });

  it.each(versionsOf(JoinGroup))('v%i response round trip', (v) => {
    const { decoded } = responseRoundTrip(JoinGroup, v, response);
    expect(decoded).toEqual({
      ...response,
      throttleTimeMs: v >= 2 ? 9 : 0,
      protocolType: null,
      skipAssignment: false,
      members: response.members.map((m) => ({ ...m, groupInstanceId: v >= 5 ? m.groupInstanceId : null })),
    });
  });

  describe('against kafkajs', () => {
    it.each(KAFKAJS_VERSIONS)('v%i: decodes the request kafkajs encodes', async (v) => {
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
        rebalanceTimeoutMs: v >= 1 ? 60_000 : -1,
        memberId: 'm-1',
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([1, 2, 3]) }],
        reason: null,
      });
    });

    it.each(KAFKAJS_VERSIONS)('v%i: kafkajs decodes our response', async (v) => {
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

  it('v9: compact strings and bytes, tagged fields, the protocol type and SkipAssignment, byte by byte', () => {
    const answer: JoinGroupResponse = {
      errorCode: 0,
      generationId: 2,
      protocolType: 'consumer',
      protocolName: 'range',
      leader: 'a',
      skipAssignment: true,
      memberId: 'a',
      members: [{ memberId: 'a', groupInstanceId: 'p', metadata: Buffer.from([7]) }],
    };
    const bytes = encodeBody((w) => JoinGroup.encodeResponse(w, 9, answer));
    expect(bytes.toString('hex')).toBe(
      [
        '00000000', // throttle_time_ms
        '0000', // error_code
        '00000002', // generation_id
        '09636f6e73756d6572', // protocol_type: compact nullable string (length + 1)
        '0672616e6765', // protocol_name
        '0261', // leader
        '01', // skip_assignment
        '0261', // member_id
        '02', // members: compact array (count + 1)
        '0261', // member_id
        '0270', // group_instance_id
        '0207', // metadata: compact bytes
        '00', // member tagged fields
        '00', // tagged fields
      ].join(''),
    );
    expect(decodeBody(bytes, (r) => JoinGroup.decodeResponse(r, 9))).toEqual({ ...answer, throttleTimeMs: 0 });
  });
});
