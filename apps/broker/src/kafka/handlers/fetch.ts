/**
 * Fetch (1) v0–13. From v4: raw batch bytes straight from the segments (no re-encoding,
 * no copy: the chunks the read filled go to the socket as they are, in one gathered write).
 * v0–3 (sarama at its default version, kafka-go): the stored records are decoded and
 * down-converted, as Kafka does, to uncompressed magic 0 (v0/v1) or magic 1 (v2/v3) message
 * sets (headers dropped; magic 1 keeps timestamps), whole messages only, the first always.
 * For every version: at most `partitionMaxBytes` per partition and, per response, the
 * smallest of the request's `maxBytes`, the broker's `fetchMaxBytes` and what the fetch
 * memory budget grants (services/fetch-memory.ts: the read waits for budget, then gets fewer
 * bytes, or at least its first batch); the first batch of the response always whole. The
 * grant is held until the socket has taken the answer. When fewer than `minBytes` are
 * there, it waits, woken by the next append to any of the partitions asked for, until
 * `maxWaitMs` (a real long poll), or until the connection closes or the
 * broker stops. Out-of-range offsets answer
 * OFFSET_OUT_OF_RANGE with the log's bounds. Sessions are not kept (session id 0: clients
 * then send full requests, as Kafka allows). From v13 topics are named by id: an id no
 * topic has is UNKNOWN_TOPIC_ID for each of its partitions. Each topic needs Read: without it
 * each of its partitions is TOPIC_AUTHORIZATION_FAILED, decided before the topic is looked up
 * (a replica's fetch, replica id >= 0, needs ClusterAction on the cluster instead).
 *
 * Transactions (v4+): `isolationLevel` 0 (read_uncommitted) reads to the high watermark, the
 * records of open and aborted transactions and the control batches (markers) included, as in
 * Kafka: clients skip the markers themselves. 1 (read_committed) reads only below the last stable
 * offset (the first offset of the oldest open transaction), waits for it to move, and answers the
 * aborted transactions whose records the read returned (producer id and first offset), from which
 * the client drops aborted records. Every answer carries the partition's last stable offset.
 * v0–3 have no isolation level: their decoded reads never hold markers or known-aborted records.
 */

