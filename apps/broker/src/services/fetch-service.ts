/**
 * Reading a partition with a long poll: answer at once when there is data; otherwise wait
 * on the log's own wake-up (no polling) until data arrives, the deadline passes, the
 * client goes away or the broker stops.
 */
import type { LogManager, ReadResult } from '@mini-kafka/storage';

export interface FetchOptions {
  maxRecords: number;
  maxBytes: number;
  waitMs: number;
  signal?: AbortSignal;
}

export async function fetchPartition(
  logs: LogManager,
  topic: string,
  partition: number,
  offset: number,
  options: FetchOptions,
): Promise<ReadResult> {
  const log = logs.getLog(topic, partition);
  const read = () => log.read(offset, { maxBytes: options.maxBytes, maxRecords: options.maxRecords });
  const result = await read();
  if (result.records.length > 0 || options.waitMs <= 0) return result;
  const arrived = await log.waitForData(offset, options.waitMs, options.signal);
  return arrived ? read() : result;
}
