/**
 * Resolves an offset-reset target (earliest, latest, an offset, a timestamp) to an offset in
 * a log. An explicit offset is taken as given: the coordinator's commit rule, which every
 * committed offset goes through, refuses one past the log end (below the log start is
 * allowed, as for any commit: readers then start at the log start).
 */
import type { ResetTarget } from '@mini-kafka/protocol/core';
import type { PartitionLog } from '@mini-kafka/storage';

export async function resolveResetTarget(log: PartitionLog, target: ResetTarget): Promise<number> {
  if (target === 'earliest') return log.logStartOffset;
  if (target === 'latest') return log.highWatermark;
  if ('offset' in target) return target.offset;
  const found = await log.offsetForTimestamp(target.timestamp);
  return found?.offset ?? log.highWatermark;
}
