/**
 * OffsetFetch (API key 9), versions 1-4. Not flexible (that starts at 6).
 *
 * Request:
 *   group_id string
 *   topics   [name string, partition_indexes [int32]]   nullable from v2: null = every committed topic
 *
 * Response:
 *   throttle_time_ms int32 (v3+)
 *   topics           [name string,
 *                     partitions [partition_index int32, committed_offset int64,
 *                                 metadata nullable string, error_code int16]]
 *   error_code       int16 (v2+)   group-level error
 *
 * Nothing committed for a partition: committed_offset -1, metadata "", error 0.
 */
import { KafkaProtocolError } from '../../errors.js';
import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface OffsetFetchRequest {
  groupId: string;
  /** null (v2+ only) = every topic the group committed offsets for. */
  topics: { name: string; partitionIndexes: number[] }[] | null;
}

export interface OffsetFetchResponse {
  /** v3+; default 0. */
  throttleTimeMs?: number;
  topics: { name: string; partitions: OffsetFetchPartitionResponse[] }[];
  /** v2+; default 0. In v1 a group error can only be reported per partition. */
  errorCode?: number;
}

export interface OffsetFetchPartitionResponse {
  partitionIndex: number;
  committedOffset: number;
  metadata: string | null;
  errorCode: number;
}

function decodeRequest(r: Reader, version: number): OffsetFetchRequest {
  const groupId = r.string();
  const readTopic = (t: Reader) => ({ name: t.string(), partitionIndexes: t.int32Array() });
  const topics = version >= 2 ? r.nullableArray(readTopic, 6) : r.array(readTopic, 6);
  return { groupId, topics };
}

function encodeRequest(w: Writer, version: number, request: OffsetFetchRequest): void {
  w.string(request.groupId);
  const writeTopic = (t: Writer, topic: { name: string; partitionIndexes: number[] }) =>
    t.string(topic.name).int32Array(topic.partitionIndexes);
  if (version >= 2) w.nullableArray(request.topics, writeTopic);
  else if (request.topics === null) {
    throw new KafkaProtocolError('invalid-value', 'OffsetFetch v1 cannot ask for all topics', { version });
  } else w.array(request.topics, writeTopic);
}

function encodeResponse(w: Writer, version: number, response: OffsetFetchResponse): void {
  if (version >= 3) w.int32(response.throttleTimeMs ?? 0);
  w.array(response.topics, (t, topic) => {
    t.string(topic.name).array(topic.partitions, (p, partition) => {
      p.int32(partition.partitionIndex).int64(partition.committedOffset);
      p.nullableString(partition.metadata).int16(partition.errorCode);
    });
  });
  if (version >= 2) w.int16(response.errorCode ?? 0);
}

function decodeResponse(r: Reader, version: number): OffsetFetchResponse {
  const throttleTimeMs = version >= 3 ? r.int32() : 0;
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array(
      (p): OffsetFetchPartitionResponse => ({
        partitionIndex: p.int32(),
        committedOffset: p.int64(),
        metadata: p.nullableString(),
        errorCode: p.int16(),
      }),
      16,
    ),
  }));
  const errorCode = version >= 2 ? r.int16() : 0;
  return { throttleTimeMs, topics, errorCode };
}

export const OffsetFetch = defineApi<OffsetFetchRequest, OffsetFetchResponse>({
  apiKey: API_KEYS.OffsetFetch,
  name: 'OffsetFetch',
  minVersion: 1,
  maxVersion: 4,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
