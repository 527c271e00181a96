/**
 * Long-poll support: readers wait for an offset to become readable, and the log wakes
 * exactly those whose offset fell below the new high watermark. No polling, no timers
 * beyond each waiter's own deadline.
 */
interface Waiter {
  offset: number;
  resolve: (arrived: boolean) => void;
  timer: NodeJS.Timeout | undefined;
  cleanup: () => void;
}

export class DataWaiters {
  private waiters = new Set<Waiter>();

  /** Resolves true once `isReadable(offset)` would hold, false at the deadline, on abort or close. */
  wait(offset: number, readableBelow: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (offset < readableBelow) return Promise.resolve(true);
    if (timeoutMs <= 0 || signal?.aborted === true) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const onAbort = (): void => finish(false);
      const waiter: Waiter = {
        offset,
        resolve: (arrived) => finish(arrived),
        timer: setTimeout(() => finish(false), timeoutMs),
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      const finish = (arrived: boolean): void => {
        if (!this.waiters.delete(waiter)) return;
        clearTimeout(waiter.timer);
        waiter.cleanup();
        resolve(arrived);
      };
      this.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Wakes every waiter whose offset is now below `readableBelow`. */
  notify(readableBelow: number): void {
    if (this.waiters.size === 0) return;
    for (const waiter of [...this.waiters]) {
      if (waiter.offset < readableBelow) waiter.resolve(true);
    }
  }

  /** Resolves every waiter with false (the log is closing). */
  closeAll(): void {
    for (const waiter of [...this.waiters]) waiter.resolve(false);
  }
}
