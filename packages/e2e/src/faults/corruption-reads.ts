/**
 * What a damaged broker serves, read the way a consumer reads: every offset of a partition
 * in order, from the log start to the high watermark, over the /v1 API
 * (GET .../partitions/<p>/records with `encoding=base64`) or the Kafka protocol (raw Fetch v11
 * frames, kafkajs's version, with the stored batches checked and decoded here).
 *
 * Each offset gets one outcome:
 * - `exact`: the record acknowledged at that offset, key and value bytes identical;
 * - `new`: a record at an offset that was never acknowledged before (produced after the
 *   restart, or an offset a torn write gave back);
 * - `error`: a read starting at that offset failed with CORRUPT_MESSAGE (HTTP 500, Kafka code
 *   2), the answer for damage;
 * - `wrong`: a record whose bytes differ from the acknowledged one;
 * - `skipped`: a read answered records after the offset without it, or with a hole between
 *   them: the silent skip the matrix exists to catch;
 * - `failed:<status or code>`: any other answer (KAFKA_STORAGE_ERROR for an offline partition).
 * After an error the walk goes on at the next offset (as an operator seeking past it would),
 * so the map says which offsets are unreadable, not only the first. A walk reads pages from
 * where the last one ended, as a consumer does; `pointReads` reads each offset on its own, as
 * consumers resuming from every possible committed offset would (an index entry that points
 * wrong only shows there).
 */
import type { Socket } from 'node:net';
import { decodeResponseFrame, encodeRequestFrame, Fetch } from '@mini-kafka/kafka-protocol';
import { batchSize, checkBatch, decodeRecordBatches, LOG_OVERHEAD } from '@mini-kafka/storage';
import { call } from '../support/json-call.js';
import type { SentRecord } from './corruption-fixture.js';

export type Outcome = 'exact' | 'new' | 'error' | 'wrong' | 'skipped' | `failed:${string}`;

export interface PartitionRead {
  logStartOffset: number;
  highWatermark: number;
  /** The outcome of each offset in [logStartOffset, highWatermark). */
  outcomes: Map<number, Outcome>;
  /** The first error's message (it must name the offset), when there was one. */
  firstError: string | undefined;
}

interface Page {
  /** Records from the offset asked for, in the order served. */
  records: { offset: number; key: string | null; value: string | null }[];
  nextOffset: number;
}

/** One read at `offset`: a page, or the failure as an outcome and a message. */
export type ReadAt = (offset: number) => Promise<Page | { outcome: Outcome; message: string }>;

export interface Bounds {
  logStartOffset: number;
  highWatermark: number;
}

function judge(record: Page['records'][number], expected: readonly SentRecord[]): Outcome {
  const sent = expected[record.offset];
  if (sent === undefined) return 'new';
  return sent.key === record.key && sent.value === record.value ? 'exact' : 'wrong';
}

/** Reads pages from the log start to the high watermark, each from where the last one ended. */
export async function walk(
  read: ReadAt,
  expected: readonly SentRecord[],
  { logStartOffset, highWatermark }: Bounds,
): Promise<PartitionRead> {
  const outcomes = new Map<number, Outcome>();
  let firstError: string | undefined;
  let offset = logStartOffset;
  while (offset < highWatermark) {
    const page = await read(offset);
    if ('outcome' in page) {
      outcomes.set(offset, page.outcome);
      firstError ??= page.message;
      offset++;
      continue;
    }
    const served = page.records.filter((record) => record.offset >= offset && record.offset < highWatermark);
    if (served.length === 0) {
      // No records and no error below the high watermark: a reader would wait forever here.
      outcomes.set(offset, 'failed:no-progress');
      offset++;
      continue;
    }
    for (const record of served) {
      for (; offset < record.offset; offset++) outcomes.set(offset, 'skipped');
      if (record.offset < offset) continue; // served twice in one page: the first counts
      outcomes.set(record.offset, judge(record, expected));
      offset = record.offset + 1;
    }
  }
  return { logStartOffset, highWatermark, outcomes, firstError };
}

