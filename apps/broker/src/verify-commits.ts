/**
 * The offline twin of committed-past-end.ts for `mini-kafka verify`: a group's committed
 * offset past its partition's log end (the end the next open gives it) proves records that
 * were acknowledged and read are gone. Where the log's end is in doubt (an unclean stop, or
 * damage in its last segment) that is `damage`, the data loss the broker reports at start,
 * even when the log alone looks like a harmless torn write; after a clean stop with nothing
 * cut it is a `warning`, since Kafka lets a client commit any offset. The problem goes to the
 * partition's list, so the report shows it under the partition.
 */
import type { OffsetsStoreVerification } from '@mini-kafka/coordinator';
import type { PartitionVerification } from '@mini-kafka/storage';

/** Adds a problem to each partition a commit lies past the end of; true when any is damage. */
export function checkCommitsAgainstLogs(
  partitions: readonly PartitionVerification[],
  commits: OffsetsStoreVerification['commits'],
): boolean {
  const byPartition = new Map(partitions.map((p) => [`${p.topic}\u0000${p.partition}`, p]));
  let damage = false;
  for (const { group, topic, partition, offset } of commits) {
    const log = byPartition.get(`${topic}\u0000${partition}`);
    if (log === undefined || offset <= log.logEndOffset) continue;
    const lastSegment = log.segments.at(-1)?.file;
    const inDoubt =
      !log.cleanShutdown ||
      log.problems.some(
        (problem) => problem.severity !== 'info' && (problem.file === undefined || problem.file === lastSegment),
      );
    if (inDoubt) {
      damage = true;
      log.damaged = true;
      log.problems.push({
        severity: 'damage',
        fromOffset: log.logEndOffset,
        toOffset: offset - 1,
        message: `DATA LOSS: group "${group}" committed offset ${offset}, past the log end ${log.logEndOffset}: records ${log.logEndOffset} to ${offset - 1} were written and read, and are gone; the broker moves the log end past them at start`,
      });
    } else {
      log.problems.push({
        severity: 'warning',
        message: `group "${group}" committed offset ${offset}, past the log end ${log.logEndOffset}, though the log was closed cleanly with nothing cut; the broker leaves it as committed`,
      });
    }
  }
  return damage;
}
