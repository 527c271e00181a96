/**
 * ListOffsets (API key 2), versions 1-2. Not flexible (that starts at 6).
 * (v0, which returned an array of old-style offsets per partition, is not implemented.)
 *
 * Request:
 *   replica_id      int32      -1 for consumers
 *   isolation_level int8 (v2+) default 0
 *   topics          [name string, partitions [partition_index int32, timestamp int64]]
 *                   timestamp -1 = latest (log end), -2 = earliest (log start), else the first
 *                   offset whose timestamp is >= it
 *
 * Response:
 *   throttle_time_ms int32 (v2+)
 *   topics           [name string,
 *                     partitions [partition_index int32, error_code int16, timestamp int64, offset int64]]
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

/** The special timestamps of a ListOffsets request. */
export const LIST_OFFSETS_LATEST = -1;
export const LIST_OFFSETS_EARLIEST = -2;

export interface ListOffsetsRequest {
  replicaId: number;
  /** v2+; 0 (read uncommitted) before. */
  isolationLevel: number;
  topics: { name: string; partitions: { partitionIndex: number; timestamp: number }[] }[];
}

export interface ListOffsetsResponse {
  /** v2+; default 0. */
  throttleTimeMs?: number;
  topics: { name: string; partitions: ListOffsetsPartitionResponse[] }[];
}

export interface ListOffsetsPartitionResponse {
  partitionIndex: number;
  errorCode: number;
  /** The timestamp of the offset found, -1 when answering latest/earliest. */
  timestamp: number;
  /** The offset found, -1 when there is none. */
  offset: number;
}

function decodeRequest(r: Reader, version: number): ListOffsetsRequest {
  return {
    replicaId: r.int32(),
    isolationLevel: version >= 2 ? r.int8() : 0,
    topics: r.array((t) => ({
      name: t.string(),
      partitions: t.array((p) => ({ partitionIndex: p.int32(), timestamp: p.int64() }), 12),
    })),
  };
}

function encodeRequest(w: Writer, version: number, request: ListOffsetsRequest): void {
  w.int32(request.replicaId);
  if (version >= 2) w.int8(request.isolationLevel);
  w.array(request.topics, (t, topic) => {
    t.string(topic.name).array(topic.partitions, (p, partition) =>
      p.int32(partition.partitionIndex).int64(partition.timestamp),
    );
  });
}

function encodeResponse(w: Writer, version: number, response: ListOffsetsResponse): void {
  if (version >= 2) w.int32(response.throttleTimeMs ?? 0);
  w.array(response.topics, (t, topic) => {
    t.string(topic.name).array(topic.partitions, (p, partition) => {
      p.int32(partition.partitionIndex).int16(partition.errorCode).int64(partition.timestamp).int64(partition.offset);
    });
  });
}

function decodeResponse(r: Reader, version: number): ListOffsetsResponse {
  const throttleTimeMs = version >= 2 ? r.int32() : 0;
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array(
      (p): ListOffsetsPartitionResponse => ({
        partitionIndex: p.int32(),
        errorCode: p.int16(),
        timestamp: p.int64(),
        offset: p.int64(),
      }),
      22,
    ),
  }));
  return { throttleTimeMs, topics };
}

export const ListOffsets = defineApi<ListOffsetsRequest, ListOffsetsResponse>({
  apiKey: API_KEYS.ListOffsets,
  name: 'ListOffsets',
  minVersion: 1,
  maxVersion: 2,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
