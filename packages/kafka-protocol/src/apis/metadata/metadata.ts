/**
 * Metadata (API key 3), versions 0-4. Not flexible (that starts at 9).
 *
 * Request:
 *   topics                   [name string]   v0: [] means all topics
 *                            nullable (v1+): null means all topics, [] means none
 *   allow_auto_topic_creation boolean (v4+)  default true
 *
 * Response:
 *   throttle_time_ms int32 (v3+)
 *   brokers          [node_id int32, host string, port int32, rack nullable string (v1+)]
 *   cluster_id       nullable string (v2+)
 *   controller_id    int32 (v1+)
 *   topics           [error_code int16, name string, is_internal boolean (v1+),
 *                     partitions [error_code int16, partition_index int32, leader_id int32,
 *                                 replica_nodes [int32], isr_nodes [int32]]]
 *
 * The decoded request says "all topics" the same way in every version: `topics: null`
 * (a v0 empty array is turned into null). A v0 request cannot ask for no topics, so
 * encoding `topics: []` at v0 throws.
 */
import { KafkaProtocolError } from '../../errors.js';
import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface MetadataRequest {
  /** null = every topic (v0: sent as []). */
  topics: { name: string }[] | null;
  /** v4+; true before. */
  allowAutoTopicCreation: boolean;
}

export interface MetadataResponse {
  /** v3+; default 0. */
  throttleTimeMs?: number;
  brokers: MetadataBroker[];
  /** v2+; default null. */
  clusterId?: string | null;
  /** v1+; default -1. */
  controllerId?: number;
  topics: MetadataTopic[];
}

export interface MetadataBroker {
  nodeId: number;
  host: string;
  port: number;
  /** v1+; default null. */
  rack?: string | null;
}

export interface MetadataTopic {
  errorCode: number;
  name: string;
  /** v1+; default false. */
  isInternal?: boolean;
  partitions: MetadataPartition[];
}

export interface MetadataPartition {
  errorCode: number;
  partitionIndex: number;
  leaderId: number;
  replicaNodes: number[];
  isrNodes: number[];
}

function decodeRequest(r: Reader, version: number): MetadataRequest {
  const readTopic = (t: Reader) => ({ name: t.string() });
  let topics = version >= 1 ? r.nullableArray(readTopic, 2) : r.array(readTopic, 2);
  if (version === 0 && topics?.length === 0) topics = null;
  return { topics, allowAutoTopicCreation: version >= 4 ? r.boolean() : true };
}

function encodeRequest(w: Writer, version: number, request: MetadataRequest): void {
  const writeTopic = (t: Writer, topic: { name: string }) => t.string(topic.name);
  if (version >= 1) w.nullableArray(request.topics, writeTopic);
  else if (request.topics === null) w.array([], writeTopic);
  else if (request.topics.length === 0) {
    throw new KafkaProtocolError('invalid-value', 'Metadata v0 cannot ask for no topics: [] means all', { version });
  } else w.array(request.topics, writeTopic);
  if (version >= 4) w.boolean(request.allowAutoTopicCreation);
}

function encodeResponse(w: Writer, version: number, response: MetadataResponse): void {
  if (version >= 3) w.int32(response.throttleTimeMs ?? 0);
  w.array(response.brokers, (b, broker) => {
    b.int32(broker.nodeId).string(broker.host).int32(broker.port);
    if (version >= 1) b.nullableString(broker.rack ?? null);
  });
  if (version >= 2) w.nullableString(response.clusterId ?? null);
  if (version >= 1) w.int32(response.controllerId ?? -1);
  w.array(response.topics, (t, topic) => {
    t.int16(topic.errorCode).string(topic.name);
    if (version >= 1) t.boolean(topic.isInternal ?? false);
    t.array(topic.partitions, (p, partition) => {
      p.int16(partition.errorCode).int32(partition.partitionIndex).int32(partition.leaderId);
      p.int32Array(partition.replicaNodes).int32Array(partition.isrNodes);
    });
  });
}

function decodeResponse(r: Reader, version: number): MetadataResponse {
  const throttleTimeMs = version >= 3 ? r.int32() : 0;
  const brokers = r.array(
    (b): MetadataBroker => ({
      nodeId: b.int32(),
      host: b.string(),
      port: b.int32(),
      rack: version >= 1 ? b.nullableString() : null,
    }),
  );
  const clusterId = version >= 2 ? r.nullableString() : null;
  const controllerId = version >= 1 ? r.int32() : -1;
  const topics = r.array(
    (t): MetadataTopic => ({
      errorCode: t.int16(),
      name: t.string(),
      isInternal: version >= 1 ? t.boolean() : false,
      partitions: t.array(
        (p): MetadataPartition => ({
          errorCode: p.int16(),
          partitionIndex: p.int32(),
          leaderId: p.int32(),
          replicaNodes: p.int32Array(),
          isrNodes: p.int32Array(),
        }),
      ),
    }),
  );
  return { throttleTimeMs, brokers, clusterId, controllerId, topics };
}

export const Metadata = defineApi<MetadataRequest, MetadataResponse>({
  apiKey: API_KEYS.Metadata,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 4,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
