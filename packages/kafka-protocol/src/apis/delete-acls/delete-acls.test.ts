// DeleteAcls: round trips at every version, kafkajs 2.2.4 cross-checks (v0-1, all it has), and the
// flexible layout (v2) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { DeleteAcls } from './delete-acls.js';

const filter = {
  resourceTypeFilter: 2,
  resourceNameFilter: null,
  patternTypeFilter: 1,
  principalFilter: 'User:alice',
  hostFilter: '*',
  operation: 1,
  permissionType: 1,
};

const matching = {
  errorCode: 0,
  errorMessage: null,
  resourceType: 2,
  resourceName: 'orders',
  patternType: 3,
  principal: 'User:alice',
  host: '*',
  operation: 4,
  permissionType: 3,
};

const response = { throttleTimeMs: 0, filterResults: [{ errorCode: 0, errorMessage: null, matchingAcls: [matching] }] };

describe('DeleteAcls', () => {
  it.each(versionsOf(DeleteAcls))('v%i round trips', (v) => {
    const expected = v >= 1 ? filter : { ...filter, patternTypeFilter: 3 };
    expect(requestRoundTrip(DeleteAcls, v, { filters: [filter] }).decoded).toEqual({ filters: [expected] });
    expect(responseRoundTrip(DeleteAcls, v, response).decoded).toEqual(response);
  });

  it('v2 (flexible): compact, byte by byte', () => {
    const bytes = encodeBody((w) =>
      DeleteAcls.encodeRequest(w, 2, {
        filters: [
          {
            resourceTypeFilter: 1,
            resourceNameFilter: null,
            patternTypeFilter: 1,
            principalFilter: null,
            hostFilter: null,
            operation: 1,
            permissionType: 1,
          },
        ],
      }),
    );
    // 1 filter (2), any type, null name, any pattern, null principal, null host, any operation, any permission, tags
    expect(bytes.toString('hex')).toBe('02' + '01' + '00' + '01' + '00' + '00' + '01' + '01' + '00' + '00');
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: both directions', async (v) => {
      const body = await kafkajsRequestBody('deleteAcls', v, {
        filters: [
          {
            resourceType: 2,
            resourceName: null,
            resourcePatternType: 1,
            principal: 'User:alice',
            host: '*',
            operation: 1,
            permissionType: 1,
          },
        ],
      });
      const expected = v >= 1 ? filter : { ...filter, patternTypeFilter: 3 };
      expect(decodeBody(body, (r) => DeleteAcls.decodeRequest(r, v))).toEqual({ filters: [expected] });
      const decoded = await kafkajsDecodeResponse(
        'deleteAcls',
        v,
        encodeBody((w) => DeleteAcls.encodeResponse(w, v, response)),
      );
      expect(decoded.filterResponses[0].matchingAcls).toMatchObject([
        {
          resourceType: 2,
          resourceName: 'orders',
          principal: 'User:alice',
          host: '*',
          operation: 4,
          permissionType: 3,
        },
      ]);
    });
  });
});
