// IncrementalAlterConfigs: round trips at both versions, and the flexible v1 request byte by byte.
import { describe, expect, it } from 'vitest';
import { encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { IncrementalAlterConfigs } from './incremental-alter-configs.js';

const request = {
  resources: [
    {
      resourceType: 2,
      resourceName: 'orders',
      configs: [
        { name: 'retention.ms', configOperation: 0, value: '1000' },
        { name: 'segment.ms', configOperation: 1, value: null },
      ],
    },
  ],
  validateOnly: false,
};

const response = {
  throttleTimeMs: 0,
  responses: [{ errorCode: 40, errorMessage: 'Unknown topic config name: x', resourceType: 2, resourceName: 'orders' }],
};

describe('IncrementalAlterConfigs', () => {
  it.each(versionsOf(IncrementalAlterConfigs))('v%i round trips', (v) => {
    expect(requestRoundTrip(IncrementalAlterConfigs, v, request).decoded).toEqual(request);
    expect(responseRoundTrip(IncrementalAlterConfigs, v, response).decoded).toEqual(response);
  });

  it('v1 request, byte by byte (compact strings and arrays, tagged-field sections)', () => {
    const one = {
      resources: [{ resourceType: 2, resourceName: 't', configs: [{ name: 'a', configOperation: 3, value: 'b' }] }],
      validateOnly: true,
    };
    expect(encodeBody((w) => IncrementalAlterConfigs.encodeRequest(w, 1, one)).toString('hex')).toBe(
      ['02', '02', '0274', '02', '0261', '03', '0262', '00', '00', '01', '00'].join(''),
    );
  });
});
