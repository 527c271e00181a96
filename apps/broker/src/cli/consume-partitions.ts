/**
 * `consume` outside a group: reads each partition from a starting offset (a number,
 * earliest, latest, or the first record at or after a time) with the SDK's PartitionReader,
 * one loop per partition, until each has reached the high watermark it saw when it started
 * (or, with `follow`, until stopped). Nothing is committed.
 */
import type { Admin, ConsumerRecord, PartitionReader } from '@mini-kafka/client';

export type StartAt = { offset: number } | 'earliest' | 'latest' | { timestamp: number };

export interface PartitionReadPlan {
  topic: string;
  /** Every partition of the topic when absent. */
  partition?: number;
  start: StartAt;
  follow: boolean;
  /** Stop after this many records (over all partitions). */
  maxMessages?: number;
  signal: AbortSignal;
}

const FOLLOW_WAIT_MS = 1000;

/** Hands each record to `print` (once `maxMessages` is reached, no more); resolves with how many were printed. */
export async function readPartitions(
  admin: Admin,
  reader: PartitionReader,
  plan: PartitionReadPlan,
  print: (record: ConsumerRecord) => void,
): Promise<number> {
  const partitions =
    plan.partition !== undefined
      ? [plan.partition]
      : (await admin.describeTopic(plan.topic)).partitionDetails.map((detail) => detail.partition);
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  plan.signal.addEventListener('abort', onAbort, { once: true });
  let printed = 0;
  const readOne = async (partition: number) => {
    let offset = await startOffset(admin, plan.topic, partition, plan.start);
    let end: number | undefined;
    while (!stop.signal.aborted) {
      let read: Awaited<ReturnType<PartitionReader['read']>>;
      try {
        read = await reader.read(plan.topic, partition, offset, {
          waitMs: plan.follow ? FOLLOW_WAIT_MS : 0,
          signal: stop.signal,
          ...(plan.maxMessages !== undefined && { maxRecords: Math.min(500, plan.maxMessages - printed) }),
        });
      } catch (error) {
        if (stop.signal.aborted) return;
        throw error;
      }
      end ??= read.highWatermark;
      for (const record of read.records) {
        if (stop.signal.aborted) return;
        if (!plan.follow && record.offset >= end) return;
        print(record);
        printed++;
        if (plan.maxMessages !== undefined && printed >= plan.maxMessages) {
          stop.abort();
          return;
        }
      }
      // Without follow, a read that moves nothing on (nothing more to read) ends the partition too.
      if (!plan.follow && (read.nextOffset >= end || read.nextOffset === offset)) return;
      offset = read.nextOffset;
    }
  };
  try {
    await Promise.all(partitions.map(readOne));
  } finally {
    plan.signal.removeEventListener('abort', onAbort);
  }
  return printed;
}

async function startOffset(admin: Admin, topic: string, partition: number, start: StartAt): Promise<number> {
  if (typeof start === 'object' && 'offset' in start) return start.offset;
  const timestamp = start === 'earliest' ? -2 : start === 'latest' ? -1 : start.timestamp;
  return (await admin.offsetsForTimestamp(topic, partition, timestamp)).offset;
}
