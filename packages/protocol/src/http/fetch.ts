/**
 * Reading records: by topic, partition and offset (GET /v1/topics/{topic}/partitions/{p}/records),
 * and for a group member from its positions (GET /v1/groups/{group}/members/{member}/records).
 */
import * as z from 'zod';
import { encoding, type HeaderOutput, offset, queryInt } from './common.js';
import { MAX_FETCH_BYTES, MAX_FETCH_RECORDS, MAX_WAIT_MS } from './limits.js';
import type { PartitionFetchError } from './record-batch-transport.js';
import { isolation } from './transactions.js';

const fetchLimits = {
  maxRecords: queryInt(z.int().min(1).max(MAX_FETCH_RECORDS)).default(500),
  maxBytes: queryInt(z.int().min(1).max(MAX_FETCH_BYTES)).default(1024 * 1024),
  /** Long poll: wait up to this long for data when there is none (0 = answer at once). */
  waitMs: queryInt(z.int().min(0).max(MAX_WAIT_MS)).default(0),
  encoding: encoding.default('utf8'),
  /**
   * `read_committed` (absent) or `read_uncommitted`. HTTP readers cannot filter aborted records
   * themselves, so the broker does; committed data only is the safe default (transactions.ts).
   */
  isolation,
};

export const fetchQuery = z.object({ offset: queryInt(offset), ...fetchLimits });
export type FetchQuery = z.input<typeof fetchQuery>;

export const memberFetchQuery = z.object({ ...fetchLimits, generationId: queryInt(z.int().min(-1)).optional() });
export type MemberFetchQuery = z.input<typeof memberFetchQuery>;

export interface RecordOutput {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: HeaderOutput[];
}

export interface FetchResponse {
  topic: string;
  partition: number;
  records: RecordOutput[];
  /** Where to read next. */
  nextOffset: number;
  highWatermark: number;
  /**
   * The end of what a read_committed reader may see: the first offset of the oldest transaction
   * still open, or the high watermark when none is.
   */
  lastStableOffset: number;
  logStartOffset: number;
}

export interface MemberFetchResponse {
  generationId: number;
  /** True when the group rebalanced: rejoin (or heartbeat) to get the new assignment. */
  rebalanceRequired: boolean;
  records: RecordOutput[];
  /**
   * Partitions of the member that could not be read, each with Kafka's error (CORRUPT_MESSAGE
   * where its log is damaged at `offset`, KAFKA_STORAGE_ERROR where it is offline); the
   * member's position there stays at `offset`, and its other partitions' records are in
   * `records`. Present only when there is one.
   */
  errors?: MemberFetchPartitionError[];
}

/** A partition a member fetch could not read: where it stands, and why. */
export interface MemberFetchPartitionError {
  topic: string;
  partition: number;
  /** The member's position in the partition, where the read failed. */
  offset: number;
  error: PartitionFetchError;
}

/** GET /v1/topics/{topic}/partitions/{p}/offsets?timestamp=: -2 the log start, -1 the log end, else a time in ms. */
export const offsetLookupQuery = z.object({ timestamp: z.coerce.number().pipe(z.int().min(-2)) });
export type OffsetLookupQuery = z.input<typeof offsetLookupQuery>;

/** The first offset whose timestamp is at least the one asked for (the log end when none is), and its timestamp. */
export interface OffsetLookupResponse {
  offset: number;
  /** The record's timestamp; null for -2, -1, and when no record is that late. */
  timestamp: number | null;
}
