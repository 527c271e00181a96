// DeleteGroups: round trips at every version, kafkajs 2.2.4 cross-checks (v0-1, all it has), and the
// flexible layout (v2) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { DeleteGroups } from './delete-groups.js';

const response = {
  throttleTimeMs: 1,
  results: [
    { groupId: 'a', errorCode: 0 },
    { groupId: 'b', errorCode: 68 },
  ],
};

describe('DeleteGroups', () => {
  it.each(versionsOf(DeleteGroups))('v%i round trips', (v) => {
    expect(requestRoundTrip(DeleteGroups, v, { groupsNames: ['a', 'b'] }).decoded).toEqual({ groupsNames: ['a', 'b'] });
    expect(responseRoundTrip(DeleteGroups, v, response).decoded).toEqual(response);
  });

  it('v2 (flexible): compact, byte by byte', () => {
    const bytes = encodeBody((w) => DeleteGroups.encodeRequest(w, 2, { groupsNames: ['g'] }));
    expect(bytes.toString('hex')).toBe('02' + '0267' + '00');
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: both directions', async (v) => {
      const body = await kafkajsRequestBody('deleteGroups', v, ['a', 'b']);
      expect(decodeBody(body, (r) => DeleteGroups.decodeRequest(r, v))).toEqual({ groupsNames: ['a', 'b'] });
      const decoded = await kafkajsDecodeResponse(
        'deleteGroups',
        v,
        encodeBody((w) => DeleteGroups.encodeResponse(w, v, response)),
      );
      expect(decoded.results).toMatchObject([
        { groupId: 'a', errorCode: 0 },
        { groupId: 'b', errorCode: 68, error: { type: 'NON_EMPTY_GROUP' } }, // ERROR_CODES agrees with kafkajs
      ]);
    });
  });
});
