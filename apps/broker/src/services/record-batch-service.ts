/**
 * The binary transport's produce and fetches (`application/vnd.kafka.record-batch`, see
 * @mini-kafka/protocol's record-batch transport): RecordBatch v2 bytes in and out as they
 * are, the HTTP twin of Kafka's Produce and Fetch.
 *
 * - Produce to one partition: the client's batches go to the log's `appendBatch`, so the
 *   storage's log validator decides what may be appended (size, magic, CRC, record offsets,
 *   no control batches) exactly as for Kafka Produce, and idempotent batches (a producer id in
 *   the header) go through the partition's producer state (a retry is answered with its
 *   original offsets and stored once). Like Kafka's Produce, it does not create topics: a
 *   producer learns the partition count first (POST /v1/producers/topic-metadata, which does),
 *   and a body refused is refused before anything exists because of it. A record over the
 *   broker's record size limit is refused as JSON produce refuses it (record-sizes.ts).
 * - Fetch of one partition from an offset, with a long poll: the stored batches from the one
 *   holding the offset (`readRaw`), within maxBytes, ending with the batch holding the
 *   maxRecords-th record, so an answer may hold a few records more than maxRecords, and the
 *   client skips those before the offset, as Kafka clients do.
 * - Fetch for a group member from its positions (the positions and long poll of
 *   member-fetch.ts): each assigned partition's batches from its position; partitions are
 *   taken in assignment order while records remain within maxRecords, whole batches at a
 *   time, and each position moves past the last batch answered. A partition that cannot be
 *   read (member-fetch.ts's `isPartitionReadError`) is answered as its error, its position
 *   unchanged, when the client reads frame version 1; a version 0 frame has no room for it,
 *   so there the error fails the whole fetch, as before version 1.
 *
 * Batches compressed with a codec the client does not inflate are down-converted
 * (batch-down-convert.ts).
 */
import type { GroupCoordinator } from '@mini-kafka/coordinator';
import {
  type FetchCodecName,
  type FetchFrameVersion,
  isMiniKafkaError,
  type MiniKafkaError,
  type OutgoingFetchFrame,
  partitionFetchError,
  type RecordBatchProduceResponse,
} from '@mini-kafka/protocol/core';
import {
  batchLastOffset,
  batchSize,
  type Inflaters,
  type LogManager,
  type PartitionLog,
  type RawReadResult,
  type ReadPosition,
} from '@mini-kafka/storage';
import { downConvert } from './batch-down-convert.js';
import type { FetchLease } from './fetch-memory.js';
import {
  isPartitionReadError,
  type MemberFetchOptions,
  type MemberTarget,
  memberTargets,
  waitForAnyTarget,
} from './member-fetch.js';
import type { MemberPositions } from './member-positions.js';
import { checkRecordSizes } from './record-sizes.js';

export interface BatchFetchOptions extends MemberFetchOptions {
  /** The codecs the client inflates; undefined: any. */
  codecs: ReadonlySet<FetchCodecName> | undefined;
  /** The fetch frame version the answer is written in (version 1 carries partition errors); 1 when not given. */
  frameVersion?: FetchFrameVersion;
}

export interface RecordBatchServiceParts {
  logs: LogManager;
  coordinator: GroupCoordinator;
  positions: MemberPositions;
  /** What the broker decodes a batch it down-converts with. */
  inflaters: Inflaters;
  /** The largest record (key + value + headers), in bytes: the broker's maxMessageBytes. */
  maxRecordBytes: number;
}

type OutgoingPartitionBatches = OutgoingFetchFrame['partitions'][number];

/** What a fetch answers, and the lease of the fetch memory budget that holds its bytes until written. */
export interface LeasedBatches {
  partitions: OutgoingPartitionBatches[];
  lease: FetchLease;
}

type Target = MemberTarget;

export class RecordBatchService {
  constructor(private readonly parts: RecordBatchServiceParts) {}

  /** Appends a body of RecordBatch v2 batches to one partition; record n of the body gets `baseOffset + n`. */
  async produce(topic: string, partition: number, batches: Buffer): Promise<RecordBatchProduceResponse> {
    const log = this.parts.logs.getLog(topic, partition);
    checkRecordSizes(batches, this.parts.maxRecordBytes, topic, partition);
    const { baseOffset, lastOffset } = await log.appendBatch(batches);
    return { topic, partition, baseOffset, lastOffset, logStartOffset: log.logStartOffset };
  }

  /**
   * The batches of one partition from `offset`, waiting up to `waitMs` for some when there are
   * none. The read holds a lease of the fetch memory budget, released once the answer is written.
   */
  async fetchPartition(
    topic: string,
    partition: number,
    offset: number,
    options: BatchFetchOptions,
  ): Promise<LeasedBatches> {
    const log = this.parts.logs.getLog(topic, partition);
    const target: Target = { topic, partition, log, position: offset };
    const read = async (): Promise<LeasedBatches & { size: number }> => {
      const { lease, reads } = await leasedRawReads([target], options, false);
      const result = reads[0];
      // Not asked to return partition errors, so none is here: thrown, it answers the fetch.
      if (result instanceof Error) {
        lease.release();
        throw result;
      }
      if (typeof result !== 'object') {
        return {
          partitions: [this.answer(target, emptyRead(log, offset), [], offset, options.codecs)],
          lease,
          size: 0,
        };
      }
      const part = this.answer(target, result, result.chunks, result.nextOffset, options.codecs);
      return { partitions: [part], lease, size: result.size };
    };
    const first = await read();
    if (first.size > 0 || options.waitMs <= 0) return first;
    if (!(await log.waitForData(offset, options.waitMs, options.signal))) return first;
    first.lease.release();
    return read();
  }

