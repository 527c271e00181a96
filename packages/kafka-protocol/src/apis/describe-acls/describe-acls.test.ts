// DescribeAcls: round trips at every version, kafkajs 2.2.4 cross-checks (v0-1, all it has), and the
// flexible layout (v2) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { DescribeAcls } from './describe-acls.js';

const filter = {
  resourceTypeFilter: 2,
  resourceNameFilter: 'orders',
  patternTypeFilter: 4,
  principalFilter: 'User:alice',
  hostFilter: null,
  operation: 1,
  permissionType: 3,
};

const response = {
  throttleTimeMs: 0,
  errorCode: 0,
  errorMessage: null,
  resources: [
    {
      resourceType: 2,
      resourceName: 'ord',
      patternType: 4,
      acls: [{ principal: 'User:alice', host: '*', operation: 3, permissionType: 3 }],
    },
  ],
};

/** What version `v` carries: before v1 there is no pattern type, and it reads as literal (3). */
const atVersion = <T extends object>(value: T, field: string, v: number): T =>
  v >= 1 ? value : { ...value, [field]: 3 };

describe('DescribeAcls', () => {
  it.each(versionsOf(DescribeAcls))('v%i round trips', (v) => {
    expect(requestRoundTrip(DescribeAcls, v, filter).decoded).toEqual(atVersion(filter, 'patternTypeFilter', v));
    const resources = response.resources.map((r) => atVersion(r, 'patternType', v));
    expect(responseRoundTrip(DescribeAcls, v, response).decoded).toEqual({ ...response, resources });
  });

  it('v2 (flexible): compact strings and tagged fields, byte by byte', () => {
    const bytes = encodeBody((w) =>
      DescribeAcls.encodeRequest(w, 2, {
        resourceTypeFilter: 1,
        resourceNameFilter: null,
        patternTypeFilter: 1,
        principalFilter: 'User:a',
        hostFilter: null,
        operation: 1,
        permissionType: 1,
      }),
    );
    // type 1, name null (0), pattern 1, principal "User:a" (length+1 = 7), host null, operation 1, permission 1, no tags
    expect(bytes.toString('hex')).toBe(`01000107${Buffer.from('User:a').toString('hex')}00010100`);
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: both directions', async (v) => {
      const body = await kafkajsRequestBody('describeAcls', v, {
        resourceType: 2,
        resourceName: 'orders',
        resourcePatternType: 4,
        principal: 'User:alice',
        host: null,
        operation: 1,
        permissionType: 3,
      });
      expect(decodeBody(body, (r) => DescribeAcls.decodeRequest(r, v))).toEqual(
        atVersion(filter, 'patternTypeFilter', v),
      );
      const decoded = await kafkajsDecodeResponse(
        'describeAcls',
        v,
        encodeBody((w) => DescribeAcls.encodeResponse(w, v, response)),
      );
      expect(decoded.resources).toMatchObject([
        { resourceType: 2, resourceName: 'ord', acls: [{ principal: 'User:alice', host: '*', operation: 3 }] },
      ]);
    });
  });
});
