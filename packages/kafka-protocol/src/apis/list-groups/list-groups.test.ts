// ListGroups: round trips at every version (state filter v4, type filter v5), kafkajs 2.2.4 cross-checks
// (v0-2, all it has), and the flexible layout (v3+) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { ListGroups, type ListGroupsResponse } from './list-groups.js';

const response: ListGroupsResponse = {
  throttleTimeMs: 4,
  errorCode: 0,
  groups: [
    { groupId: 'billing', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' },
    { groupId: 'web', protocolType: '', groupState: 'Empty', groupType: 'classic' },
  ],
};

describe('ListGroups', () => {
  it.each(versionsOf(ListGroups))('v%i request round trip (states filter v4+, types filter v5+)', (v) => {
    const request = { statesFilter: ['Stable'], typesFilter: ['classic'] };
    expect(requestRoundTrip(ListGroups, v, request).decoded).toEqual({
      statesFilter: v >= 4 ? ['Stable'] : [],
      typesFilter: v >= 5 ? ['classic'] : [],
    });
  });

  it.each(versionsOf(ListGroups))('v%i response round trip (state v4+, type v5+)', (v) => {
    expect(responseRoundTrip(ListGroups, v, response).decoded).toEqual({
      throttleTimeMs: v >= 1 ? 4 : 0,
      errorCode: 0,
      groups: response.groups.map((g) => ({
        ...g,
        groupState: v >= 4 ? g.groupState : '',
        groupType: v >= 5 ? g.groupType : '',
      })),
    });
  });

  it('v5 (flexible): compact strings and tagged fields, byte by byte', () => {
    const bytes = encodeBody((w) =>
      ListGroups.encodeResponse(w, 5, {
        errorCode: 0,
        groups: [{ groupId: 'g', protocolType: '', groupState: 'Empty', groupType: 'classic' }],
      }),
    );
    expect(bytes.toString('hex')).toBe(
      ['00000000', '0000', '02', '0267', '01', '06456d707479', '08636c6173736963', '00', '00'].join(''),
    );
  });

  describe('against kafkajs', () => {
    it.each([0, 1, 2])('v%i: both directions', async (v) => {
      const body = await kafkajsRequestBody('listGroups', v, {});
      expect(decodeBody(body, (r) => ListGroups.decodeRequest(r, v))).toEqual({ statesFilter: [], typesFilter: [] });
      const decoded = await kafkajsDecodeResponse(
        'listGroups',
        v,
        encodeBody((w) => ListGroups.encodeResponse(w, v, response)),
      );
      expect(decoded).toMatchObject({
        errorCode: 0,
        groups: [
          { groupId: 'billing', protocolType: 'consumer' },
          { groupId: 'web', protocolType: '' },
        ],
      });
    });
  });
});
