/**
 * ApiVersions (API key 18), versions 0-3. v3 is flexible, and the only flexible version
 * in this package.
 *
 * Request:
 *   v0-v2: empty
 *   v3:    client_software_name compact string, client_software_version compact string, tagged fields
 *          (and request header v2)
 *
 * Response:
 *   v0-v2: error_code int16, api_keys [api_key int16, min_version int16, max_version int16],
 *          throttle_time_ms int32 (v1+)
 *   v3:    error_code int16, api_keys compact [api_key int16, min_version int16, max_version int16, tagged fields],
 *          throttle_time_ms int32, tagged fields
 *   The response HEADER is v0 (correlation id only) for every version, v3 included.
 *
 * A client asking a version the broker lacks (librdkafka may send v4 one day) gets a v0
 * body with error 35 UNSUPPORTED_VERSION and the api_keys list (KIP-511); it then
 * retries with a version the list allows.
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface ApiVersionsRequest {
  /** v3+; "" before. */
  clientSoftwareName: string;
  /** v3+; "" before. */
  clientSoftwareVersion: string;
}

export interface ApiVersionRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

export interface ApiVersionsResponse {
  errorCode: number;
  apiKeys: ApiVersionRange[];
  /** v1+; default 0. */
  throttleTimeMs?: number;
}

const FLEXIBLE = 3;

function decodeRequest(r: Reader, version: number): ApiVersionsRequest {
  if (version < FLEXIBLE) return { clientSoftwareName: '', clientSoftwareVersion: '' };
  const request = { clientSoftwareName: r.compactString(), clientSoftwareVersion: r.compactString() };
  r.taggedFields();
  return request;
}

function encodeRequest(w: Writer, version: number, request: ApiVersionsRequest): void {
  if (version < FLEXIBLE) return;
  w.compactString(request.clientSoftwareName).compactString(request.clientSoftwareVersion).taggedFields();
}

function encodeResponse(w: Writer, version: number, response: ApiVersionsResponse): void {
  w.int16(response.errorCode);
  if (version >= FLEXIBLE) {
    w.compactArray(response.apiKeys, (k, range) => {
      k.int16(range.apiKey).int16(range.minVersion).int16(range.maxVersion).taggedFields();
    });
  } else {
    w.array(response.apiKeys, (k, range) => k.int16(range.apiKey).int16(range.minVersion).int16(range.maxVersion));
  }
  if (version >= 1) w.int32(response.throttleTimeMs ?? 0);
  if (version >= FLEXIBLE) w.taggedFields();
}

function decodeResponse(r: Reader, version: number): ApiVersionsResponse {
  const errorCode = r.int16();
  const readRange = (k: Reader): ApiVersionRange => ({
    apiKey: k.int16(),
    minVersion: k.int16(),
    maxVersion: k.int16(),
  });
  const apiKeys =
    version >= FLEXIBLE
      ? r.compactArray((k) => {
          const range = readRange(k);
          k.taggedFields();
          return range;
        }, 7)
      : r.array(readRange, 6);
  const throttleTimeMs = version >= 1 ? r.int32() : 0;
  if (version >= FLEXIBLE) r.taggedFields();
  return { errorCode, apiKeys, throttleTimeMs };
}

export const ApiVersions = defineApi<ApiVersionsRequest, ApiVersionsResponse>({
  apiKey: API_KEYS.ApiVersions,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 3,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
