// DescribeGroups: round trips at every version (authorized operations v3+, instance ids v4+), kafkajs 2.2.4
// cross-checks (v0-2, all it has), and the flexible layout (v5) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { AUTHORIZED_OPERATIONS_UNKNOWN, DescribeGroups, type DescribeGroupsResponse } from './describe-groups.js';

const member = {
  memberId: 'rdkafka-1',
  groupInstanceId: 'pod-1',
  clientId: 'rdkafka',
  clientHost: '/127.0.0.1',
  memberMetadata: Buffer.from([0, 1]),
  memberAssignment: Buffer.from([0, 2]),
};

const response: DescribeGroupsResponse = {
  throttleTimeMs: 3,
  groups: [
    {
      errorCode: 0,
      groupId: 'billing',
      groupState: 'Stable',
      protocolType: 'consumer',
      protocolData: 'range',
      members: [member],
      authorizedOperations: 8,
    },
    { errorCode: 0, groupId: 'gone', groupState: 'Dead', protocolType: '', protocolData: '', members: [] },
  ],
};

describe('DescribeGroups', () => {
  it.each(versionsOf(DescribeGroups))('v%i request round trip', (v) => {
    const request = { groups: ['billing', 'gone'], includeAuthorizedOperations: true };
    expect(requestRoundTrip(DescribeGroups, v, request).decoded).toEqual({
      groups: ['billing', 'gone'],
      includeAuthorizedOperations: v >= 3,
    });
  });

  it.each(versionsOf(DescribeGroups))('v%i response round trip', (v) => {
    const [billing, gone] = response.groups;
    expect(responseRoundTrip(DescribeGroups, v, response).decoded).toEqual({
      throttleTimeMs: v >= 1 ? 3 : 0,
      groups: [
        {
          ...billing,
          members: [{ ...member, groupInstanceId: v >= 4 ? 'pod-1' : null }],
          authorizedOperations: v >= 3 ? 8 : AUTHORIZED_OPERATIONS_UNKNOWN,
        },
        { ...gone, authorizedOperations: AUTHORIZED_OPERATIONS_UNKNOWN },
      ],
    });
  });

  it('v5 (flexible): compact arrays and strings, byte by byte', () => {
    const bytes = encodeBody((w) =>
      DescribeGroups.encodeResponse(w, 5, {
        groups: [{ errorCode: 0, groupId: 'g', groupState: 'Dead', protocolType: '', protocolData: '', members: [] }],
      }),
    );
    expect(bytes.toString('hex')).toBe(
      ['00000000', '02', '0000', '0267', '0544656164', '01', '01', '01', '80000000', '00', '00'].join(''),
    );
  });

  describe('against kafkajs', () => {
    it.each([0, 1, 2])('v%i: both directions', async (v) => {
      const body = await kafkajsRequestBody('describeGroups', v, { groupIds: ['billing'] });
      expect(decodeBody(body, (r) => DescribeGroups.decodeRequest(r, v)).groups).toEqual(['billing']);
      const decoded = await kafkajsDecodeResponse(
        'describeGroups',
        v,
        encodeBody((w) => DescribeGroups.encodeResponse(w, v, response)),
      );
      expect(decoded.groups[0]).toEqual({
        errorCode: 0,
        groupId: 'billing',
        state: 'Stable',
        protocolType: 'consumer',
        protocol: 'range',
        members: [
          {
            memberId: 'rdkafka-1',
            clientId: 'rdkafka',
            clientHost: '/127.0.0.1',
            memberMetadata: Buffer.from([0, 1]),
            memberAssignment: Buffer.from([0, 2]),
          },
        ],
      });
    });
  });
});
