/** Reading what an SDK consumer hands out in e2e tests: poll until a count is reached, and a record's text. */
import type { Consumer, ConsumerRecord } from '@mini-kafka/client';

export const text = (record: ConsumerRecord): string => record.value?.toString('utf8') ?? '';

/** Polls `consumer` until it has handed out `count` records; fails after `timeoutMs`. */
export async function pollUntil(consumer: Consumer, count: number, timeoutMs = 10_000): Promise<ConsumerRecord[]> {
  const records: ConsumerRecord[] = [];
  const deadline = Date.now() + timeoutMs;
  while (records.length < count) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms with ${records.length} of ${count} records`);
    records.push(...(await consumer.poll({ maxRecords: count - records.length, waitMs: 500 })));
  }
  return records;
}
