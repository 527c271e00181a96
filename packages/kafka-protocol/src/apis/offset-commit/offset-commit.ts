/**
 * OffsetCommit (API key 8), versions 2-5. Not flexible (that starts at 8).
 *
 * Request:
 *   group_id          string
 *   generation_id     int32      -1 for a commit outside group management
 *   member_id         string     "" likewise
 *   retention_time_ms int64 (v2-v4 only)  -1 = the broker's default
 *   topics            [name string,
 *                      partitions [partition_index int32, committed_offset int64,
 *                                  committed_metadata nullable string]]
 *
 * Response:
 *   throttle_time_ms int32 (v3+)
 *   topics           [name string, partitions [partition_index int32, error_code int16]]
 *
 * The committed offset is the NEXT offset the group will read.
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  /** v7+: the committing static member's group.instance.id; null before. */
  groupInstanceId?: string | null;
  /** v2-v4; -1 (broker default) in v5. */
  retentionTimeMs: number;
  topics: OffsetCommitRequestTopic[];
}

export interface OffsetCommitRequestTopic {
  name: string;
  partitions: { partitionIndex: number; committedOffset: number; committedMetadata: string | null }[];
}

export interface OffsetCommitResponse {
  /** v3+; default 0. */
  throttleTimeMs?: number;
  topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[];
}

const hasRetention = (version: number): boolean => version <= 4;

function decodeRequest(r: Reader, version: number): OffsetCommitRequest {
  return {
    groupId: r.string(),
    generationId: r.int32(),
    memberId: r.string(),
    retentionTimeMs: hasRetention(version) ? r.int64() : -1,
    topics: r.array((t) => ({
      name: t.string(),
      partitions: t.array(
        (p) => ({ partitionIndex: p.int32(), committedOffset: p.int64(), committedMetadata: p.nullableString() }),
        14,
      ),
    })),
  };
}

function encodeRequest(w: Writer, version: number, request: OffsetCommitRequest): void {
  w.string(request.groupId).int32(request.generationId).string(request.memberId);
  if (hasRetention(version)) w.int64(request.retentionTimeMs);
  w.array(request.topics, (t, topic) => {
    t.string(topic.name).array(topic.partitions, (p, partition) => {
      p.int32(partition.partitionIndex).int64(partition.committedOffset).nullableString(partition.committedMetadata);
    });
  });
}

function encodeResponse(w: Writer, version: number, response: OffsetCommitResponse): void {
  if (version >= 3) w.int32(response.throttleTimeMs ?? 0);
  w.array(response.topics, (t, topic) => {
    t.string(topic.name).array(topic.partitions, (p, partition) =>
      p.int32(partition.partitionIndex).int16(partition.errorCode),
    );
  });
}

function decodeResponse(r: Reader, version: number): OffsetCommitResponse {
  const throttleTimeMs = version >= 3 ? r.int32() : 0;
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p) => ({ partitionIndex: p.int32(), errorCode: p.int16() }), 6),
  }));
  return { throttleTimeMs, topics };
}

export const OffsetCommit = defineApi<OffsetCommitRequest, OffsetCommitResponse>({
  apiKey: API_KEYS.OffsetCommit,
  name: 'OffsetCommit',
  minVersion: 2,
  maxVersion: 5,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
