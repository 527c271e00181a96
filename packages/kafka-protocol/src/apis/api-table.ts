/**
 * The table of every API this package implements: what a broker's ApiVersions answer
 * is derived from. A broker registers one handler per API (with the codec's range or a
 * narrower one) and builds its answer with `apiVersionsFrom(registrations)`; nobody
 * keeps a second list by hand.
 */

import { AddOffsetsToTxn } from './add-offsets-to-txn/add-offsets-to-txn.js';
import { AddPartitionsToTxn } from './add-partitions-to-txn/add-partitions-to-txn.js';
import { AlterConfigs } from './alter-configs/alter-configs.js';
import type { ApiCodec } from './api-codec.js';
import { type ApiVersionRange, ApiVersions } from './api-versions/api-versions.js';
import { CreateAcls } from './create-acls/create-acls.js';
import { CreatePartitions } from './create-partitions/create-partitions.js';
import { CreateTopics } from './create-topics/create-topics.js';
import { DeleteAcls } from './delete-acls/delete-acls.js';
import { DeleteGroups } from './delete-groups/delete-groups.js';
import { DeleteRecords } from './delete-records/delete-records.js';
import { DeleteTopics } from './delete-topics/delete-topics.js';
import { DescribeAcls } from './describe-acls/describe-acls.js';
import { DescribeCluster } from './describe-cluster/describe-cluster.js';
import { DescribeConfigs } from './describe-configs/describe-configs.js';
import { DescribeGroups } from './describe-groups/describe-groups.js';
import { DescribeLogDirs } from './describe-log-dirs/describe-log-dirs.js';
import { DescribeProducers } from './describe-producers/describe-producers.js';
import { DescribeTransactions } from './describe-transactions/describe-transactions.js';
import { EndTxn } from './end-txn/end-txn.js';
import { Fetch } from './fetch/fetch.js';
import { FindCoordinator } from './find-coordinator/find-coordinator.js';
import { Heartbeat } from './heartbeat/heartbeat.js';
import { IncrementalAlterConfigs } from './incremental-alter-configs/incremental-alter-configs.js';
import { InitProducerId } from './init-producer-id/init-producer-id.js';
import { JoinGroup } from './join-group/join-group.js';
import { LeaveGroup } from './leave-group/leave-group.js';
import { ListGroups } from './list-groups/list-groups.js';
import { ListOffsets } from './list-offsets/list-offsets.js';
import { ListTransactions } from './list-transactions/list-transactions.js';
import { Metadata } from './metadata/metadata.js';
import { OffsetCommit } from './offset-commit/offset-commit.js';
import { OffsetDelete } from './offset-delete/offset-delete.js';
import { OffsetFetch } from './offset-fetch/offset-fetch.js';
import { Produce } from './produce/produce.js';
import { SaslAuthenticate } from './sasl-authenticate/sasl-authenticate.js';
import { SaslHandshake } from './sasl-handshake/sasl-handshake.js';
import { SyncGroup } from './sync-group/sync-group.js';
import { TxnOffsetCommit } from './txn-offset-commit/txn-offset-commit.js';

/** Every codec, in API key order. */
export const KAFKA_APIS = [
  Produce,
  Fetch,
  ListOffsets,
  Metadata,
  OffsetCommit,
  OffsetFetch,
  FindCoordinator,
  JoinGroup,
  Heartbeat,
  LeaveGroup,
  SyncGroup,
  DescribeGroups,
  ListGroups,
  SaslHandshake,
  ApiVersions,
  CreateTopics,
  DeleteTopics,
  DeleteRecords,
  InitProducerId,
  AddPartitionsToTxn,
  AddOffsetsToTxn,
  EndTxn,
  TxnOffsetCommit,
  DescribeAcls,
  CreateAcls,
  DeleteAcls,
  DescribeConfigs,
  AlterConfigs,
  DescribeLogDirs,
  SaslAuthenticate,
  CreatePartitions,
  DeleteGroups,
  IncrementalAlterConfigs,
  OffsetDelete,
  DescribeCluster,
  DescribeProducers,
  DescribeTransactions,
  ListTransactions,
] as const;

/** Any of the codecs above. */
export type KafkaApi = (typeof KAFKA_APIS)[number];

export interface ApiTableEntry {
  apiKey: number;
  name: string;
  minVersion: number;
  maxVersion: number;
}

/** {apiKey, name, minVersion, maxVersion} for every API, in key order. */
export const API_TABLE: readonly ApiTableEntry[] = Object.freeze(
  KAFKA_APIS.map(({ apiKey, name, minVersion, maxVersion }) => Object.freeze({ apiKey, name, minVersion, maxVersion })),
);

const byKey = new Map<number, ApiCodec<unknown, unknown>>(KAFKA_APIS.map((api) => [api.apiKey, api]));

/** The codec for an API key, or undefined for a key this package does not implement. */
export function apiCodecFor(apiKey: number): ApiCodec<unknown, unknown> | undefined {
  return byKey.get(apiKey);
}

/** The api_keys of an ApiVersions answer: one range per registration, sorted by key. */
export function apiVersionsFrom(registrations: Iterable<ApiTableEntry | ApiVersionRange>): ApiVersionRange[] {
  return [...registrations]
    .map(({ apiKey, minVersion, maxVersion }) => ({ apiKey, minVersion, maxVersion }))
    .sort((a, b) => a.apiKey - b.apiKey);
}
