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
 *   time, and each position moves past the last batch answered.
 *
 * Batches compressed with a codec the client does not inflate are down-converted
 * (batch-down-convert.ts).
 */
import type { GroupCoordinator } from '@mini-kafka/coordinator';
import {
  type FetchCodecName,
  isMiniKafkaError,
  type PartitionBatches,
  type RecordBatchProduceResponse,
} from '@mini-kafka/protocol';
import {
  batchLastOffset,
  batchSize,
  type Inflaters,
  type LogManager,
  type PartitionLog,
  type RawReadResult,
} from '@mini-kafka/storage';
import { downConvert } from './batch-down-convert.js';
import { type MemberFetchOptions, startingPosition } from './member-fetch.js';
import type { MemberPositions } from './member-positions.js';
import { checkRecordSizes } from './record-sizes.js';

export interface BatchFetchOptions extends MemberFetchOptions {
  /** The codecs the client inflates; undefined: any. */
  codecs: ReadonlySet<FetchCodecName> | undefined;
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

interface Target {
  topic: string;
  partition: number;
  log: PartitionLog;
  position: number;
}

export class RecordBatchService {
  constructor(private readonly parts: RecordBatchServiceParts) {}

  /** Appends a body of RecordBatch v2 batches to one partition; record n of the body gets `baseOffset + n`. */
  async produce(topic: string, partition: number, batches: Buffer): Promise<RecordBatchProduceResponse> {
    const log = this.parts.logs.getLog(topic, partition);
    checkRecordSizes(batches, this.parts.maxRecordBytes, topic, partition);
    const { baseOffset, lastOffset } = await log.appendBatch(batches);
    return { topic, partition, baseOffset, lastOffset, logStartOffset: log.logStartOffset };
  }

  /** The batches of one partition from `offset`, waiting up to `waitMs` for some when there are none. */
  async fetchPartition(
    topic: string,
    partition: number,
    offset: number,
    options: BatchFetchOptions,
  ): Promise<PartitionBatches> {
    const log = this.parts.logs.getLog(topic, partition);
    const read = () => log.readRaw(offset, { maxBytes: options.maxBytes, maxRecords: options.maxRecords });
    let result = await read();
    if (result.bytes.length === 0 && options.waitMs > 0) {
      if (await log.waitForData(offset, options.waitMs, options.signal)) result = await read();
    }
    return this.answer(topic, partition, offset, result, result.bytes, result.nextOffset, options.codecs);
  }

  /** A member's fetch from its positions (see the header); positions move past what is answered. */
  async fetchForMember(
    group: string,
    member: string,
    assignment: readonly { topic: string; partition: number }[],
    options: BatchFetchOptions,
  ): Promise<PartitionBatches[]> {
    const { logs, coordinator, positions } = this.parts;
    positions.retain(group, member, assignment);
    const targets: Target[] = [];
    for (const { topic, partition } of assignment) {
      const log = logs.getLog(topic, partition);
      const position = await startingPosition(coordinator, positions, group, member, topic, partition, log);
      // Pin where the member starts: with "latest", records produced before its next fetch are its to read.
      positions.set(group, member, topic, partition, position);
      targets.push({ topic, partition, log, position });
    }
    const first = await this.readTargets(group, member, targets, options);
    if (first.length > 0 || options.waitMs <= 0 || targets.length === 0) return first;
    const stop = new AbortController();
    const abort = (): void => stop.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      const arrivals = targets.map((target) => target.log.waitForData(target.position, options.waitMs, stop.signal));
      const arrived = await Promise.race(arrivals);
      stop.abort();
      return arrived ? this.readTargets(group, member, targets, options) : first;
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
  }

  private async readTargets(
    group: string,
    member: string,
    targets: readonly Target[],
    options: BatchFetchOptions,
  ): Promise<PartitionBatches[]> {
    const perPartitionBytes = Math.max(1, Math.floor(options.maxBytes / Math.max(1, targets.length)));
    const reads = await Promise.all(
      targets.map(async (target) => {
        try {
          return await target.log.readRaw(target.position, {
            maxBytes: perPartitionBytes,
            maxRecords: options.maxRecords,
          });
        } catch (error) {
          if (isMiniKafkaError(error, 'OFFSET_OUT_OF_RANGE')) return undefined;
          throw error;
        }
      }),
    );
    const out: PartitionBatches[] = [];
    let remaining = options.maxRecords;
    reads.forEach((read, i) => {
      const { topic, partition, log, position } = targets[i]!;
      if (read === undefined) {
        // Retention moved the log start past this position: start again per the reset policy.
        this.parts.positions.set(group, member, topic, partition, log.logStartOffset);
        return;
      }
      if (remaining <= 0 || read.bytes.length === 0) return;
      const taken = takeRecords(read.bytes, position, remaining);
      remaining -= taken.records;
      this.parts.positions.set(group, member, topic, partition, taken.nextOffset);
      out.push(this.answer(topic, partition, position, read, taken.bytes, taken.nextOffset, options.codecs));
    });
    return out;
  }

  private answer(
    topic: string,
    partition: number,
    fetchOffset: number,
    read: RawReadResult,
    bytes: Buffer,
    nextOffset: number,
    codecs: ReadonlySet<FetchCodecName> | undefined,
  ): PartitionBatches {
    return {
      topic,
      partition,
      fetchOffset,
      nextOffset,
      highWatermark: read.highWatermark,
      logStartOffset: read.logStartOffset,
      records: downConvert(bytes, codecs, this.parts.inflaters),
    };
  }
}

/**
 * The leading whole batches of `bytes` (read from `from`) that hold at most `limit` records
 * from `from` on, plus the one that reaches it: their bytes, how many records from `from`
 * they hold, and the offset after them.
 */
export function takeRecords(
  bytes: Buffer,
  from: number,
  limit: number,
): { bytes: Buffer; records: number; nextOffset: number } {
  let at = 0;
  let records = 0;
  let nextOffset = from;
  while (at < bytes.length && records < limit) {
    const last = batchLastOffset(bytes, at);
    records += last + 1 - nextOffset;
    nextOffset = last + 1;
    at += batchSize(bytes, at);
  }
  return { bytes: at === bytes.length ? bytes : bytes.subarray(0, at), records, nextOffset };
}
