/**
 * One member fetch (GET /v1/groups/{group}/members/{member}/records): binary by default, the
 * broker answering a fetch frame of stored RecordBatch bytes decoded here (record-batches.ts),
 * or JSON when asked for or when the broker has no binary transport (it answers JSON to the
 * binary Accept, and fetches are JSON from then on).
 *
 * A binary answer names the offset each partition was read from; one that is not the
 * consumer's own fetched position (an earlier answer lost on the way, a position that drifted)
 * is dropped and the broker's position put back (GroupSession.repairPosition), so no record
 * is skipped.
 *
 * A partition the broker could not read (its log damaged: CORRUPT_MESSAGE; offline:
 * KAFKA_STORAGE_ERROR) comes back as an error naming topic, partition and offset, beside the
 * other partitions' records; the member's position there stays where it was.
 */
import {
  decodeFetchFrame,
  type IsolationLevel,
  type MemberFetchPartitionError,
  type MemberFetchResponse,
  MiniKafkaError,
  type PartitionFetchError,
  RECORD_BATCH_MEDIA_TYPE,
  recordBatchAccept,
} from '@mini-kafka/protocol';
import { type ConsumerRecord, fromRecordOutput } from '../encoding.js';
import { parseJsonAnswer, route } from '../http-transport.js';
import { CLIENT_CODECS, consumerRecords } from '../record-batches.js';
import type { Generation } from './group-membership.js';
import type { GroupSession } from './group-session.js';

export interface FetchLimits {
  maxRecords: number;
  maxBytes: number;
  waitMs: number;
}

export interface Fetched {
  rebalanceRequired: boolean;
  records: ConsumerRecord[];
  /** Partitions that could not be read, as errors with `details` { topic, partition, offset }. */
  unreadable: MiniKafkaError[];
}

const BINARY_ACCEPT = recordBatchAccept(CLIENT_CODECS);

/** A partition's read error as the consumer reports it: the broker's name and words, and where. */
export function unreadablePartition(topic: string, partition: number, offset: number, error: PartitionFetchError) {
  return new MiniKafkaError(error.name, error.message, { details: { topic, partition, offset } });
}

export class MemberFetcher {
  /** Fetches ask for RecordBatch bytes (until a broker answers JSON instead). */
  binary: boolean;

  constructor(
    private readonly session: GroupSession,
    binary: boolean,
    private readonly isolation: IsolationLevel = 'read_committed',
  ) {
    this.binary = binary;
  }

  async fetch(
    generation: Generation,
    limits: FetchLimits,
    waitMs: number,
    signal: AbortSignal,
    retries?: number,
  ): Promise<Fetched> {
    const path = route`/v1/groups/${this.session.groupId!}/members/${generation.memberId}/records`;
    // base64 even in binary: a broker without the binary transport answers JSON, whose bytes must survive.
    const query = {
      ...limits,
      waitMs,
      encoding: 'base64',
      generationId: generation.generationId,
      isolation: this.isolation,
    };
    const transport = this.session.memberTransport;
    if (!this.binary) {
      return fromJson(await transport.request<MemberFetchResponse>('GET', path, { query, waitMs, signal }));
    }
    const answer = await transport.exchange('GET', path, {
      query,
      waitMs,
      signal,
      accept: BINARY_ACCEPT,
      ...(retries !== undefined && { retries }),
    });
    if (answer.contentType !== RECORD_BATCH_MEDIA_TYPE) {
      this.binary = false;
      return fromJson(parseJsonAnswer<MemberFetchResponse>(answer.bytes.toString('utf8'), `GET ${path}`));
    }
    const frame = decodeFetchFrame(answer.bytes);
    const records: ConsumerRecord[] = [];
    const unreadable: MiniKafkaError[] = [];
    const { positions } = this.session;
    for (const part of frame.partitions) {
      if (part.error !== undefined) {
        unreadable.push(unreadablePartition(part.topic, part.partition, part.fetchOffset, part.error));
        continue;
      }
      // The broker answers from its position for the member; ours says where that should be.
      const expected = positions.get('fetched', part.topic, part.partition);
      if (expected !== undefined && part.fetchOffset !== expected) {
        await this.session.repairPosition(generation, part.topic, part.partition, expected, part.fetchOffset);
        continue;
      }
      for (const record of consumerRecords(part)) records.push(record);
      // Where the broker's position now is: past the last batch, even past offsets no record holds.
      positions.advance('fetched', part.topic, part.partition, part.nextOffset);
    }
    return { rebalanceRequired: frame.rebalanceRequired, records, unreadable };
  }
}

function fromJson(response: MemberFetchResponse): Fetched {
  return {
    rebalanceRequired: response.rebalanceRequired,
    records: response.records.map(fromRecordOutput),
    unreadable: (response.errors ?? []).map(({ topic, partition, offset, error }: MemberFetchPartitionError) =>
      unreadablePartition(topic, partition, offset, error),
    ),
  };
}
