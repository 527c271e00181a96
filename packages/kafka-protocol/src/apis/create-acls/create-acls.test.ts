// CreateAcls: round trips at every version, kafkajs 2.2.4 cross-checks (v0-1, all it has), and the
// flexible layout (v2) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { CreateAcls } from './create-acls.js';

const creation = {
  resourceType: 2,
  resourceName: 'orders',
  resourcePatternType: 4,
  principal: 'User:alice',
  host: '*',
  operation: 3,
  permissionType: 3,
};

const response = {
  throttleTimeMs: 0,
  results: [
    { errorCode: 0, errorMessage: null },
    { errorCode: 42, errorMessage: 'Invalid ACL: host must be an address or *' },
  ],
};

describe('CreateAcls', () => {
  it.each(versionsOf(CreateAcls))('v%i round trips', (v) => {
    const expected = v >= 1 ? creation : { ...creation, resourcePatternType: 3 };
    expect(requestRoundTrip(CreateAcls, v, { creations: [creation] }).decoded).toEqual({ creations: [expected] });
    expect(responseRoundTrip(CreateAcls, v, response).decoded).toEqual(response);
  });

  it('v2 (flexible): compact, byte by byte', () => {
    const bytes = encodeBody((w) =>
      CreateAcls.encodeRequest(w, 2, {
        creations: [
          {
            resourceType: 4,
            resourceName: 'c',
            resourcePatternType: 3,
            principal: 'U',
            host: '*',
            operation: 7,
            permissionType: 3,
          },
        ],
      }),
    );
    // 1 creation (2), type 4, "c", pattern 3, "U", "*", operation 7, permission 3, item tags, message tags
    expect(bytes.toString('hex')).toBe('02' + '04' + '0263' + '03' + '0255' + '022a' + '07' + '03' + '00' + '00');
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: both directions', async (v) => {
      const body = await kafkajsRequestBody('createAcls', v, { creations: [creation] });
      const expected = v >= 1 ? creation : { ...creation, resourcePatternType: 3 };
      expect(decodeBody(body, (r) => CreateAcls.decodeRequest(r, v))).toEqual({ creations: [expected] });
      const decoded = await kafkajsDecodeResponse(
        'createAcls',
        v,
        encodeBody((w) => CreateAcls.encodeResponse(w, v, { throttleTimeMs: 0, results: [response.results[0]!] })),
      );
      expect(decoded.creationResponses).toEqual([{ errorCode: 0, errorMessage: null }]);
    });
  });
});
