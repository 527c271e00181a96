/**
 * At start, once the logs and the committed offsets are loaded: a group's committed offset
 * past its partition's log end proves the records below it existed and were read, so the
 * range between is data loss, even when opening took it for a torn write. Each is logged at
 * error level and the log end moved past the commit (`Log.continueAtLeastAt`): the lost
 * offsets are never given to new records, read as CORRUPT_MESSAGE and show in the
 * partition's `damage`; the group's commit stays valid and it reads the new records.
 * Storage is told a floor only; it knows nothing of groups.
 *
 * Kafka lets a client commit any offset, even past the log end, so a commit is taken as proof
 * only when this open gives cause to doubt the log end: an unclean stop, or damage found at
 * the end. A commit past the end of a log closed cleanly, with nothing cut, is logged as a
 * warning and changes nothing.
 */
import type { OffsetStore } from '@mini-kafka/coordinator';
import { Log, type LogManager } from '@mini-kafka/storage';
import type { Logger } from './logger.js';

export interface CommitPastEnd {
  group: string;
  topic: string;
  partition: number;
  committedOffset: number;
  logEndOffset: number;
  recordsLost: number;
}

/** The highest commit per partition past its log end, applied to the logs; resolves to each one found. */
export async function keepCommitsWithinLogs(
  store: OffsetStore,
  logs: LogManager,
  logger: Logger,
): Promise<CommitPastEnd[]> {
  const found: CommitPastEnd[] = [];
  for (const group of store.groupIds()) {
    for (const { topic, partition, offset } of store.list(group)) {
      const partitions = logs.getTopic(topic)?.partitions;
      if (partitions === undefined || partition >= partitions) continue;
      const log = logs.getLog(topic, partition);
      if (!(log instanceof Log) || offset <= log.logEndOffset) continue;
      if (!endInDoubt(log)) {
        logger.warn(
          { group, topic, partition, committedOffset: offset, logEndOffset: log.logEndOffset },
          `${topic}-${partition}: group ${group} committed offset ${offset}, past the log end ${log.logEndOffset}, though the log was closed cleanly with nothing cut; left as committed`,
        );
        continue;
      }
      found.push({
        group,
        topic,
        partition,
        committedOffset: offset,
        logEndOffset: log.logEndOffset,
        recordsLost: offset - log.logEndOffset,
      });
    }
  }
  // The highest commit of a partition first: one move covers every group's.
  found.sort((a, b) => b.committedOffset - a.committedOffset);
  for (const commit of found) {
    const { group, topic, partition, committedOffset, logEndOffset, recordsLost } = commit;
    logger.error(
      commit,
      `${topic}-${partition}: group ${group} committed offset ${committedOffset}, past the log end ${logEndOffset}: ${recordsLost} records it had read are lost (data loss); their offsets are not reused and read as CORRUPT_MESSAGE`,
    );
    await (logs.getLog(topic, partition) as Log).continueAtLeastAt(committedOffset);
  }
  return found;
}

/** Whether opening found cause to doubt the log end: an unclean stop, or damage cut at the end. */
function endInDoubt(log: Log): boolean {
  const { cleanShutdown, damage } = log.loadReport;
  return !cleanShutdown || damage.some((finding) => finding.fromOffset >= log.logEndOffset);
}