import {
  Fetch,
  type FetchRequest,
  type FetchResponsePartition,
  type FetchResponseTopic,
  type RecordSet,
} from '@mini-kafka/kafka-protocol';
import { isMiniKafkaError } from '@mini-kafka/protocol/core';
import {
  type AbortedTransaction,
  encodeLegacyMessageSet,
  type IsolationLevel,
  type PartitionLog,
} from '@mini-kafka/storage';
import type { BrokerMetrics } from '../../metrics/broker-metrics.js';
import { countServedBatches } from '../../metrics/served.js';
import type { FetchLease, FetchMemory } from '../../services/fetch-memory.js';
import { mayOnCluster, mayOnTopic } from '../access.js';
import { code, errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

const EMPTY = Buffer.alloc(0);

interface Slot {
  /** The topic's name ('' for an unknown topic id). */
  topic: string;
  log: PartitionLog | undefined;
  /** The error for a partition without a log. */
  missing: number;
  fetchOffset: number;
  /** Where new data for this partition starts, after the last read: past what it returned. */
  waitFrom: number;
}

/**
 * Reads a partition's bytes from `offset`, at most `maxBytes` unless the first batch or message
 * is larger, as chunks to write out in order.
 */
type ReadBytes = (
  log: PartitionLog,
  offset: number,
  maxBytes: number,
  lease: FetchLease,
) => Promise<{ chunks: Buffer[]; size: number; nextOffset: number }>;

/**
 * The stored batches as the read returns them: chunks of the buffers it filled, never copied
 * into one. The buffers are the lease's, reused once the socket has taken the answer.
 */
const readStored =
  (isolation: IsolationLevel): ReadBytes =>
  (log, offset, maxBytes, lease) =>
    log.readRaw(offset, { maxBytes, allocate: lease.allocate, isolation });

/** The request's isolation level: 1 is read_committed. */
const isolationOf = (request: FetchRequest): IsolationLevel =>
  request.isolationLevel === 1 ? 'read_committed' : 'read_uncommitted';

/** The reader of Fetch v0-3: records down-converted to magic 0 (v0/v1) or magic 1 (v2/v3) messages. */
function readDownConverted(apiVersion: number): ReadBytes {
  const magic = apiVersion < 2 ? 0 : 1;
  return async (log, offset, maxBytes) => {
    const read = await log.read(offset, { maxBytes });
    const records = read.records.filter((record) => record.offset >= offset);
    const { bytes, count } = encodeLegacyMessageSet(records, magic, maxBytes);
    const last = records[count - 1];
    return { chunks: [bytes], size: bytes.length, nextOffset: last === undefined ? offset : last.offset + 1 };
  };
}

/**
 * One pass over the partitions asked for, within what `lease` grants in all (the response's
 * first batch always whole), reading into the lease's buffers.
 */
async function readOnce(
  request: FetchRequest,
  slots: Slot[][],
  readBytes: ReadBytes,
  lease: FetchLease,
): Promise<{ topics: FetchResponseTopic[]; bytes: number }> {
  const committed = isolationOf(request) === 'read_committed';
  let budget = lease.granted;
  let bytes = 0;
  const topics: FetchResponseTopic[] = [];
  for (let t = 0; t < request.topics.length; t++) {
    const topic = request.topics[t]!;
    const partitions: FetchResponsePartition[] = [];
    for (let p = 0; p < topic.partitions.length; p++) {
      const { partition: partitionIndex, partitionMaxBytes } = topic.partitions[p]!;
      const { log, fetchOffset, missing } = slots[t]![p]!;
      const answer = (
        errorCode: number,
        records: RecordSet = EMPTY,
        abortedTransactions: AbortedTransaction[] = [],
      ): FetchResponsePartition => ({
        partitionIndex,
        errorCode,
        highWatermark: log?.highWatermark ?? -1,
        lastStableOffset: log?.lastStableOffset ?? -1,
        logStartOffset: log?.logStartOffset ?? -1,
        abortedTransactions,
        preferredReadReplica: -1,
        records,
      });
      if (log === undefined) {
        partitions.push(answer(missing));
        continue;
      }
      slots[t]![p]!.waitFrom = fetchOffset;
      const limit = Math.min(partitionMaxBytes, bytes === 0 ? Math.max(budget, 1) : budget);
      if (limit <= 0) {
        partitions.push(answer(NONE));
        continue;
      }
      try {
        const read = await readBytes(log, fetchOffset, limit, lease);
        if (bytes > 0 && read.size > budget) {
          partitions.push(answer(NONE));
          continue;
        }
        bytes += read.size;
        budget -= read.size;
        if (read.size > 0) slots[t]![p]!.waitFrom = read.nextOffset;
        const aborted =
          committed && read.size > 0 ? await log.abortedTransactions(fetchOffset, read.nextOffset) : undefined;
        partitions.push(answer(NONE, read.chunks, aborted));
      } catch (error) {
        partitions.push(answer(isMiniKafkaError(error) ? error.code : errorCodeOf(error)));
      }
    }
    topics.push({ topic: topic.topic, topicId: topic.topicId, partitions });
  }
  return { topics, bytes };
}

type ReadResult = Awaited<ReturnType<typeof readOnce>>;

/** `readOnce` within a lease of the fetch memory budget; the lease then holds what the read returned. */
async function leasedRead(
  request: FetchRequest,
  slots: Slot[][],
  readBytes: ReadBytes,
  maxBytes: number,
  memory: FetchMemory,
  connectionClosed: AbortSignal,
): Promise<{ result: ReadResult; lease: FetchLease }> {
  const lease = await memory.acquire(maxBytes, connectionClosed);
  try {
    // A grant of 0: the client went away while waiting for budget; nothing will be written.
    const result = lease.granted === 0 ? { topics: [], bytes: 0 } : await readOnce(request, slots, readBytes, lease);
    lease.hold(result.bytes);
    return { result, lease };
  } catch (error) {
    lease.release();
    throw error;
  }
}

/**
 * The long poll: resolves true once any partition has data past what the last read returned,
 * false after maxWaitMs or when the connection closes (or the broker stops).
 */
async function waitForData(request: FetchRequest, slots: Slot[][], connectionClosed: AbortSignal): Promise<boolean> {
  const stop = new AbortController();
  const abort = (): void => stop.abort();
  connectionClosed.addEventListener('abort', abort, { once: true });
  try {
    // Wait for data past what the read returned: waiting on the fetch offset itself would end at
    // once when some data, but fewer than minBytes, is there; waiting past the high watermark as
    // it is now would sleep through records appended while the read was in flight.
    const waits = slots.flat().flatMap(({ log, waitFrom }) => {
      if (log === undefined) return [];
      return [log.waitForData(waitFrom, request.maxWaitMs, stop.signal, isolationOf(request))];
    });
    return waits.length > 0 && (await Promise.race(waits));
  } finally {
    stop.abort();
    connectionClosed.removeEventListener('abort', abort);
  }
}

/** What the answer serves: each partition's records from its fetch offset to past the last one read. */
function countServed(metrics: BrokerMetrics, slots: Slot[][], topics: FetchResponseTopic[]): void {
  topics.forEach((topic, t) => {
    countServedBatches(
      metrics,
      'kafka',
      topic.partitions.map((partition, p) => {
        const { topic: name, fetchOffset, waitFrom } = slots[t]![p]!;
        return { topic: name, fetchOffset, nextOffset: waitFrom, records: partition.records ?? EMPTY };
      }),
    );
  });
}

export const fetchHandler = defineHandler({
  codec: Fetch,
  minVersion: 0,
  maxVersion: 13,
  async handle(request, source, ctx, connectionClosed, answer) {
    const byId = source.apiVersion >= 13;
    // A replica's fetch (replica id >= 0) needs ClusterAction on the cluster instead, as in Kafka.
    const follower = request.replicaId >= 0;
    const mayFollow = follower && mayOnCluster(ctx, source, 'ClusterAction');
    const slots: Slot[][] = request.topics.map((topic) => {
      const name = byId ? ctx.logs.topicName(topic.topicId) : topic.topic;
      const readable = name !== undefined && (follower ? mayFollow : mayOnTopic(ctx, source, 'Read', name));
      const missing = code(
        name === undefined
          ? 'UNKNOWN_TOPIC_ID'
          : readable
            ? 'UNKNOWN_TOPIC_OR_PARTITION'
            : 'TOPIC_AUTHORIZATION_FAILED',
      );
      return topic.partitions.map((partition) => {
        let log: PartitionLog | undefined;
        try {
          log = readable ? ctx.logs.getLog(name, partition.partition) : undefined;
        } catch {
          log = undefined;
        }
        return { topic: name ?? '', log, missing, fetchOffset: partition.fetchOffset, waitFrom: partition.fetchOffset };
      });
    });
    const readBytes = source.apiVersion < 4 ? readDownConverted(source.apiVersion) : readStored(isolationOf(request));
    const maxBytes = Math.min(request.maxBytes, ctx.config.fetchMaxBytes);
    const read = () => leasedRead(request, slots, readBytes, maxBytes, ctx.fetchMemory, connectionClosed);
    let { result, lease } = await read();
    try {
      const hasError = result.topics.some((topic) => topic.partitions.some((p) => p.errorCode !== NONE));
      const enough = result.bytes >= Math.max(1, request.minBytes);
      if (!enough && request.maxWaitMs > 0 && !hasError && (await waitForData(request, slots, connectionClosed))) {
        lease.release();
        ({ result, lease } = await read());
      }
    } catch (error) {
      lease.release();
      throw error;
    }
    // The batches stay in memory until the socket has taken them.
    answer.afterWrite(() => lease.release());
    countServed(ctx.metrics, slots, result.topics);
    return { throttleTimeMs: 0, errorCode: NONE, sessionId: 0, responses: result.topics };
  },
});
