/**
 * Produce (API key 0), versions 0-7. None of them is flexible (that starts at 9).
 * Versions 0-2 are served so that librdkafka compresses gzip, snappy and lz4 batches (it
 * checks that Produce v0 is in the broker's range before it does); the batches themselves
 * must still be RecordBatch v2, which clients send at v3+.
 *
 * Request (v3+ carries transactional_id; v4-v7 change only broker behaviour):
 *   transactional_id nullable string   (v3+)
 *   acks             int16      0 = no response at all, 1 = leader, -1 = all replicas
 *   timeout_ms       int32
 *   topics           [name string, partitions [partition_index int32, records nullable bytes]]
 *
 * Response:
 *   responses        [name string,
 *                     partitions [partition_index int32, error_code int16, base_offset int64,
 *                                 log_append_time_ms int64 (v2+), log_start_offset int64 (v5+)]]
 *   throttle_time_ms int32 (v1+)
 *
 * `records` are RecordBatch bytes, kept opaque: a view into the request frame.
 */

import { API_KEYS } from '../../framing/header-versions.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { defineApi } from '../api-codec.js';

export interface ProduceRequest {
  transactionalId: string | null;
  acks: number;
  timeoutMs: number;
  topics: ProduceRequestTopic[];
}

export interface ProduceRequestTopic {
  name: string;
  partitions: { partitionIndex: number; records: Buffer | null }[];
}

export interface ProduceResponse {
  responses: ProduceResponseTopic[];
  /** v1+; default 0. */
  throttleTimeMs?: number;
}

export interface ProduceResponseTopic {
  name: string;
  partitions: ProducePartitionResponse[];
}

export interface ProducePartitionResponse {
  partitionIndex: number;
  errorCode: number;
  baseOffset: number;
  /** v2+; -1 unless the topic uses LogAppendTime. */
  logAppendTimeMs?: number;
  /** v5+; default -1. */
  logStartOffset?: number;
}

function decodeRequest(r: Reader, version: number): ProduceRequest {
  return {
    transactionalId: version >= 3 ? r.nullableString() : null,
    acks: r.int16(),
    timeoutMs: r.int32(),
    topics: r.array((t) => ({
      name: t.string(),
      partitions: t.array((p) => ({ partitionIndex: p.int32(), records: p.nullableBytes() })),
    })),
  };
}

function encodeRequest(w: Writer, version: number, request: ProduceRequest): void {
  if (version >= 3) w.nullableString(request.transactionalId);
  w.int16(request.acks).int32(request.timeoutMs);
  w.array(request.topics, (t, topic) => {
    t.string(topic.name).array(topic.partitions, (p, partition) => {
      p.int32(partition.partitionIndex).nullableBytes(partition.records);
    });
  });
}

function encodeResponse(w: Writer, version: number, response: ProduceResponse): void {
  w.array(response.responses, (t, topic) => {
    t.string(topic.name).array(topic.partitions, (p, partition) => {
      p.int32(partition.partitionIndex).int16(partition.errorCode).int64(partition.baseOffset);
      if (version >= 2) p.int64(partition.logAppendTimeMs ?? -1);
      if (version >= 5) p.int64(partition.logStartOffset ?? -1);
    });
  });
  if (version >= 1) w.int32(response.throttleTimeMs ?? 0);
}

function decodeResponse(r: Reader, version: number): ProduceResponse {
  const responses = r.array((t) => ({
    name: t.string(),
    partitions: t.array(
      (p): ProducePartitionResponse => ({
        partitionIndex: p.int32(),
        errorCode: p.int16(),
        baseOffset: p.int64(),
        logAppendTimeMs: version >= 2 ? p.int64() : -1,
        logStartOffset: version >= 5 ? p.int64() : -1,
      }),
    ),
  }));
  return { responses, throttleTimeMs: version >= 1 ? r.int32() : 0 };
}

export const Produce = defineApi<ProduceRequest, ProduceResponse>({
  apiKey: API_KEYS.Produce,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 7,
  decodeRequest,
  encodeResponse,
  encodeRequest,
  decodeResponse,
});
