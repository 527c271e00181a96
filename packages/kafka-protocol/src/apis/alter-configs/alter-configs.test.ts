// AlterConfigs: round trips at every version, kafkajs 2.2.4 cross-checks (v0-1).
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { AlterConfigs } from './alter-configs.js';

const request = {
  resources: [
    {
      resourceType: 2,
      resourceName: 'orders',
      configs: [
        { name: 'retention.ms', value: '1000' },
        { name: 'segment.ms', value: null },
      ],
    },
  ],
  validateOnly: true,
};

const response = {
  throttleTimeMs: 2,
  responses: [
    { errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 'orders' },
    { errorCode: 42, errorMessage: 'Broker configs are read-only', resourceType: 4, resourceName: '0' },
  ],
};

describe('AlterConfigs', () => {
  it.each(versionsOf(AlterConfigs))('v%i round trips', (v) => {
    expect(requestRoundTrip(AlterConfigs, v, request).decoded).toEqual(request);
    expect(responseRoundTrip(AlterConfigs, v, response).decoded).toEqual(response);
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: decodes the request kafkajs encodes, and kafkajs decodes our response', async (v) => {
      const body = await kafkajsRequestBody('alterConfigs', v, {
        resources: [{ type: 2, name: 'orders', configEntries: [{ name: 'retention.ms', value: '1000' }] }],
      });
      expect(decodeBody(body, (r) => AlterConfigs.decodeRequest(r, v))).toEqual({
        resources: [{ resourceType: 2, resourceName: 'orders', configs: [{ name: 'retention.ms', value: '1000' }] }],
        validateOnly: false,
      });
      const decoded = await kafkajsDecodeResponse(
        'alterConfigs',
        v,
        encodeBody((w) =>
          AlterConfigs.encodeResponse(w, v, { throttleTimeMs: 0, responses: [response.responses[0]!] }),
        ),
      );
      expect(decoded.resources).toEqual([
        { errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 'orders' },
      ]);
    });
  });
});
