/**
 * What the broker says at start about its partitions' storage, one line per finding, from
 * the reports the logs made while opening (`@mini-kafka/storage`'s damage reports):
 * - every cut or unreadable range: warn, or error when it is data loss (records that flush
 *   `always` may have acknowledged are gone); a torn final write is a warn too;
 * - a partition that could not be opened: error; it answers KAFKA_STORAGE_ERROR until a
 *   restart opens it.
 * Each line names the topic, partition, segment file, offsets, bytes and where the damaged
 * bytes were kept, so an operator can find them.
 */
import {
  damageFound,
  describeDamage,
  describePartition,
  type LogManager,
  type SegmentDamage,
} from '@mini-kafka/storage';
import type { Logger } from './logger.js';

export function logStorageHealth(logger: Logger, logs: LogManager): void {
  for (const topic of logs.listTopics()) {
    for (let partition = 0; partition < topic.partitions; partition++) {
      const log = logs.getLog(topic.name, partition);
      const { offline } = describePartition(log);
      if (offline !== undefined) {
        logger.error(
          { topic: topic.name, partition, reason: offline.reason },
          `${topic.name}-${partition} is offline: its directory could not be opened (${offline.reason}); it answers KAFKA_STORAGE_ERROR until a restart opens it`,
        );
      }
      for (const finding of damageFound(log)) logDamageFinding(logger, topic.name, partition, finding);
    }
  }
}

/** One damage finding: error when it is data loss, else warn; its fields are the finding's. */
export function logDamageFinding(logger: Logger, topic: string, partition: number, finding: SegmentDamage): void {
  const fields = { ...finding, topic, partition };
  if (finding.dataLoss) logger.error(fields, describeDamage(finding));
  else logger.warn(fields, describeDamage(finding));
}
