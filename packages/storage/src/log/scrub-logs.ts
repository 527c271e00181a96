/**
 * The background scrub of every file log a LogManager holds (log-scrub.ts does one log):
 * a few partitions at a time, so a broker with thousands of them keeps its file system
 * threads and event loop for its clients. Started once the broker serves; a log closed or
 * deleted meanwhile ends its own scrub, and `stop` ends the rest within a window
 * (SCRUB_WINDOW_BYTES) of each partition under way. Memory logs and offline partitions have nothing to scrub.
 */
import { Log } from './log.js';
import type { LogManager } from './log-manager.js';
import type { ScrubReport } from './log-scrub.js';
import { forEachLimited } from './run-limited.js';

/** Partitions scrubbed at the same time. */
export const SCRUB_CONCURRENCY = 2;

export interface ScrubLogsOptions {
  /** Partitions scrubbed at once. Default SCRUB_CONCURRENCY. */
  concurrency?: number;
  /** Milliseconds now, for the time taken. Default Date.now. */
  now?: () => number;
  /** Called as each partition is done, with what its scrub found. */
  onPartition?: (name: { topic: string; partition: number }, report: ScrubReport) => void;
  /** Called when a partition's scrub failed (an I/O error): the others go on. */
  onError?: (name: { topic: string; partition: number }, error: unknown) => void;
}

/** What scrubbing every partition found. */
export interface ScrubSummary {
  partitions: number;
  bytes: number;
  seconds: number;
  /** Damaged ranges found. */
  damage: number;
  /** Segments whose indexes were rebuilt. */
  rebuiltIndexes: number;
  failed: number;
}

export interface ScrubRun {
  done: Promise<ScrubSummary>;
  /** Stops the scrub (within a window of SCRUB_WINDOW_BYTES of each partition under way); resolves once it has. */
  stop(): Promise<void>;
}

/** Scrubs every partition of `logs` in the background. */
export function scrubLogs(logs: LogManager, options: ScrubLogsOptions = {}): ScrubRun {
  const now = options.now ?? Date.now;
  const started = now();
  let stopped = false;
  const names = logs
    .listTopics()
    .flatMap((topic) => Array.from({ length: topic.partitions }, (_, partition) => ({ topic: topic.name, partition })));
  const summary: ScrubSummary = { partitions: 0, bytes: 0, seconds: 0, damage: 0, rebuiltIndexes: 0, failed: 0 };
  const done = forEachLimited(names, options.concurrency ?? SCRUB_CONCURRENCY, async (name) => {
    if (stopped) return;
    let log: unknown;
    try {
      log = logs.getLog(name.topic, name.partition);
    } catch {
      return; // Deleted since the list was taken.
    }
    if (!(log instanceof Log)) return;
    try {
      const report = await log.scrub({ stopped: () => stopped });
      summary.partitions++;
      summary.bytes += report.bytes;
      summary.damage += report.damage.length;
      summary.rebuiltIndexes += report.rebuiltIndexes.length;
      options.onPartition?.(name, report);
    } catch (error) {
      summary.failed++;
      options.onError?.(name, error);
    }
  }).then(() => {
    summary.seconds = (now() - started) / 1000;
    return summary;
  });
  return {
    done,
    stop: async () => {
      stopped = true;
      await done.catch(() => undefined);
    },
  };
}
