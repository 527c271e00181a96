/**
 * The queue in front of a log's single writer (write coalescing): appends that arrive
 * while a write is in flight wait here, and the writer takes all of them at its next turn,
 * in arrival order, to write them together. Those turns run on the log's SerialQueue, so
 * they never overlap its other writer tasks (roll, retention, DeleteRecords, close).
 */
import type { AppendResult } from './partition-log.js';
import type { SerialQueue } from './serial-queue.js';

/** An append waiting for the single writer, with the callbacks that answer it. */
export interface PendingAppend {
  batches: Buffer;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export class AppendQueue {
  private pending: PendingAppend[] = [];
  private draining = false;

  /**
   * @param writer the log's single writer.
   * @param write writes appends taken from the queue together, answering each of them.
   */
  constructor(
    private readonly writer: SerialQueue,
    private readonly write: (queued: PendingAppend[]) => Promise<void>,
  ) {}

  /** Queues `batches`; resolves to the append's answer once the writer has written them. */
  submit(batches: Buffer): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ batches, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        void this.writer.run(() => this.drain());
      }
    });
  }

  /** The writer's turn: everything queued, in batches of what arrived during the previous write. */
  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.write(this.pending.splice(0));
    } finally {
      this.draining = false;
    }
  }
}
