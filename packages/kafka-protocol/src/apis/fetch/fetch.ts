/**
 * Fetch (API key 1), versions 4-11. None is flexible (that starts at 12).
 *
 * Request:
 *   replica_id       int32      -1 for consumers
 *   max_wait_ms      int32
 *   min_bytes        int32
 *   max_bytes        int32 (v3+)
 *   isolation_level  int8  (v4+)  0 read_uncommitted, 1 read_committed
 *   session_id       int32 (v7+)  default 0
 *   session_epoch    int32 (v7+)  default -1
 *   topics           [name string,
 *                     partitions [partition_index int32, current_leader_epoch int32 (v9+, default -1),
 *                                 fetch_offset int64, log_start_offset int64 (v5+, default -1),
 *                                 partition_max_bytes int32]]
 *   forgotten_topics [name string, partition_indexes [int32]]  (v7+, default [])
 *   rack_id          string (v11+, default "")
 *
 * Response:
 *   throttle_time_ms int32
 *   error_code       int16 (v7+)
 *   session_id       int32 (v7+)
 *   responses        [name string,
 *                     partitions [partition_index int32, error_code int16, high_watermark int64,
 *                                 last_stable_offset int64 (v4+), log_start_offset int64 (v5+),
 *                                 aborted_transactions nullable [producer_id int64, first_offset int64] (v4+),
 *                                 preferred_read_replica int32 (v11+),
 *                                 records nullable records]]
 *
 * `records` are RecordBatch bytes served as stored (opaque; the last batch may be cut off).
 * The schema allows null records, but Kafka never sends them and librdkafka 2.0.2 rejects
 * them ("invalid MessageSetSize -1", checked against kcat): so the response type has no
 * null, "no data" is an empty Buffer (length 0), and a -1 read from the wire decodes as empty.
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

const EMPTY = Buffer.alloc(0);

export interface FetchRequest {
  replicaId: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  /** v7+; 0 outside a fetch session. */
  sessionId: number;
  /** v7+; -1 when not in a session. */
  sessionEpoch: number;
  topics: FetchRequestTopic[];
  /** v7+; [] before. */
  forgottenTopics: { name: string; partitionIndexes: number[] }[];
  /** v11+; "" before. */
  rackId: string;
}

export interface FetchRequestTopic {
  name: string;
  partitions: FetchRequestPartition[];
}

export interface FetchRequestPartition {
  partitionIndex: number;
  /** v9+; -1 before. */
  currentLeaderEpoch: number;
  fetchOffset: number;
  /** v5+; -1 before. */
  logStartOffset: number;
  partitionMaxBytes: number;
}

export interface FetchResponse {
  /** Default 0. */
  throttleTimeMs?: number;
  /** v7+; default 0. */
  errorCode?: number;
  /** v7+; default 0 (no session). */
  sessionId?: number;
  responses: FetchResponseTopic[];
}

export interface FetchResponseTopic {
  name: string;
  partitions: FetchResponsePartition[];
}

export interface FetchResponsePartition {
  partitionIndex: number;
  errorCode: number;
  highWatermark: number;
  /** v4+; default -1 (Mini Kafka sends the high watermark). */
  lastStableOffset?: number;
  /** v5+; default -1. */
  logStartOffset?: number;
  /** v4+; null (the default) or [] when there are none. */
  abortedTransactions?: { producerId: number; firstOffset: number }[] | null;
  /** v11+; default -1. */
  preferredReadReplica?: number;
  /** RecordBatch bytes; empty when there is nothing to return. */
  records: Buffer;
}

function decodeRequest(r: Reader, version: number): FetchRequest {
  const replicaId = r.int32();
  const maxWaitMs = r.int32();
  const minBytes = r.int32();
  const maxBytes = r.int32();
  const isolationLevel = r.int8();
  const sessionId = version >= 7 ? r.int32() : 0;
  const sessionEpoch = version >= 7 ? r.int32() : -1;
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array(
      (p): FetchRequestPartition => ({
        partitionIndex: p.int32(),
        currentLeaderEpoch: version >= 9 ? p.int32() : -1,
        fetchOffset: p.int64(),
        logStartOffset: version >= 5 ? p.int64() : -1,
        partitionMaxBytes: p.int32(),
      }),
    ),
  }));
  const forgottenTopics = version >= 7 ? r.array((t) => ({ name: t.string(), partitionIndexes: t.int32Array() })) : [];
  const rackId = version >= 11 ? r.string() : '';
  return {
    replicaId,
    maxWaitMs,
    minBytes,
    maxBytes,
    isolationLevel,
    sessionId,
    sessionEpoch,
    topics,
    forgottenTopics,
    rackId,
  };
}

function encodeRequest(w: Writer, version: number, request: FetchRequest): void {
  w.int32(request.replicaId).int32(request.maxWaitMs).int32(request.minBytes).int32(request.maxBytes);
  w.int8(request.isolationLevel);
  if (version >= 7) w.int32(request.sessionId).int32(request.sessionEpoch);
  w.array(request.topics, (t, topic) => {
    t.string(topic.name).array(topic.partitions, (p, partition) => {
      p.int32(partition.partitionIndex);
      if (version >= 9) p.int32(partition.currentLeaderEpoch);
      p.int64(partition.fetchOffset);
      if (version >= 5) p.int64(partition.logStartOffset);
      p.int32(partition.partitionMaxBytes);
    });
  });
  if (version >= 7)
    w.array(request.forgottenTopics, (t, topic) => t.string(topic.name).int32Array(topic.partitionIndexes));
  if (version >= 11) w.string(request.rackId);
}

function encodeResponse(w: Writer, version: number, response: FetchResponse): void {
  w.int32(response.throttleTimeMs ?? 0);
  if (version >= 7) w.int16(response.errorCode ?? 0).int32(response.sessionId ?? 0);
  w.array(response.responses, (t, topic) => {
    t.string(topic.name).array(topic.partitions, (p, partition) => {
      p.int32(partition.partitionIndex).int16(partition.errorCode).int64(partition.highWatermark);
      p.int64(partition.lastStableOffset ?? -1);
      if (version >= 5) p.int64(partition.logStartOffset ?? -1);
      p.nullableArray(partition.abortedTransactions ?? null, (a, tx) => a.int64(tx.producerId).int64(tx.firstOffset));
      if (version >= 11) p.int32(partition.preferredReadReplica ?? -1);
      p.bytes(partition.records);
    });
  });
}

function decodeResponse(r: Reader, version: number): FetchResponse {
  const throttleTimeMs = r.int32();
  const errorCode = version >= 7 ? r.int16() : 0;
  const sessionId = version >= 7 ? r.int32() : 0;
  const responses = r.array((t) => ({
    name: t.string(),
    partitions: t.array(
      (p): FetchResponsePartition => ({
        partitionIndex: p.int32(),
        errorCode: p.int16(),
        highWatermark: p.int64(),
        lastStableOffset: p.int64(),
        logStartOffset: version >= 5 ? p.int64() : -1,
        abortedTransactions: p.nullableArray((a) => ({ producerId: a.int64(), firstOffset: a.int64() }), 16),
        preferredReadReplica: version >= 11 ? p.int32() : -1,
        records: p.nullableBytes() ?? EMPTY,
      }),
    ),
  }));
  return { throttleTimeMs, errorCode, sessionId, responses };
}

export const Fetch = defineApi<FetchRequest, FetchResponse>({
  apiKey: API_KEYS.Fetch,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 11,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
