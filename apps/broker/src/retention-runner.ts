/**
 * Retention, run by the broker rather than by the log manager's own timer, so that every
 * deletion is a log line: each partition whose old segments went names how many, the log
 * start before and after, and the bytes the partition holds now (info). A partition that fails its pass (a
 * full disk, an offline partition) is a warn line and the others go on; the next pass retries.
 * Passes never overlap.
 */
import type { LogManager } from '@mini-kafka/storage';
import type { Logger } from './logger.js';

export interface RetentionRunner {
  /** One pass over every partition now; resolves to the segments deleted. */
  runOnce(): Promise<number>;
  stop(): void;
}

export function startRetention(logs: LogManager, intervalMs: number, logger: Logger): RetentionRunner {
  let running: Promise<number> | undefined;
  const pass = async (): Promise<number> => {
    let deleted = 0;
    for (const topic of logs.listTopics()) {
      for (let partition = 0; partition < topic.partitions; partition++) {
        const log = logs.getLog(topic.name, partition);
        const previousLogStartOffset = log.logStartOffset;
        try {
          const segments = await log.deleteOldSegments();
          if (segments === 0) continue;
          deleted += segments;
          logger.info(
            {
              topic: topic.name,
              partition,
              segments,
              logStartOffset: log.logStartOffset,
              previousLogStartOffset,
              sizeBytes: log.size,
            },
            'retention deleted old segments',
          );
        } catch (error) {
          logger.warn({ topic: topic.name, partition, err: error }, 'retention pass failed for a partition');
        }
      }
    }
    return deleted;
  };
  const runOnce = (): Promise<number> => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer =
    intervalMs > 0 ? setInterval(() => void runOnce().catch(() => undefined), intervalMs).unref() : undefined;
  return { runOnce, stop: () => clearInterval(timer) };
}
