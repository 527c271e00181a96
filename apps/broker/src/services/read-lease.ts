/**
 * The HTTP reads' share of the fetch memory budget (fetch-memory.ts). A decoded read holds
 * more than the bytes it read: its records as objects and its answer as JSON text (measured
 * with 100-byte records, 100,000 per read: ~1.5 KB of memory per record, about 14 times the
 * stored bytes; with large records the answer is a few times the stored bytes). So a read
 * counts DECODED_BYTE_WEIGHT times its stored bytes plus RECORD_OVERHEAD_BYTES per record:
 * before it reads as estimated from the partitions' average record size, which decides how
 * much it asks for; after it reads, as read.
 *
 * When the budget grants less than the estimate, the read's byte and record limits shrink in
 * proportion: the answer has fewer records and the client reads on from `nextOffset`.
 */
import type { PartitionLog, StoredRecord } from '@mini-kafka/storage';
import type { FetchLease, FetchMemory } from './fetch-memory.js';

/** Memory per stored byte of a decoded read: the bytes themselves, their text, their JSON. */
export const DECODED_BYTE_WEIGHT = 4;
/** Memory per record of a decoded read, beyond its bytes: the record and JSON objects. */
export const RECORD_OVERHEAD_BYTES = 1024;

export interface ReadLimits {
  maxBytes: number;
  maxRecords: number;
}

export interface LeasedRead {
  lease: FetchLease;
  /** The limits the read may use: those asked for, or less (never 0 unless the grant was 0). */
  limits: ReadLimits;
}

const costOf = (bytes: number, records: number): number =>
  DECODED_BYTE_WEIGHT * bytes + RECORD_OVERHEAD_BYTES * records;

/** The stored bytes of one record, about: key, value, header keys and values. */
function storedBytes(record: StoredRecord): number {
  let bytes = (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const header of record.headers) bytes += header.key.length + (header.value?.length ?? 0);
  return bytes;
}

/**
 * A lease for a decoded read of `logs` within `limits`, waiting for budget as FetchMemory does;
 * the limits shrink to what it grants. A grant of 0 (the client went away) allows nothing.
 */
export async function leaseRead(
  memory: FetchMemory,
  logs: readonly PartitionLog[],
  limits: ReadLimits,
  signal?: AbortSignal,
): Promise<LeasedRead> {
  let size = 0;
  let records = 0;
  for (const log of logs) {
    size += log.size;
    records += log.logEndOffset - log.logStartOffset;
  }
  const average = records > 0 ? Math.max(1, size / records) : limits.maxBytes;
  // Twice the average: a read returns whole batches, so a little more than it needs.
  const bytes = Math.min(limits.maxBytes, Math.ceil(2 * average * limits.maxRecords));
  const estimate = costOf(bytes, Math.min(limits.maxRecords, Math.ceil(bytes / average)));
  const lease = await memory.acquire(estimate, signal);
  if (lease.granted === 0) return { lease, limits: { maxBytes: 0, maxRecords: 0 } };
  const share = Math.min(1, lease.granted / estimate);
  return {
    lease,
    limits: {
      maxBytes: Math.max(1, Math.floor(limits.maxBytes * share)),
      maxRecords: Math.max(1, Math.floor(limits.maxRecords * share)),
    },
  };
}

/** Settles a decoded read's lease at what its records (one list per partition read) hold. */
export function holdRecords(lease: FetchLease, ...lists: readonly (readonly StoredRecord[])[]): void {
  let bytes = 0;
  let count = 0;
  for (const records of lists) {
    for (const record of records) bytes += storedBytes(record);
    count += records.length;
  }
  lease.hold(costOf(bytes, count));
}
