/**
 * The broker's background scrub of its partitions' stored data (`@mini-kafka/storage`'s
 * scrubLogs), started once it serves (`scrubOnStart`, on by default; the start never waits
 * for it). What it says, as it goes:
 * - each damaged range it finds: the same line the start gives a damage finding
 *   (storage-health.ts: error when it is data loss, else warn), naming the topic, partition,
 *   segment, offsets, bytes and the copy in damaged/;
 * - each segment whose indexes it rebuilt (an entry disagreed with the batches): warn;
 * - a partition it could not read: error;
 * - when every partition is done: one info line, `storage scrub finished`, its fields the
 *   partitions, bytes and seconds, the damaged ranges found, the indexes rebuilt and the
 *   partitions that failed.
 */
import { type LogManager, type ScrubRun, scrubLogs } from '@mini-kafka/storage';
import type { Logger } from './logger.js';
import { logDamageFinding } from './storage-health.js';

export const SCRUB_FINISHED = 'storage scrub finished';

export function startStorageScrub(logger: Logger, logs: LogManager): ScrubRun {
  const run = scrubLogs(logs, {
    onPartition: ({ topic, partition }, report) => {
      for (const finding of report.damage) logDamageFinding(logger, topic, partition, finding);
      for (const { baseOffset, reason } of report.rebuiltIndexes) {
        logger.warn(
          { topic, partition, segmentBaseOffset: baseOffset, reason },
          `${topic}-${partition}: the indexes of segment ${baseOffset} were rebuilt from its batches (${reason})`,
        );
      }
    },
    onError: ({ topic, partition }, error) => {
      logger.error(
        { topic, partition, err: error },
        `${topic}-${partition}: the storage scrub could not read it; its reads meet any damage as they go`,
      );
    },
  });
  run.done
    .then((summary) => {
      logger.info({ ...summary }, SCRUB_FINISHED);
    })
    .catch(() => undefined);
  return run;
}
