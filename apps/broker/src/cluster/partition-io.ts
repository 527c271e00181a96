/**
 * Records to and from a cluster's partitions: Produce to a partition's leader (acks -1 by
 * default: acknowledged once the cluster's in-sync replicas have it), Fetch from the
 * leaders (one request per leader, in parallel; sessionless), ListOffsets by time or for
 * the start and end. A stale leader (NOT_LEADER_OR_FOLLOWER and its kind) drops the cached
 * metadata and the request is sent once more to the new leader.
 *
 * Fetched bytes stay raw RecordBatches (`FetchedPartition.records`); `decodeFetched` makes
 * records of the complete batches, without control batches and, read_committed, without the
 * records of aborted transactions.
 */
import { Fetch, ListOffsets, Produce } from '@mini-kafka/kafka-protocol';
import { MiniKafkaError } from '@mini-kafka/protocol';
import {
  BATCH_HEADER_SIZE,
  batchLastOffset,
  batchSize,
  decodeRecordBatches,
  encodeRecordBatch,
  type RecordInput,
  type StoredRecord,
} from '@mini-kafka/storage';
import { brokerInflaters } from '../compression/codecs.js';
import { withoutAbortedBatches } from '../services/committed-batches.js';
import type { ClusterClient } from './cluster-client.js';
import { kafkaError, STALE_METADATA_CODES, throwIfError } from './cluster-errors.js';

export type Isolation = 'read_committed' | 'read_uncommitted';

export interface Produced {
  baseOffset: number;
  logAppendTimeMs: number;
  logStartOffset: number;
}

/** Retries an operation once after a stale-leader answer (the metadata is refreshed in between). */
async function withLeaderRetry<T>(client: ClusterClient, topic: string, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    const stale =
      error instanceof MiniKafkaError &&
      (STALE_METADATA_CODES.has(error.code) ||
        error.type === 'BROKER_NOT_AVAILABLE' ||
        error.type === 'LEADER_NOT_AVAILABLE');
    if (!stale) throw error;
    client.invalidate(topic);
    return attempt();
  }
}

/** Appends RecordBatch bytes (one or more batches) to one partition. */
export function produceBatch(
  client: ClusterClient,
  topic: string,
  partition: number,
  batch: Buffer,
  options: { acks?: -1 | 1; timeoutMs?: number; transactionalId?: string | null } = {},
): Promise<Produced> {
  return withLeaderRetry(client, topic, async () => {
    const answer = await client.send(
      Produce,
      {
        transactionalId: options.transactionalId ?? null,
        acks: options.acks ?? -1,
        timeoutMs: options.timeoutMs ?? client.requestTimeoutMs,
        topics: [{ name: topic, partitions: [{ partitionIndex: partition, records: batch }] }],
      },
      { kind: 'leader', topic, partition },
      { minVersion: 3 },
    );
    const result = answer.responses[0]?.partitions[0];
    if (result === undefined) {
      throw new MiniKafkaError(
        'UNKNOWN_SERVER_ERROR',
        `The cluster did not answer the produce to ${topic}-${partition}`,
      );
    }
    throwIfError(result.errorCode, `Producing to ${topic}-${partition}`, { topic, partition }, result.errorMessage);
    return {
      baseOffset: result.baseOffset,
      logAppendTimeMs: result.logAppendTimeMs,
      logStartOffset: result.logStartOffset,
    };
  });
}

/** Encodes `records` as one uncompressed RecordBatch (timestamps kept) and appends it to one partition. */
export function produceRecords(
  client: ClusterClient,
  topic: string,
  partition: number,
  records: readonly RecordInput[],
): Promise<Produced> {
  return produceBatch(client, topic, partition, encodeRecordBatch(records));
}

export interface FetchWant {
  topic: string;
  partition: number;
  offset: number;
  maxBytes: number;
}

export interface FetchedPartition {
  topic: string;
  partition: number;
  fetchOffset: number;
  errorCode: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  abortedTransactions: { producerId: number; firstOffset: number }[];
  /** Raw RecordBatch bytes as the cluster sent them; the last batch may be cut short. */
  records: Buffer;
}

export interface FetchOptions {
  maxWaitMs: number;
  minBytes?: number;
  maxBytes: number;
  isolation: Isolation;
  /** The connection lane (a long poll holds its connection: give it its own). */
  lane?: string;
}

/** Fetches every wanted partition from its leader; a partition whose leader moved is asked again once. */
export async function fetch(
  client: ClusterClient,
  wants: readonly FetchWant[],
  options: FetchOptions,
): Promise<FetchedPartition[]> {
  const metadata = await client.metadata([...new Set(wants.map((w) => w.topic))]);
  const byLeader = new Map<number, FetchWant[]>();
  const missing: FetchedPartition[] = [];
  for (const want of wants) {
    const leader = metadata.topics.get(want.topic)?.partitions.find((p) => p.partition === want.partition)?.leader;
    if (leader === undefined || leader < 0) {
      missing.push(emptyFetched(want, leader === undefined ? 3 : 5));
      continue;
    }
    byLeader.set(leader, [...(byLeader.get(leader) ?? []), want]);
  }
  const answers = await Promise.all([...byLeader].map(([leader, group]) => fetchFrom(client, leader, group, options)));
  const fetched = [...missing, ...answers.flat()];
  const stale = fetched.filter((p) => STALE_METADATA_CODES.has(p.errorCode) && p.errorCode !== 3);
  if (stale.length === 0) return fetched;
  for (const topic of new Set(stale.map((p) => p.topic))) client.invalidate(topic);
  const again = await fetch(
    client,
    wants.filter((w) => stale.some((p) => p.topic === w.topic && p.partition === w.partition)),
    { ...options, maxWaitMs: 0 },
  );
  return fetched.map((p) => again.find((a) => a.topic === p.topic && a.partition === p.partition) ?? p);
}

