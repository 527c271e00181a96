/**
 * Which header a request or response uses, by API key and version.
 *
 * Kafka made each API "flexible" (compact strings and arrays, tagged fields) from some
 * version on. A flexible request uses request header v2 (v1 + tagged fields), others
 * header v1; a flexible response uses response header v1 (correlation id + tagged
 * fields), others v0, EXCEPT ApiVersions, whose response header is always v0 so a
 * client can read it before it knows what the broker speaks.
 *
 * The table holds the first flexible version of every API this package knows, from the
 * schemas' "flexibleVersions", even where it lies beyond the versions we implement: a
 * newer client's request header must still parse so the broker can answer
 * UNSUPPORTED_VERSION instead of misreading the stream.
 */

/** Kafka's API keys for the APIs this package implements. */
export const API_KEYS = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  ApiVersions: 18,
  CreateTopics: 19,
  InitProducerId: 22,
} as const;

export type ApiName = keyof typeof API_KEYS;

/** First flexible version per API key (from each schema's "flexibleVersions"). */
export const FIRST_FLEXIBLE_VERSION: Readonly<Record<number, number>> = {
  [API_KEYS.Produce]: 9,
  [API_KEYS.Fetch]: 12,
  [API_KEYS.ListOffsets]: 6,
  [API_KEYS.Metadata]: 9,
  [API_KEYS.OffsetCommit]: 8,
  [API_KEYS.OffsetFetch]: 6,
  [API_KEYS.FindCoordinator]: 3,
  [API_KEYS.JoinGroup]: 6,
  [API_KEYS.Heartbeat]: 4,
  [API_KEYS.LeaveGroup]: 4,
  [API_KEYS.SyncGroup]: 4,
  [API_KEYS.ApiVersions]: 3,
  [API_KEYS.CreateTopics]: 5,
  [API_KEYS.InitProducerId]: 2,
};

/** True when `apiVersion` of `apiKey` is flexible. Unknown API keys count as not flexible. */
export function isFlexibleVersion(apiKey: number, apiVersion: number): boolean {
  const first = FIRST_FLEXIBLE_VERSION[apiKey];
  return first !== undefined && apiVersion >= first;
}

/** Request header version: 2 for flexible requests, else 1. */
export function requestHeaderVersion(apiKey: number, apiVersion: number): 1 | 2 {
  return isFlexibleVersion(apiKey, apiVersion) ? 2 : 1;
}

/** Response header version: 1 for flexible responses other than ApiVersions, else 0. */
export function responseHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 {
  return apiKey !== API_KEYS.ApiVersions && isFlexibleVersion(apiKey, apiVersion) ? 1 : 0;
}
