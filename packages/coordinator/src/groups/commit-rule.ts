/**
 * The commit rule, one for every path that writes a committed offset: an HTTP commit, a
 * tutorial ack, a Kafka OffsetCommit, an offset reset. An offset past the partition's log
 * end is refused with OFFSET_OUT_OF_RANGE (HTTP 416; code 1 for that partition alone in an
 * OffsetCommit response): it would silently skip the records written later. Real clients
 * only commit offsets they fetched, which never are. An offset below the log start is
 * allowed: the consumer's reset policy handles it, as in Kafka. "Log end" is what the
 * broker's `logOffsets` answers (the broker gives its high watermark, what consumers can
 * read); a partition whose bounds it does not know is not checked.
 */
import type { MiniKafkaError } from '@mini-kafka/protocol/core';
import type { LogOffsets } from '../coordinator-options.js';
import { offsetPastLogEnd } from './errors.js';

/** What the offset checks need to know of the broker's partitions (the BrokerView answers both). */
export interface PartitionBounds {
  partitionCount(topic: string): number | undefined;
  logOffsets(topic: string, partition: number): LogOffsets | undefined;
}

/** The rule's verdict on one entry: the error, or `undefined` when it may be committed. */
export function checkCommitRange(
  entry: { topic: string; partition: number; offset: number },
  broker: PartitionBounds,
): MiniKafkaError | undefined {
  const bounds = broker.logOffsets(entry.topic, entry.partition);
  if (bounds === undefined || entry.offset <= bounds.logEndOffset) return undefined;
  return offsetPastLogEnd(entry.topic, entry.partition, entry.offset, bounds.logEndOffset);
}
