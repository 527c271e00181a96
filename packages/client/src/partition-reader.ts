/**
 * PartitionReader: reads one partition from an offset, outside any group (Kafka's assign() and
 * seek(), kcat's `-p 0 -o 42`), with GET /v1/topics/{topic}/partitions/{p}/records. Nothing is
 * committed and no position is kept: each read says where the next one starts (`nextOffset`),
 * along with the partition's high watermark, last stable offset and log start. `isolation`
 * `read_committed` (the default) reads only committed transactions' records, stopping at the
 * last stable offset; `read_uncommitted` reads to the high watermark. Either way the broker
 * leaves out transaction markers and aborted transactions' records. Records come as the consumer's
 * (keys, values and headers as Buffers).
 */
import type { FetchResponse, IsolationLevel } from '@mini-kafka/protocol';
import { type ClientOptions, createTransport } from './client-options.js';
import { type ConsumerRecord, fromRecordOutput } from './encoding.js';
import { type HttpTransport, route } from './http-transport.js';

export interface PartitionReadOptions {
  /** Most records to return. Default 500. */
  maxRecords?: number;
  /** Most record bytes to return. Default 1048576. */
  maxBytes?: number;
  /** How long to wait for records when there are none at `offset` (a long poll), in ms. Default 0: answer at once. */
  waitMs?: number;
  /** `read_committed` (default): stop at the last stable offset; `read_uncommitted`: read to the high watermark. */
  isolation?: IsolationLevel;
  /** Cancels the read. */
  signal?: AbortSignal;
}

export interface PartitionRead {
  records: ConsumerRecord[];
  /** Where the next read starts. */
  nextOffset: number;
  highWatermark: number;
  /** The first offset of the oldest transaction still open (the high watermark when none is). */
  lastStableOffset: number;
  logStartOffset: number;
}

export class PartitionReader {
  private readonly transport: HttpTransport;

  constructor(config: ClientOptions) {
    this.transport = createTransport(config);
  }

  /** Reads the records of `topic`-`partition` from `offset` (OFFSET_OUT_OF_RANGE outside the log). */
  async read(
    topic: string,
    partition: number,
    offset: number,
    options: PartitionReadOptions = {},
  ): Promise<PartitionRead> {
    const response = await this.transport.request<FetchResponse>(
      'GET',
      route`/v1/topics/${topic}/partitions/${partition}/records`,
      {
        query: {
          offset,
          encoding: 'base64',
          maxRecords: options.maxRecords,
          maxBytes: options.maxBytes,
          waitMs: options.waitMs,
          isolation: options.isolation,
        },
        ...(options.waitMs !== undefined && { waitMs: options.waitMs }),
        ...(options.signal && { signal: options.signal }),
      },
    );
    return {
      records: response.records.map(fromRecordOutput),
      nextOffset: response.nextOffset,
      highWatermark: response.highWatermark,
      // A broker from before transactions has no transactions to wait for.
      lastStableOffset: response.lastStableOffset ?? response.highWatermark,
      logStartOffset: response.logStartOffset,
    };
  }
}
