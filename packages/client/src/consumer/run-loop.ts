/**
 * RunLoop: kafkajs's `consumer.run({ eachMessage | eachBatch })`. It fetches a batch, hands
 * it to user code record by record (or partition by partition), marks each record
 * processed when its handler returns, and commits after the batch, in the background (the
 * next fetch does not wait for the commit; commits stay in order): at-least-once.
 *
 * When a handler throws, the loop stops the batch, commits what was processed, moves the
 * member's fetch positions back to the first unprocessed record of each partition (so
 * the failed record comes again), reports the error and backs off before fetching.
 * When a rebalance is pending or the consumer closes, it stops between records the same
 * way. The loop itself never throws; it ends when the consumer closes.
 */

import { topicPartitionKey } from '@mini-kafka/protocol';
import type { ConsumerRecord } from '../encoding.js';
import type { Batch, RunOptions } from './consumer-options.js';

/** What the loop needs from its consumer. */
export interface RunHost {
  isClosed(): boolean;
  /** A rebalance is pending. */
  isStale(): boolean;
  nextBatch(): Promise<ConsumerRecord[]>;
  delivered(record: ConsumerRecord): void;
  processed(topic: string, partition: number, next: number): void;
  /** Partitions (by topicPartitionKey) the user seeked during the current batch: their remaining records are skipped. */
  readonly seeked: Set<string>;
  /** Fetch these records again: moves positions back to the first of each partition. */
  rewind(records: ConsumerRecord[]): Promise<void>;
  /** Commits processed offsets when autoCommit is on; never throws. */
  commitProcessed(): Promise<void>;
  /** The same, without waiting for it (commits stay in order). */
  commitProcessedInBackground(): void;
  heartbeat(): Promise<void>;
  /** Waits before the next attempt (less when the consumer closes). */
  backoff(failures: number): Promise<void>;
}

export class RunLoop {
  constructor(
    private readonly host: RunHost,
    private readonly options: RunOptions,
  ) {}

  async run(): Promise<void> {
    const { host } = this;
    let failures = 0;
    while (!host.isClosed()) {
      try {
        const records = await host.nextBatch();
        if (records.length > 0) {
          host.seeked.clear();
          if (this.options.eachBatch) await this.eachBatch(records);
          else await this.eachRecord(records);
          host.commitProcessedInBackground();
        }
        failures = 0;
      } catch (error) {
        if (host.isClosed()) break;
        this.report(error);
        await host.backoff(failures++);
      }
    }
  }

  private report(error: unknown): void {
    if (this.options.onError) {
      try {
        this.options.onError(error);
      } catch {
        // An error reporter that throws must not stop the loop.
      }
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.emitWarning(`Mini Kafka consumer: ${message}`, { code: 'MINI_KAFKA_CONSUMER_ERROR' });
  }

  /** `eachMessage`: one record at a time. */
  private async eachRecord(records: ConsumerRecord[]): Promise<void> {
    const { host } = this;
    const handler = this.options.eachMessage!;
    for (let index = 0; index < records.length; index++) {
      const record = records[index]!;
      if (host.isClosed() || host.isStale()) return this.stop(records.slice(index));
      const key = topicPartitionKey(record.topic, record.partition);
      if (host.seeked.has(key)) continue;
      host.delivered(record);
      try {
        await handler({
          topic: record.topic,
          partition: record.partition,
          message: record,
          heartbeat: () => host.heartbeat(),
        });
      } catch (error) {
        await this.stop(records.slice(index));
        await host.commitProcessed();
        throw error;
      }
      if (!host.seeked.has(key)) host.processed(record.topic, record.partition, record.offset + 1);
    }
  }

  /** `eachBatch`: the records of one partition at a time. */
  private async eachBatch(records: ConsumerRecord[]): Promise<void> {
    const { host } = this;
    const handler = this.options.eachBatch!;
    const batches = byPartition(records);
    for (let index = 0; index < batches.length; index++) {
      const batch = batches[index]!;
      const later = () => batches.slice(index + 1).flatMap((rest) => rest.messages);
      if (host.isClosed() || host.isStale()) return this.stop([...batch.messages, ...later()]);
      const key = topicPartitionKey(batch.topic, batch.partition);
      if (host.seeked.has(key)) continue;
      host.delivered(batch.messages.at(-1)!); // positions only move forward: the last record says it all
      let next = batch.messages[0]!.offset;
      const resolveOffset = (offset: number) => {
        next = Math.max(next, offset + 1);
        if (!host.seeked.has(key)) host.processed(batch.topic, batch.partition, next);
      };
      try {
        await handler({
          batch,
          resolveOffset,
          heartbeat: () => host.heartbeat(),
          commitOffsetsIfNecessary: () => host.commitProcessed(),
          isRunning: () => !host.isClosed(),
          isStale: () => host.isStale(),
        });
      } catch (error) {
        await this.stop([...batch.messages.filter((record) => record.offset >= next), ...later()]);
        await host.commitProcessed();
        throw error;
      }
      if (this.options.eachBatchAutoResolve !== false) resolveOffset(batch.messages.at(-1)!.offset);
    }
  }

  /** Leaves `remaining` unprocessed: they are fetched again (unless the consumer is closing). */
  private async stop(remaining: ConsumerRecord[]): Promise<void> {
    if (this.host.isClosed()) return;
    const unseeked = remaining.filter(
      (record) => !this.host.seeked.has(topicPartitionKey(record.topic, record.partition)),
    );
    if (unseeked.length > 0) await this.host.rewind(unseeked);
  }
}

/** Groups records by partition, in the order partitions first appear. */
function byPartition(records: ConsumerRecord[]): Batch[] {
  const batches = new Map<string, Batch>();
  let batch: Batch | undefined;
  for (const record of records) {
    // Records of a partition mostly come together: look the batch up only when the partition changes.
    if (batch !== undefined && batch.partition === record.partition && batch.topic === record.topic) {
      batch.messages.push(record);
      continue;
    }
    const key = topicPartitionKey(record.topic, record.partition);
    batch = batches.get(key);
    if (batch === undefined) {
      const batchRecords: ConsumerRecord[] = [];
      batch = {
        topic: record.topic,
        partition: record.partition,
        messages: batchRecords,
        firstOffset: () => batchRecords[0]?.offset ?? null,
        lastOffset: () => batchRecords.at(-1)?.offset ?? null,
      };
      batches.set(key, batch);
    }
    batch.messages.push(record);
  }
  return [...batches.values()];
}
