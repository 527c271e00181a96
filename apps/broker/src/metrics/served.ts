/**
 * What a read answered, counted once per partition of the answer: stored batches (binary
 * and Kafka reads) count their bytes and the offsets they cover from the read's position;
 * decoded records (JSON reads) count themselves and their keys' and values' bytes.
 */
import type { StoredRecord } from '@mini-kafka/storage';
import type { BrokerMetrics, Listener } from './broker-metrics.js';

export interface ServedBatches {
  topic: string;
  fetchOffset: number;
  nextOffset: number;
  records: Uint8Array | readonly Uint8Array[];
}

export function countServedBatches(metrics: BrokerMetrics, listener: Listener, partitions: readonly ServedBatches[]) {
  for (const { topic, fetchOffset, nextOffset, records } of partitions) {
    const bytes =
      records instanceof Uint8Array ? records.length : records.reduce((sum, chunk) => sum + chunk.length, 0);
    if (bytes > 0) metrics.served(listener, topic, Math.max(0, nextOffset - fetchOffset), bytes);
  }
}

export function countServedRecords(
  metrics: BrokerMetrics,
  listener: Listener,
  topic: string,
  records: readonly StoredRecord[],
): void {
  let bytes = 0;
  for (const { key, value } of records) bytes += (key?.length ?? 0) + (value?.length ?? 0);
  metrics.served(listener, topic, records.length, bytes);
}