function emptyFetched(want: FetchWant, errorCode: number): FetchedPartition {
  return {
    topic: want.topic,
    partition: want.partition,
    fetchOffset: want.offset,
    errorCode,
    highWatermark: -1,
    lastStableOffset: -1,
    logStartOffset: -1,
    abortedTransactions: [],
    records: Buffer.alloc(0),
  };
}

async function fetchFrom(
  client: ClusterClient,
  leader: number,
  wants: readonly FetchWant[],
  options: FetchOptions,
): Promise<FetchedPartition[]> {
  const topics = new Map<string, FetchWant[]>();
  for (const want of wants) topics.set(want.topic, [...(topics.get(want.topic) ?? []), want]);
  const answer = await client.send(
    Fetch,
    {
      maxWaitMs: options.maxWaitMs,
      minBytes: options.minBytes ?? 1,
      maxBytes: options.maxBytes,
      isolationLevel: options.isolation === 'read_committed' ? 1 : 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [...topics].map(([topic, parts]) => ({
        topic,
        partitions: parts.map((p) => ({
          partition: p.partition,
          fetchOffset: p.offset,
          partitionMaxBytes: p.maxBytes,
        })),
      })),
      forgottenTopicsData: [],
      rackId: '',
    },
    { kind: 'node', nodeId: leader },
    {
      minVersion: 4,
      maxVersion: 12,
      timeoutMs: client.requestTimeoutMs + options.maxWaitMs,
      ...(options.lane !== undefined && { lane: options.lane }),
    },
  );
  throwIfError(answer.errorCode, 'Fetching from the cluster');
  const out: FetchedPartition[] = [];
  for (const topic of answer.responses) {
    for (const p of topic.partitions) {
      const want = wants.find((w) => w.topic === topic.topic && w.partition === p.partitionIndex);
      out.push({
        topic: topic.topic,
        partition: p.partitionIndex,
        fetchOffset: want?.offset ?? -1,
        errorCode: p.errorCode,
        highWatermark: p.highWatermark,
        lastStableOffset: p.lastStableOffset,
        logStartOffset: p.logStartOffset,
        abortedTransactions: p.abortedTransactions ?? [],
        records: p.records ?? Buffer.alloc(0),
      });
    }
  }
  return out;
}

/** The complete batches of `bytes` (a fetch's last batch may be cut short by its byte limit). */
export function completeBatches(bytes: Buffer): Buffer {
  let at = 0;
  while (at + BATCH_HEADER_SIZE <= bytes.length) {
    const size = batchSize(bytes, at);
    if (size <= 0 || at + size > bytes.length) break;
    at += size;
  }
  return at === bytes.length ? bytes : bytes.subarray(0, at);
}

/** The offset after the last complete batch of an answer (past markers and aborted records too), or `fetchOffset`. */
export function offsetAfterBatches(fetched: FetchedPartition): number {
  const complete = completeBatches(fetched.records);
  let next = fetched.fetchOffset;
  for (let at = 0; at < complete.length; at += batchSize(complete, at)) {
    next = Math.max(next, batchLastOffset(complete, at) + 1);
  }
  return next;
}

/** The records of a fetched partition from `fetchOffset` on: complete batches, no markers, no aborted records. */
export function decodeFetched(partition: FetchedPartition, isolation: Isolation, maxRecords?: number): StoredRecord[] {
  const aborted = isolation === 'read_committed' ? partition.abortedTransactions : [];
  const { chunks } = withoutAbortedBatches([completeBatches(partition.records)], aborted);
  const records: StoredRecord[] = [];
  const limit = maxRecords ?? Number.POSITIVE_INFINITY;
  for (const chunk of chunks) {
    if (records.length >= limit) break;
    // Decoding stops at the limit: a read of 1,000 records from a MiB of small ones decodes about 1,000.
    for (const record of decodeRecordBatches(chunk, partition.fetchOffset, brokerInflaters, limit - records.length)) {
      records.push(record);
    }
  }
  // The decoder stops between batches: a batch's records past the limit are cut here.
  return records.length > limit ? records.slice(0, limit) : records;
}

/** The offset for `timestamp` (-1 the end, -2 the start, else the first record at or after it), or -1 when none. */
export function listOffset(
  client: ClusterClient,
  topic: string,
  partition: number,
  timestamp: number,
  isolation: Isolation = 'read_uncommitted',
): Promise<{ offset: number; timestamp: number | null }> {
  return withLeaderRetry(client, topic, async () => {
    const answer = await client.send(
      ListOffsets,
      {
        replicaId: -1,
        isolationLevel: isolation === 'read_committed' ? 1 : 0,
        topics: [{ name: topic, partitions: [{ partitionIndex: partition, timestamp }] }],
        timeoutMs: client.requestTimeoutMs,
      },
      { kind: 'leader', topic, partition },
      { minVersion: 1 },
    );
    const result = answer.topics[0]?.partitions[0];
    if (result === undefined)
      throw kafkaError(3, `The cluster did not answer for ${topic}-${partition}`, { topic, partition });
    throwIfError(result.errorCode, `Looking up an offset of ${topic}-${partition}`, { topic, partition });
    return { offset: result.offset, timestamp: timestamp < 0 || result.offset < 0 ? null : result.timestamp };
  });
}
