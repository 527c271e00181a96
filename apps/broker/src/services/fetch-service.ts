/**
 * Reading a partition with a long poll: answer at once when there is data; otherwise wait
 * on the log's own wake-up (no polling) until data arrives, the deadline passes, the
 * client goes away or the broker stops. Each read takes a lease of the fetch memory budget
 * first (read-lease.ts), which may shrink its limits; the caller releases it once the
 * answer is written.
 */
import type { LogManager, ReadResult } from '@mini-kafka/storage';
import type { FetchLease, FetchMemory } from './fetch-memory.js';
import { holdRecords, leaseRead } from './read-lease.js';

export interface FetchOptions {
  maxRecords: number;
  maxBytes: number;
  waitMs: number;
  memory: FetchMemory;
  signal?: AbortSignal;
}

export async function fetchPartition(
  logs: LogManager,
  topic: string,
  partition: number,
  offset: number,
  options: FetchOptions,
): Promise<{ result: ReadResult; lease: FetchLease }> {
  const log = logs.getLog(topic, partition);
  const read = async (): Promise<{ result: ReadResult; lease: FetchLease }> => {
    const { lease, limits } = await leaseRead(options.memory, [log], options, options.signal);
    try {
      // A grant of 0: the client went away while waiting for budget.
      const result: ReadResult =
        limits.maxRecords === 0
          ? {
              records: [],
              nextOffset: offset,
              highWatermark: log.highWatermark,
              logStartOffset: log.logStartOffset,
              lastStableOffset: log.lastStableOffset,
            }
          : await log.read(offset, limits);
      holdRecords(lease, result.records);
      return { result, lease };
    } catch (error) {
      lease.release();
      throw error;
    }
  };
  const first = await read();
  if (first.result.records.length > 0 || options.waitMs <= 0) return first;
  const arrived = await log.waitForData(offset, options.waitMs, options.signal);
  if (!arrived) return first;
  first.lease.release();
  return read();
}
