/**
 * ApiVersions (API key 18), versions 0-3; flexible from 3.
 *
 * Request: empty before v3; v3 names the client software (KIP-511).
 * Response: error code, one range per API key, throttle time (v1+); v3 adds tagged
 * fields for features (KIP-584), which a broker without features leaves out.
 * The response HEADER is v0 (correlation id only) for every version, v3 included.
 *
 * A client asking a version the broker lacks (librdkafka may send v4 one day) gets a v0
 * body with error 35 UNSUPPORTED_VERSION and the api_keys list (KIP-511); it then
 * retries with a version the list allows.
 */

import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  clientSoftwareName: string('3+'),
  clientSoftwareVersion: string('3+'),
};

const response = {
  errorCode: int16('0+'),
  apiKeys: array('0+', { apiKey: int16('0+'), minVersion: int16('0+'), maxVersion: int16('0+') }),
  throttleTimeMs: int32('1+'),
  supportedFeatures: array('3+', { name: string('3+'), minVersion: int16('3+'), maxVersion: int16('3+') }, { tag: 0 }),
  finalizedFeaturesEpoch: int64('3+', { tag: 1, default: -1 }),
  finalizedFeatures: array(
    '3+',
    { name: string('3+'), maxVersionLevel: int16('3+'), minVersionLevel: int16('3+') },
    { tag: 2 },
  ),
  zkMigrationReady: bool('3+', { tag: 3 }),
};

export type ApiVersionsRequest = Message<typeof request>;
export type ApiVersionsResponse = MessageInput<typeof response>;
export type ApiVersionRange = ApiVersionsResponse['apiKeys'][number];

export const ApiVersions = defineSchemaApi({ name: 'ApiVersions', minVersion: 0, maxVersion: 3, request, response });
