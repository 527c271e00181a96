/**
 * FetchMemory: the broker-wide budget for the bytes reads in flight hold, shared by Kafka
 * Fetch (from the read until the socket has taken the answer) and the HTTP read routes (from
 * the read until the answer is written). A read takes a lease before it reads and reads no
 * more than the lease grants, so many large reads at once wait or answer with fewer bytes
 * instead of each allocating its whole limit.
 *
 * - One read is granted at most `maxLeaseBytes` (the broker's fetchMaxBytes), however much
 *   it asks for: a cap per request, so one read neither takes the whole budget nor holds the
 *   event loop for long decoding and writing its answer.
 * - Budget free (at least a minimum grant, or all that is asked): granted at once, at most
 *   what is free: the answer is shorter and the client asks again.
 * - Not enough free: the read waits, in arrival order, for bytes to come back, at most
 *   `maxWaitMs`. Then it is admitted anyway with the smallest grant, 1 byte, with which a
 *   read returns just its first batch, whole (Kafka's KIP-74: a fetch always makes
 *   progress); so the budget is exceeded by at most one batch per read admitted that way.
 * - An aborted wait (the client went away) gets a grant of 0: read nothing.
 * - A lease is settled at what the read returned (`hold`; what it did not use goes back at
 *   once) and released when its bytes are written. Releasing twice is harmless.
 * - A raw read may take its buffers from the lease (`allocate`): read windows come from a
 *   free list and go back to it on release, instead of fresh allocations, which cost page
 *   faults on every read and collections for external memory. Only for bytes nothing holds
 *   once the lease is released (a Kafka answer the socket has taken).
 */
import { type Scheduler, systemScheduler } from '@mini-kafka/protocol/core';
import { READ_WINDOW_BYTES } from '@mini-kafka/storage';
import type { BrokerConfig } from '../config/broker-config.js';

/** How long a read waits for budget before it is admitted with its first batch. */
export const FETCH_MEMORY_WAIT_MS = 1000;

/** Grants smaller than this (or than what is asked) wait for more to come back instead. */
const MIN_GRANT_BYTES = 64 * 1024;
/** Read windows kept for reuse at most (16 MiB). */
const MAX_FREE_WINDOWS = 16;

export interface FetchLease {
  /** The bytes the read may take (0: read nothing). */
  readonly granted: number;
  /** Settles the lease at the bytes the read holds: what it did not use goes back. */
  hold(bytes: number): void;
  /**
   * A buffer of exactly `size` bytes for a raw read (ReadOptions.allocate), reused from
   * earlier leases when it is a read window; it goes back for reuse on release.
   */
  allocate(size: number): Buffer;
  /** Gives the lease's bytes back, and its buffers; later calls do nothing. */
  release(): void;
}

export interface FetchMemoryOptions {
  /** The budget, in bytes. */
  limitBytes: number;
  /** The most one lease grants (default: the whole budget). */
  maxLeaseBytes?: number;
  /** How long a read waits for budget before it is admitted with one batch. */
  maxWaitMs: number;
  scheduler?: Scheduler;
}

interface Waiter {
  wanted: number;
  admit(granted: number): void;
}

export class FetchMemory {
  private held = 0;
  private peak = 0;
  private readonly freeWindows: Buffer[] = [];
  private readonly queue: Waiter[] = [];
  private readonly scheduler: Scheduler;

  constructor(private readonly options: FetchMemoryOptions) {
    this.scheduler = options.scheduler ?? systemScheduler;
  }

  /** Bytes held by leases now (may pass the limit by the first batches of reads admitted after waiting). */
  get heldBytes(): number {
    return this.held;
  }

  /** The most bytes held at once so far. */
  get peakBytes(): number {
    return this.peak;
  }

  /** Reads waiting for budget. */
  get waiting(): number {
    return this.queue.length;
  }

  get limitBytes(): number {
    return this.options.limitBytes;
  }

  /** A lease of at most `wanted` bytes (see the header for when it comes and how much it grants). */
  acquire(wanted: number, signal?: AbortSignal): Promise<FetchLease> {
    const asked = Math.max(1, Math.min(wanted, this.options.maxLeaseBytes ?? this.options.limitBytes));
    if (signal?.aborted === true) return Promise.resolve(this.lease(0));
    if (this.queue.length === 0 && this.free() >= this.minimumGrant(asked)) {
      return Promise.resolve(this.lease(Math.min(asked, this.free())));
    }
    return new Promise<FetchLease>((resolve) => {
      const cancelTimer = this.scheduler.schedule(this.options.maxWaitMs, () => {
        if (leave()) resolve(this.lease(Math.max(1, Math.min(asked, this.free()))));
      });
      const onAbort = (): void => {
        if (leave()) resolve(this.lease(0));
      };
      const waiter: Waiter = {
        wanted: asked,
        admit: (granted) => {
          cancelTimer();
          signal?.removeEventListener('abort', onAbort);
          resolve(this.lease(granted));
        },
      };
      const leave = (): boolean => {
        const at = this.queue.indexOf(waiter);
        if (at < 0) return false;
        this.queue.splice(at, 1);
        cancelTimer();
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private free(): number {
    return this.options.limitBytes - this.held;
  }

  private minimumGrant(wanted: number): number {
    return Math.min(wanted, MIN_GRANT_BYTES, this.options.limitBytes);
  }

  /** Admits waiters, in order, while the budget has room for the one at the head. */
  private admitWaiting(): void {
    for (;;) {
      const head = this.queue[0];
      if (head === undefined || this.free() < this.minimumGrant(head.wanted)) return;
      this.queue.shift();
      head.admit(Math.min(head.wanted, this.free()));
    }
  }

  private lease(granted: number): FetchLease {
    let bytes = 0;
    const settle = (next: number): void => {
      this.held += next - bytes;
      this.peak = Math.max(this.peak, this.held);
      bytes = next;
      this.admitWaiting();
    };
    settle(granted);
    let released = false;
    const windows: Buffer[] = [];
    return {
      granted,
      hold: (used) => {
        if (!released) settle(Math.max(0, used));
      },
      allocate: (size) => {
        if (size > READ_WINDOW_BYTES || released) return Buffer.allocUnsafe(size);
        const window = this.freeWindows.pop() ?? Buffer.allocUnsafeSlow(READ_WINDOW_BYTES);
        windows.push(window);
        return window.subarray(0, size);
      },
      release: () => {
        if (released) return;
        released = true;
        for (const window of windows) if (this.freeWindows.length < MAX_FREE_WINDOWS) this.freeWindows.push(window);
        settle(0);
      },
    };
  }
}

/** The broker's budget, as its configuration sets it. */
export function fetchMemoryFor(
  config: Pick<BrokerConfig, 'fetchMemoryBytes' | 'fetchMaxBytes'>,
  scheduler?: Scheduler,
): FetchMemory {
  return new FetchMemory({
    limitBytes: config.fetchMemoryBytes,
    maxLeaseBytes: config.fetchMaxBytes,
    maxWaitMs: FETCH_MEMORY_WAIT_MS,
    scheduler,
  });
}
