/**
 * BrokerView: the coordinator's window on the broker's topics, through the callbacks it
 * was given. A callback that throws or answers nonsense reads as "no such topic or
 * partition", so a broker bug can never leave a group half-rebalanced.
 */
import type { GroupCoordinatorOptions, LogOffsets } from './coordinator-options.js';

export class BrokerView {
  constructor(private readonly options: Pick<GroupCoordinatorOptions, 'partitionCount' | 'logOffsets'>) {}

  /** Partitions of `topic`, or `undefined` when it does not exist. */
  partitionCount(topic: string): number | undefined {
    try {
      const count = this.options.partitionCount(topic);
      return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : undefined;
    } catch {
      return undefined;
    }
  }

  /** Partition counts of the existing topics among `topics`. */
  partitionCounts(topics: readonly string[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const topic of topics) {
      const count = this.partitionCount(topic);
      if (count !== undefined) counts.set(topic, count);
    }
    return counts;
  }

  logOffsets(topic: string, partition: number): LogOffsets | undefined {
    try {
      const bounds = this.options.logOffsets(topic, partition);
      if (
        bounds === undefined ||
        !Number.isSafeInteger(bounds.logStartOffset) ||
        !Number.isSafeInteger(bounds.logEndOffset)
      ) {
        return undefined;
      }
      return { logStartOffset: bounds.logStartOffset, logEndOffset: bounds.logEndOffset };
    } catch {
      return undefined;
    }
  }
}
