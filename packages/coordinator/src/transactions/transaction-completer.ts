/**
 * Completes decided transactions (Kafka's TransactionMarkerChannelManager, for one broker): for
 * an id in PrepareCommit/PrepareAbort, writes the marker to every partition of the transaction
 * and completes the group offsets of every group, in parallel, then writes
 * CompleteCommit/CompleteAbort durably and installs it.
 *
 * - One completion per id at a time: a second call while one runs joins it.
 * - A failure (a marker write, a group, or the state log) leaves the Prepare* state as it is and
 *   schedules a retry after a backoff that doubles from `backoffMs` up to 30 s; `retryDue()` (the
 *   coordinator's tick) also runs the retries that are due. Targets already written are not
 *   written again by a retry of the same completion; a marker written twice is harmless anyway
 *   (a reopened coordinator re-sends them all).
 */
import type { Clock, Scheduler } from '@mini-kafka/protocol/core';
import type { TransactionMarker } from '@mini-kafka/storage';
import { complete, isPrepare, type TransactionMetadata } from './transaction-metadata.js';
import type { TransactionStateStore } from './transaction-state-log.js';
import type { TransactionMarkerTarget } from './transaction-types.js';

const MAX_BACKOFF_MS = 30_000;

export interface TransactionCompleterContext {
  txns: Map<string, TransactionMetadata>;
  store: TransactionStateStore;
  clock: Clock;
  scheduler: Scheduler;
  markers: TransactionMarkerTarget;
  coordinatorEpoch: number;
  backoffMs: number;
}

interface Retry {
  retryAt: number;
  backoffMs: number;
  cancel: () => void;
  /** Targets ("p:<topic>:<partition>", "g:<group>") already done for this decision. */
  done: Set<string>;
}

export class TransactionCompleter {
  private readonly running = new Map<string, Promise<boolean>>();
  private readonly retries = new Map<string, Retry>();
  private stopped = false;
  /** Completions that failed and were scheduled again, since open. */
  failures = 0;

  constructor(private readonly context: TransactionCompleterContext) {}

  /** Completes the id's decided transaction; resolves true once Complete* is durable, false when a retry is scheduled. */
  complete(id: string): Promise<boolean> {
    const running = this.running.get(id);
    if (running !== undefined) return running;
    const run = this.run(id).finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
  }

  private async run(id: string): Promise<boolean> {
    const { txns, markers, store, clock } = this.context;
    const meta = txns.get(id);
    const retry = this.retries.get(id);
    retry?.cancel();
    if (meta === undefined || !isPrepare(meta.state)) {
      this.retries.delete(id);
      return true;
    }
    const commit = meta.state === 'PrepareCommit';
    const marker: TransactionMarker = {
      producerId: meta.producerId,
      producerEpoch: meta.producerEpoch,
      commit,
      coordinatorEpoch: this.context.coordinatorEpoch,
    };
    const done = retry?.done ?? new Set<string>();
    const targets: [string, () => Promise<void>][] = [
      ...meta.partitions.map(({ topic, partition }): [string, () => Promise<void>] => [
        `p:${topic}:${partition}`,
        () => markers.writeMarker(topic, partition, marker),
      ]),
      ...meta.groups.map((group): [string, () => Promise<void>] => [
        `g:${group}`,
        () => markers.completeGroupOffsets(group, meta.producerId, commit),
      ]),
    ];
    const results = await Promise.allSettled(
      targets
        .filter(([key]) => !done.has(key))
        .map(async ([key, write]) => {
          await write();
          done.add(key);
        }),
    );
    try {
      if (results.some((result) => result.status === 'rejected')) return this.scheduleRetry(id, done);
      const next = complete(meta, clock.now());
      await store.write(next);
      txns.set(id, next);
      this.retries.delete(id);
      return true;
    } catch {
      return this.scheduleRetry(id, done);
    }
  }

  private scheduleRetry(id: string, done: Set<string>): false {
    this.failures++;
    if (this.stopped) return false;
    const previous = this.retries.get(id);
    const backoffMs =
      previous === undefined ? this.context.backoffMs : Math.min(previous.backoffMs * 2, MAX_BACKOFF_MS);
    const cancel = this.context.scheduler.schedule(backoffMs, () => {
      void this.complete(id);
    });
    this.retries.set(id, { retryAt: this.context.clock.now() + backoffMs, backoffMs, cancel, done });
    return false;
  }

  /** Ids whose completion failed and waits for a retry. */
  get waiting(): string[] {
    return [...this.retries.keys()];
  }

  /** Runs the retries that are due now. */
  async retryDue(): Promise<void> {
    const now = this.context.clock.now();
    const due = [...this.retries].filter(([, retry]) => retry.retryAt <= now).map(([id]) => this.complete(id));
    await Promise.all(due);
  }

  /** Resolves when no completion is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** No more retries: cancels the scheduled ones (a reopened coordinator completes what is left). */
  stop(): void {
    this.stopped = true;
    for (const retry of this.retries.values()) retry.cancel();
  }
}