  /** A member's fetch from its positions (see the header); positions move past what is answered. */
  async fetchForMember(
    group: string,
    member: string,
    assignment: readonly { topic: string; partition: number }[],
    options: BatchFetchOptions,
  ): Promise<LeasedBatches> {
    const { logs, coordinator, positions } = this.parts;
    const targets = await memberTargets(logs, coordinator, positions, group, member, assignment);
    const first = await this.readTargets(group, member, targets, options);
    // An unreadable partition (an answered error) ends the long poll too: the member hears of it at once.
    if (first.partitions.length > 0 || options.waitMs <= 0 || targets.length === 0) return first;
    if (!(await waitForAnyTarget(targets, options.waitMs, options.signal))) return first;
    first.lease.release();
    return this.readTargets(group, member, targets, options);
  }

  private async readTargets(
    group: string,
    member: string,
    targets: readonly Target[],
    options: BatchFetchOptions,
  ): Promise<LeasedBatches> {
    const partitionErrors = (options.frameVersion ?? 1) >= 1;
    const { lease, reads } = await leasedRawReads(targets, options, true, partitionErrors);
    const partitions: OutgoingPartitionBatches[] = [];
    let remaining = options.maxRecords;
    reads.forEach((read, i) => {
      const target = targets[i]!;
      if (read instanceof Error) {
        partitions.push({
          ...this.answer(target, emptyRead(target.log, target.position), [], target.position, undefined),
          error: partitionFetchError(read),
        });
        return;
      }
      if (read === OUT_OF_RANGE) {
        // Retention moved the log start past this position: start again per the reset policy.
        this.parts.positions.set(group, member, target.topic, target.partition, target.log.logStartOffset);
        return;
      }
      if (read === undefined || remaining <= 0 || read.size === 0) return;
      const taken = takeRecords(read.chunks, target.position, remaining);
      remaining -= taken.records;
      this.parts.positions.set(group, member, target.topic, target.partition, taken.nextOffset);
      partitions.push(this.answer(target, read, taken.chunks, taken.nextOffset, options.codecs));
    });
    return { partitions, lease };
  }

  private answer(
    target: Target,
    read: ReadPosition,
    chunks: readonly Buffer[],
    nextOffset: number,
    codecs: ReadonlySet<FetchCodecName> | undefined,
  ): OutgoingPartitionBatches {
    return {
      topic: target.topic,
      partition: target.partition,
      fetchOffset: target.position,
      nextOffset,
      highWatermark: read.highWatermark,
      logStartOffset: read.logStartOffset,
      records: chunks.map((chunk) => downConvert(chunk, codecs, this.parts.inflaters)),
    };
  }
}

const OUT_OF_RANGE = Symbol('out of range');

function emptyRead(log: PartitionLog, offset: number): ReadPosition {
  return {
    nextOffset: offset,
    highWatermark: log.highWatermark,
    logStartOffset: log.logStartOffset,
    lastStableOffset: log.lastStableOffset,
  };
}

/**
 * Raw reads of `targets` (each from its position) within one lease of the fetch memory budget,
 * `maxBytes` shared out evenly; the lease then holds what they returned. With `outOfRange`, a
 * position outside the log is OUT_OF_RANGE instead of an error; with `partitionErrors`, a
 * partition's read error (isPartitionReadError) is returned as its read instead of thrown; a
 * grant of 0 (the client went away) reads nothing (undefined).
 */
async function leasedRawReads(
  targets: readonly Target[],
  options: BatchFetchOptions,
  outOfRange: boolean,
  partitionErrors = false,
): Promise<{ lease: FetchLease; reads: (RawReadResult | typeof OUT_OF_RANGE | MiniKafkaError | undefined)[] }> {
  const lease = await options.memory.acquire(options.maxBytes, options.signal);
  try {
    if (lease.granted === 0) return { lease, reads: targets.map(() => undefined) };
    const perPartitionBytes = Math.max(
      1,
      Math.floor(Math.min(options.maxBytes, lease.granted) / Math.max(1, targets.length)),
    );
    const reads = await Promise.all(
      targets.map(async (target) => {
        try {
          return await target.log.readRaw(target.position, {
            maxBytes: perPartitionBytes,
            maxRecords: options.maxRecords,
            allocate: lease.allocate,
          });
        } catch (error) {
          if (outOfRange && isMiniKafkaError(error, 'OFFSET_OUT_OF_RANGE')) return OUT_OF_RANGE;
          if (partitionErrors && isPartitionReadError(error)) return error;
          throw error;
        }
      }),
    );
    lease.hold(reads.reduce((size, read) => size + (typeof read === 'object' && 'size' in read ? read.size : 0), 0));
    return { lease, reads };
  } catch (error) {
    lease.release();
    throw error;
  }
}

/**
 * The leading whole batches of `chunks` (read from `from`; each chunk holds whole batches)
 * that hold at most `limit` records from `from` on, plus the one that reaches it: their
 * chunks (views, not copies), how many records from `from` they hold, and the offset after them.
 */
export function takeRecords(
  chunks: readonly Buffer[],
  from: number,
  limit: number,
): { chunks: Buffer[]; records: number; nextOffset: number } {
  const taken: Buffer[] = [];
  let records = 0;
  let nextOffset = from;
  for (const chunk of chunks) {
    if (records >= limit) break;
    let at = 0;
    while (at < chunk.length && records < limit) {
      const last = batchLastOffset(chunk, at);
      records += last + 1 - nextOffset;
      nextOffset = last + 1;
      at += batchSize(chunk, at);
    }
    if (at > 0) taken.push(at === chunk.length ? chunk : chunk.subarray(0, at));
  }
  return { chunks: taken, records, nextOffset };
}
