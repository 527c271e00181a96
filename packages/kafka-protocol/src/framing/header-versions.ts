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

/**
 * Kafka's API keys: the APIs this package implements or will (SaslHandshake and OffsetDelete
 * are never flexible, so they have no entry in the table below).
 */
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
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteRecords: 21,
  InitProducerId: 22,
  AddPartitionsToTxn: 24,
  AddOffsetsToTxn: 25,
  EndTxn: 26,
  WriteTxnMarkers: 27,
  TxnOffsetCommit: 28,
  DescribeAcls: 29,
  CreateAcls: 30,
  DeleteAcls: 31,
  DescribeConfigs: 32,
  AlterConfigs: 33,
  DescribeLogDirs: 35,
  SaslAuthenticate: 36,
  CreatePartitions: 37,
  DeleteGroups: 42,
  IncrementalAlterConfigs: 44,
  OffsetDelete: 47,
  DescribeCluster: 60,
  DescribeProducers: 61,
  DescribeTransactions: 65,
  ListTransactions: 66,
} as const;

export type ApiName = keyof typeof API_KEYS;

/** First flexible version per API key (from each schema's "flexibleVersions"). */
export const FIRST_FLEXIBLE_VERSION: Readonly<Partial<Record<number, number>>> = {
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
  [API_KEYS.DescribeGroups]: 5,
  [API_KEYS.ListGroups]: 3,
  [API_KEYS.ApiVersions]: 3,
  [API_KEYS.CreateTopics]: 5,
  [API_KEYS.DeleteTopics]: 4,
  [API_KEYS.DeleteRecords]: 2,
  [API_KEYS.InitProducerId]: 2,
  [API_KEYS.AddPartitionsToTxn]: 3,
  [API_KEYS.AddOffsetsToTxn]: 3,
  [API_KEYS.EndTxn]: 3,
  [API_KEYS.WriteTxnMarkers]: 1,
  [API_KEYS.TxnOffsetCommit]: 3,
  [API_KEYS.DescribeAcls]: 2,
  [API_KEYS.CreateAcls]: 2,
  [API_KEYS.DeleteAcls]: 2,
  [API_KEYS.DescribeConfigs]: 4,
  [API_KEYS.AlterConfigs]: 2,
  [API_KEYS.DescribeLogDirs]: 2,
  [API_KEYS.SaslAuthenticate]: 2,
  [API_KEYS.CreatePartitions]: 2,
  [API_KEYS.DeleteGroups]: 2,
  [API_KEYS.IncrementalAlterConfigs]: 1,
  [API_KEYS.DescribeCluster]: 0,
  [API_KEYS.DescribeProducers]: 0,
  [API_KEYS.DescribeTransactions]: 0,
  [API_KEYS.ListTransactions]: 0,
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