/** Reads at every offset from the log start to the high watermark, each on its own: the first record must be it. */
export async function pointReads(
  read: ReadAt,
  expected: readonly SentRecord[],
  { logStartOffset, highWatermark }: Bounds,
): Promise<PartitionRead> {
  const outcomes = new Map<number, Outcome>();
  let firstError: string | undefined;
  for (let offset = logStartOffset; offset < highWatermark; offset++) {
    const page = await read(offset);
    if ('outcome' in page) {
      outcomes.set(offset, page.outcome);
      firstError ??= page.message;
      continue;
    }
    const first = page.records.find((record) => record.offset >= offset);
    if (first === undefined) outcomes.set(offset, 'failed:no-progress');
    else outcomes.set(offset, first.offset === offset ? judge(first, expected) : 'skipped');
  }
  return { logStartOffset, highWatermark, outcomes, firstError };
}

/** Reads of a partition over /v1 (GET .../records, `maxRecords` a page). */
export function httpReader(url: string, topic: string, partition: number, maxRecords: number): ReadAt {
  const path = `/v1/topics/${topic}/partitions/${partition}/records`;
  return async (offset) => {
    const query = `?offset=${offset}&maxRecords=${maxRecords}&encoding=base64`;
    const { status, body } = await call(url, 'GET', `${path}${query}`);
    if (status === 200) return { records: body.records, nextOffset: body.nextOffset };
    const name = String(body?.error?.name ?? status);
    const message = String(body?.error?.message ?? '');
    return { outcome: status === 500 && name === 'CORRUPT_MESSAGE' ? 'error' : `failed:${status} ${name}`, message };
  };
}

/** Reads of a partition with raw Fetch v11 requests on one connection, at most `maxBytes` of batches each. */
export function kafkaReader(connection: KafkaConnection, topic: string, partition: number, maxBytes: number): ReadAt {
  return async (offset) => {
    const frame = encodeRequestFrame(
      Fetch,
      11,
      { correlationId: connection.nextCorrelationId(), clientId: 'corruption-matrix' },
      {
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [
          {
            topic,
            partitions: [
              {
                partition,
                currentLeaderEpoch: -1,
                fetchOffset: offset,
                logStartOffset: -1,
                partitionMaxBytes: maxBytes,
              },
            ],
          },
        ],
        forgottenTopicsData: [],
        rackId: '',
      },
    );
    const { response } = decodeResponseFrame(Fetch, 11, await connection.exchange(frame));
    const answer = response.responses[0]?.partitions[0];
    if (answer === undefined) return { outcome: 'failed:no-partition', message: 'no partition in the answer' };
    if (answer.errorCode === 2) return { outcome: 'error', message: `error code 2 at ${offset}` };
    if (answer.errorCode !== 0)
      return { outcome: `failed:code ${answer.errorCode}`, message: `code ${answer.errorCode}` };
    return decodeFetched(answer.records ?? Buffer.alloc(0), offset);
  };
}

/** One Kafka connection, one request at a time: a frame out, the response frame (size prefix removed) back. */
export class KafkaConnection {
  private received = Buffer.alloc(0);
  private pending: { resolve(frame: Buffer): void; reject(error: Error): void } | undefined;
  private correlationId = 0;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      if (this.received.length < 4 || this.received.length < 4 + this.received.readInt32BE(0)) return;
      const frame = this.received.subarray(4, 4 + this.received.readInt32BE(0));
      this.received = this.received.subarray(4 + frame.length);
      const pending = this.pending;
      this.pending = undefined;
      pending?.resolve(frame);
    });
    socket.on('close', () => this.pending?.reject(new Error('the broker closed the Kafka connection')));
  }

  nextCorrelationId(): number {
    return ++this.correlationId;
  }

  exchange(frame: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(frame);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** The records of fetched batches from `offset`, as a client keeps them: whole batches that pass their CRC. */
function decodeFetched(bytes: Buffer, offset: number): Page | { outcome: Outcome; message: string } {
  const records: Page['records'] = [];
  let at = 0;
  while (at + LOG_OVERHEAD <= bytes.length && at + batchSize(bytes, at) <= bytes.length) {
    const size = batchSize(bytes, at);
    const problem = checkBatch(bytes, at, at + size);
    if (problem !== undefined) {
      // A broker must never serve a batch that fails its check: counted as served wrong.
      return { outcome: 'wrong', message: `a fetched batch at ${offset} failed its check (${problem})` };
    }
    for (const record of decodeRecordBatches(bytes.subarray(at, at + size), offset)) {
      records.push({
        offset: record.offset,
        key: record.key === null ? null : record.key.toString('base64'),
        value: record.value === null ? null : record.value.toString('base64'),
      });
    }
    at += size;
  }
  return { records, nextOffset: records.at(-1) === undefined ? offset : records.at(-1)!.offset + 1 };
}
