/**
 * A pause that grows with each failed authentication from one client address, so that
 * guessing passwords is slow: the answer to the n-th failure in a row waits
 * min(cap, base × 2^(n−1)) ms (base: Kafka's `connection.failed.authentication.delay.ms`,
 * 100 by default). A success, or a minute without failures, forgets the address.
 * Only the failing client waits; the broker keeps serving everyone else.
 */
import type { Clock } from '@mini-kafka/protocol/core';

const FORGET_AFTER_MS = 60_000;
const MAX_DELAY_MS = 10_000;
/** Addresses remembered at most (a flood of addresses forgets the oldest first). */
const MAX_ADDRESSES = 10_000;

export class AuthFailures {
  private readonly byHost = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly baseDelayMs: number,
  ) {}

  /** Records a failure from `host`; resolves to how long its answer should wait (ms). */
  failed(host: string): number {
    const now = this.clock.now();
    const seen = this.byHost.get(host);
    const count = seen !== undefined && now - seen.last < FORGET_AFTER_MS ? seen.count + 1 : 1;
    this.byHost.delete(host);
    this.byHost.set(host, { count, last: now });
    if (this.byHost.size > MAX_ADDRESSES) this.byHost.delete(this.byHost.keys().next().value as string);
    if (this.baseDelayMs <= 0) return 0;
    return Math.min(MAX_DELAY_MS, this.baseDelayMs * 2 ** Math.min(count - 1, 20));
  }

  succeeded(host: string): void {
    this.byHost.delete(host);
  }
}

/** Waits `ms` (0: not at all). */
export function pause(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms).unref());
}
