// DescribeConfigs: round trips at every version (isDefault only in v0, sources and synonyms
// from v1, types and documentation from v3), kafkajs 2.2.4 cross-checks (v0-2).
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { DescribeConfigs, type DescribeConfigsResponse } from './describe-configs.js';

const request = {
  resources: [
    { resourceType: 2, resourceName: 'orders', configurationKeys: ['retention.ms'] },
    { resourceType: 4, resourceName: '0', configurationKeys: null },
  ],
  includeSynonyms: true,
  includeDocumentation: true,
};

const entry = {
  name: 'retention.ms',
  value: '60000',
  readOnly: false,
  isDefault: true,
  configSource: 1,
  isSensitive: false,
  synonyms: [
    { name: 'retention.ms', value: '60000', source: 1 },
    { name: 'log.retention.ms', value: null, source: 5 },
  ],
  configType: 5,
  documentation: 'How long records are kept.',
};

const response: DescribeConfigsResponse = {
  throttleTimeMs: 6,
  results: [
    { errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 'orders', configs: [entry] },
    { errorCode: 3, errorMessage: 'Topic "x" does not exist', resourceType: 2, resourceName: 'x', configs: [] },
  ],
};

describe('DescribeConfigs', () => {
  it.each(versionsOf(DescribeConfigs))('v%i request round trip', (v) => {
    expect(requestRoundTrip(DescribeConfigs, v, request).decoded).toEqual({
      ...request,
      includeSynonyms: v >= 1,
      includeDocumentation: v >= 3,
    });
  });

  it.each(versionsOf(DescribeConfigs))('v%i response round trip', (v) => {
    const decoded = responseRoundTrip(DescribeConfigs, v, response).decoded;
    expect(decoded.throttleTimeMs).toBe(6);
    expect(decoded.results[1]).toEqual({ ...response.results[1], configs: [] });
    expect(decoded.results[0]!.configs).toEqual([
      {
        ...entry,
        isDefault: v === 0,
        configSource: v >= 1 ? 1 : -1,
        synonyms: v >= 1 ? entry.synonyms : [],
        configType: v >= 3 ? 5 : 0,
        documentation: v >= 3 ? entry.documentation : null,
      },
    ]);
  });

  describe('against kafkajs', () => {
    it.each([0, 1, 2])('v%i: decodes the request kafkajs encodes, and kafkajs decodes our response', async (v) => {
      const body = await kafkajsRequestBody('describeConfigs', v, {
        resources: [{ type: 2, name: 'orders', configNames: ['retention.ms'] }],
        includeSynonyms: true,
      });
      expect(decodeBody(body, (r) => DescribeConfigs.decodeRequest(r, v))).toEqual({
        resources: [{ resourceType: 2, resourceName: 'orders', configurationKeys: ['retention.ms'] }],
        includeSynonyms: v >= 1,
        includeDocumentation: false,
      });
      const decoded = await kafkajsDecodeResponse(
        'describeConfigs',
        v,
        encodeBody((w) => DescribeConfigs.encodeResponse(w, v, { throttleTimeMs: 0, results: [response.results[0]!] })),
      );
      expect(decoded.resources[0].configEntries[0]).toMatchObject({
        configName: 'retention.ms',
        configValue: '60000',
        readOnly: false,
        isSensitive: false,
        ...(v === 0 ? { isDefault: true } : { configSource: 1 }),
      });
      if (v >= 1) {
        expect(decoded.resources[0].configEntries[0].configSynonyms).toEqual([
          { configName: 'retention.ms', configValue: '60000', configSource: 1 },
          { configName: 'log.retention.ms', configValue: null, configSource: 5 },
        ]);
      }
    });
  });
});
