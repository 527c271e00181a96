/**
 * The broker's background scrub of its partitions' stored data (`@mini-kafka/storage`'s
 * scrubLogs), started once it serves (`scrubOnStart`, on by default; the start never waits
 * for it). What it says, as it goes:
 * - each damaged range it finds: the same line the start gives a damage finding
 *   (storage-health.ts: error when it is data loss, else warn), naming the topic, partition,
 *   segment, offsets, bytes and the copy in damaged/;
 * - each segment whose indexes it rebuilt (an entry disagreed with the batches): warn;
 * - a partition it could not read: error;
 * - with the scrub on or off, a read that meets damage no scrub has reached yet has its
 *   segment scrubbed (Log.onDamageFound): what that finds is logged the same way, once;
 * - when every partition is done: one info line, `storage scrub finished`, its fields the
 *   partitions, bytes and seconds, the damaged ranges found, the indexes rebuilt and the
 *   partitions that failed.
 */
import { Log, type LogManager, type ScrubReport, type ScrubRun, scrubLogs } from '@mini-kafka/storage';
import type { Logger } from './logger.js';
import { logDamageFinding } from './storage-health.js';

export const SCRUB_FINISHED = 'storage scrub finished';

export function startStorageScrub(logger: Logger, logs: LogManager): ScrubRun {
  const run = scrubLogs(logs, {
    onPartition: ({ topic, partition }, report) => logScrubReport(logger, topic, partition, report),
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

/**
 * Logs what a read that met damage found when it had its segment scrubbed (Log.onDamageFound):
 * damage no scrub had reached yet is reported as it is met, once per segment.
 */
export function watchReadDamage(logger: Logger, logs: LogManager): void {
  for (const topic of logs.listTopics()) {
    for (let partition = 0; partition < topic.partitions; partition++) {
      const log = logs.getLog(topic.name, partition);
      if (log instanceof Log) log.onDamageFound((report) => logScrubReport(logger, topic.name, partition, report));
    }
  }
}

function logScrubReport(logger: Logger, topic: string, partition: number, report: ScrubReport): void {
  for (const finding of report.damage) logDamageFinding(logger, topic, partition, finding);
  for (const { baseOffset, reason } of report.rebuiltIndexes) {
    logger.warn(
      { topic, partition, segmentBaseOffset: baseOffset, reason },
      `${topic}-${partition}: the indexes of segment ${baseOffset} were rebuilt from its batches (${reason})`,
    );
  }
}
