/** Resolves an offset-reset target (earliest, latest, an offset, a timestamp) to an offset in a log. */
import { MiniKafkaError, type ResetTarget } from '@mini-kafka/protocol';
import type { PartitionLog } from '@mini-kafka/storage';

export async function resolveResetTarget(log: PartitionLog, target: ResetTarget): Promise<number> {
  if (target === 'earliest') return log.logStartOffset;
  if (target === 'latest') return log.highWatermark;
  if ('offset' in target) {
    if (target.offset < log.logStartOffset || target.offset > log.logEndOffset) {
      throw new MiniKafkaError(
        'OFFSET_OUT_OF_RANGE',
        `Offset ${target.offset} is out of range: valid offsets are ${log.logStartOffset} to ${log.logEndOffset}`,
        { details: { offset: target.offset } },
      );
    }
    return target.offset;
  }
  const found = await log.offsetForTimestamp(target.timestamp);
  return found?.offset ?? log.highWatermark;
}
