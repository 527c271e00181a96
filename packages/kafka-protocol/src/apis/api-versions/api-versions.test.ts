// ApiVersions: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { ERROR_CODES } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { ApiVersions, type ApiVersionsResponse } from './api-versions.js';

const response: ApiVersionsResponse = {
  errorCode: 0,
  apiKeys: [
    { apiKey: 0, minVersion: 3, maxVersion: 7 },
    { apiKey: 18, minVersion: 0, maxVersion: 3 },
  ],
  throttleTimeMs: 10,
};

describe('ApiVersions', () => {
  it.each(versionsOf(ApiVersions))('v%i request round trip (client software from v3)', (v) => {
    const request = { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' };
    const { decoded, bytes } = requestRoundTrip(ApiVersions, v, request);
    expect(decoded).toEqual(v >= 3 ? request : { clientSoftwareName: '', clientSoftwareVersion: '' });
    if (v < 3) expect(bytes.length).toBe(0);
  });

  it('v3 request: compact strings then an empty tag section', () => {
    const { bytes } = requestRoundTrip(ApiVersions, 3, { clientSoftwareName: 'a', clientSoftwareVersion: '' });
    expect(bytes.toString('hex')).toBe('02' + '61' + '01' + '00');
  });

  it('v3 request: unknown tagged fields are skipped', () => {
    const body = Buffer.from('0261' + '01' + '01' + '05' + '03' + 'aabbcc', 'hex');
    expect(decodeBody(body, (r) => ApiVersions.decodeRequest(r, 3))).toEqual({
      clientSoftwareName: 'a',
      clientSoftwareVersion: '',
    });
  });

  it.each(versionsOf(ApiVersions))('v%i response round trip (throttle from v1)', (v) => {
    expect(responseRoundTrip(ApiVersions, v, response).decoded).toEqual({
      ...response,
      throttleTimeMs: v >= 1 ? 10 : 0,
      supportedFeatures: [],
      finalizedFeaturesEpoch: -1,
      finalizedFeatures: [],
      zkMigrationReady: false,
    });
  });

  it('v3 features travel as tagged fields, in tag order, only when set', () => {
    const withFeatures = {
      errorCode: 0,
      apiKeys: [],
      supportedFeatures: [{ name: 'f', minVersion: 0, maxVersion: 1 }],
      zkMigrationReady: true,
    };
    const { bytes, decoded } = responseRoundTrip(ApiVersions, 3, withFeatures);
    expect(bytes.toString('hex')).toBe(
      // error, empty api keys, throttle, 2 tags: 0 (8 bytes: 1 feature "f" 0..1, no tags), 3 (1 byte: true)
      '0000' + '01' + '00000000' + '02' + '00' + '08' + '02' + '0266' + '0000' + '0001' + '00' + '03' + '01' + '01',
    );
    expect(decoded).toMatchObject({ supportedFeatures: withFeatures.supportedFeatures, zkMigrationReady: true });
    expect(decoded.finalizedFeaturesEpoch).toBe(-1);
  });

  it('v3 response body: error, compact array of (key, min, max, tags), throttle, tags', () => {
    const bytes = encodeBody((w) =>
      ApiVersions.encodeResponse(w, 3, { errorCode: 0, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }] }),
    );
    expect(bytes.toString('hex')).toBe('0000' + '02' + '0012' + '0000' + '0003' + '00' + '00000000' + '00');
  });

  it('v0 with UNSUPPORTED_VERSION, the answer to a too-new request', () => {
    const bytes = encodeBody((w) =>
      ApiVersions.encodeResponse(w, 0, {
        errorCode: ERROR_CODES.UNSUPPORTED_VERSION.code,
        apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }],
      }),
    );
    expect(bytes.toString('hex')).toBe('0023' + '00000001' + '001200000003');
  });

  describe('against kafkajs', () => {
    it.each([0, 1, 2])('v%i: both directions', async (v) => {
      const body = await kafkajsRequestBody('apiVersions', v, {});
      expect(decodeBody(body, (r) => ApiVersions.decodeRequest(r, v))).toEqual({
        clientSoftwareName: '',
        clientSoftwareVersion: '',
      });
      const decoded = await kafkajsDecodeResponse(
        'apiVersions',
        v,
        encodeBody((w) => ApiVersions.encodeResponse(w, v, response)),
      );
      expect(decoded.apiVersions).toEqual(response.apiKeys);
      expect(decoded.errorCode).toBe(0);
      if (v === 1) expect(decoded.throttleTime).toBe(10);
      if (v === 2) expect(decoded.clientSideThrottleTime).toBe(10);
    });
  });
});
