/**
 * OfflineReopener: brings back a partition that went offline for want of space or file
 * descriptors, without a restart. At start-up on a full disk, a partition whose recovery
 * must keep damaged bytes aside (an interrupted write) cannot, and is offline (offline-log.ts);
 * once space is freed, the same open succeeds. So while such a partition is asked for, its
 * open is tried again in the background, at most once per RETRY_INTERVAL_MS; the request that
 * asked gets the offline error (507 over HTTP: the cause is named), a later one the log.
 * Offline for any other cause (an unreadable file, an I/O error) stays offline until restart.
 */
import type { Clock } from '@mini-kafka/protocol/core';
import { OfflineLog } from './offline-log.js';
import type { PartitionLog } from './partition-log.js';

/** The least time between two attempts to open the same offline partition. */
export const RETRY_INTERVAL_MS = 1000;

/** True when `log` is offline for a cause that passes (no space, no file descriptors). */
export function offlineForNow(log: PartitionLog): log is OfflineLog {
  return log instanceof OfflineLog && log.passingCause !== undefined;
}

export interface ReopenTarget {
  topic: string;
  partition: number;
  offline: OfflineLog;
}

export interface OfflineReopenerParts {
  clock: Clock;
  /**
   * Opens the partition and puts its log in place of `offline`, when `offline` is still the
   * partition's log (no topic change since); run where topic changes are serialised. Resolves
   * false when the partition is no longer that offline log.
   */
  reopen(target: ReopenTarget): Promise<boolean>;
}

export class OfflineReopener {
  private readonly lastTried = new WeakMap<OfflineLog, number>();
  private readonly inFlight = new WeakSet<OfflineLog>();

  constructor(private readonly parts: OfflineReopenerParts) {}

  /** Starts an attempt to open `target` again unless one is running or the last was too recent. */
  poke(target: ReopenTarget): void {
    const { offline } = target;
    const now = this.parts.clock.now();
    const last = this.lastTried.get(offline);
    if (this.inFlight.has(offline) || (last !== undefined && now - last < RETRY_INTERVAL_MS)) return;
    this.inFlight.add(offline);
    this.lastTried.set(offline, now);
    void this.parts
      .reopen(target)
      .catch(() => false) // still offline: the next request tries again
      .finally(() => this.inFlight.delete(offline));
  }
}
