/**
 * CreateTopics (API key 19), versions 0-3. Not flexible (that starts at 5).
 *
 * Request:
 *   topics        [name string, num_partitions int32, replication_factor int16,
 *                  assignments [partition_index int32, broker_ids [int32]],
 *                  configs [name string, value nullable string]]
 *                  num_partitions / replication_factor -1 = the broker's default
 *   timeout_ms    int32
 *   validate_only boolean (v1+)  default false
 *
 * Response:
 *   throttle_time_ms int32 (v2+)
 *   topics           [name string, error_code int16, error_message nullable string (v1+)]
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface CreateTopicsRequest {
  topics: CreatableTopic[];
  timeoutMs: number;
  /** v1+; false before. */
  validateOnly: boolean;
}

export interface CreatableTopic {
  name: string;
  numPartitions: number;
  replicationFactor: number;
  assignments: { partitionIndex: number; brokerIds: number[] }[];
  configs: { name: string; value: string | null }[];
}

export interface CreateTopicsResponse {
  /** v2+; default 0. */
  throttleTimeMs?: number;
  topics: CreatableTopicResult[];
}

export interface CreatableTopicResult {
  name: string;
  errorCode: number;
  /** v1+; default null. */
  errorMessage?: string | null;
}

function decodeRequest(r: Reader, version: number): CreateTopicsRequest {
  const topics = r.array(
    (t): CreatableTopic => ({
      name: t.string(),
      numPartitions: t.int32(),
      replicationFactor: t.int16(),
      assignments: t.array((a) => ({ partitionIndex: a.int32(), brokerIds: a.int32Array() }), 8),
      configs: t.array((c) => ({ name: c.string(), value: c.nullableString() }), 4),
    }),
    16,
  );
  return { topics, timeoutMs: r.int32(), validateOnly: version >= 1 ? r.boolean() : false };
}

function encodeRequest(w: Writer, version: number, request: CreateTopicsRequest): void {
  w.array(request.topics, (t, topic) => {
    t.string(topic.name).int32(topic.numPartitions).int16(topic.replicationFactor);
    t.array(topic.assignments, (a, assignment) => a.int32(assignment.partitionIndex).int32Array(assignment.brokerIds));
    t.array(topic.configs, (c, config) => c.string(config.name).nullableString(config.value));
  });
  w.int32(request.timeoutMs);
  if (version >= 1) w.boolean(request.validateOnly);
}

function encodeResponse(w: Writer, version: number, response: CreateTopicsResponse): void {
  if (version >= 2) w.int32(response.throttleTimeMs ?? 0);
  w.array(response.topics, (t, topic) => {
    t.string(topic.name).int16(topic.errorCode);
    if (version >= 1) t.nullableString(topic.errorMessage ?? null);
  });
}

function decodeResponse(r: Reader, version: number): CreateTopicsResponse {
  const throttleTimeMs = version >= 2 ? r.int32() : 0;
  const topics = r.array(
    (t): CreatableTopicResult => ({
      name: t.string(),
      errorCode: t.int16(),
      errorMessage: version >= 1 ? t.nullableString() : null,
    }),
    4,
  );
  return { throttleTimeMs, topics };
}

export const CreateTopics = defineApi<CreateTopicsRequest, CreateTopicsResponse>({
  apiKey: API_KEYS.CreateTopics,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 3,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
