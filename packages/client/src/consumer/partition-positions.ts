/**
 * PartitionPositions: where a consumer stands in each partition it owns. Every position
 * is the NEXT offset (Kafka's convention: last offset + 1):
 *   - fetched:   after the last record received from the broker (buffered or not);
 *   - delivered: after the last record handed to user code;
 *   - processed: after the last record user code is known to be done with;
 *   - committed: the last offset this consumer committed (to skip commits that change nothing).
 * Normally committed <= processed <= delivered <= fetched; a seek moves all but committed.
 */

import type { OffsetCommit, TopicPartition } from '@mini-kafka/protocol';
import { topicPartitionKey } from '@mini-kafka/protocol';

interface Position {
  topic: string;
  partition: number;
  fetched?: number;
  delivered?: number;
  processed?: number;
  committed?: number;
}

type Stage = 'fetched' | 'delivered' | 'processed';

export class PartitionPositions {
  private readonly positions = new Map<string, Position>();

  /** Moves `stage` of a partition forward to `next` (never backward). */
  advance(stage: Stage, topic: string, partition: number, next: number): void {
    const position = this.position(topic, partition);
    position[stage] = Math.max(position[stage] ?? next, next);
  }

  /** Everything delivered so far counts as processed (the user came back for more). */
  processDelivered(): void {
    for (const position of this.positions.values()) {
      if (position.delivered !== undefined) position.processed = position.delivered;
    }
  }

  /** Moves fetched, delivered and processed to `offset` (a seek). */
  seek(topic: string, partition: number, offset: number): void {
    const position = this.position(topic, partition);
    position.fetched = offset;
    position.delivered = offset;
    position.processed = offset;
  }

  /** Moves fetched and delivered back to `offset` (records from there on will be fetched again). */
  rewind(topic: string, partition: number, offset: number): void {
    const position = this.position(topic, partition);
    position.fetched = Math.min(position.fetched ?? offset, offset);
    position.delivered = Math.min(position.delivered ?? offset, offset);
    if (position.processed !== undefined && position.processed > offset) position.processed = offset;
  }

  get(stage: Stage | 'committed', topic: string, partition: number): number | undefined {
    return this.positions.get(topicPartitionKey(topic, partition))?.[stage];
  }

  /** Forgets every partition not in `keep`. */
  retain(keep: readonly TopicPartition[]): void {
    const keys = new Set(keep.map(({ topic, partition }) => topicPartitionKey(topic, partition)));
    for (const key of this.positions.keys()) if (!keys.has(key)) this.positions.delete(key);
  }

  /** Forgets one partition (the broker's position applies again). */
  forget(topic: string, partition: number): void {
    this.positions.delete(topicPartitionKey(topic, partition));
  }

  clear(): void {
    this.positions.clear();
  }

  /** Commits that would move the committed offset to the `stage` position. */
  uncommitted(stage: 'delivered' | 'processed'): OffsetCommit[] {
    const offsets: OffsetCommit[] = [];
    for (const position of this.positions.values()) {
      const offset = position[stage];
      if (offset !== undefined && offset !== position.committed) {
        offsets.push({ topic: position.topic, partition: position.partition, offset });
      }
    }
    return offsets;
  }

  /** Records that these offsets are committed. */
  committed(offsets: readonly OffsetCommit[]): void {
    for (const { topic, partition, offset } of offsets) {
      const position = this.positions.get(topicPartitionKey(topic, partition));
      if (position !== undefined) position.committed = offset;
    }
  }

  private position(topic: string, partition: number): Position {
    const key = topicPartitionKey(topic, partition);
    let position = this.positions.get(key);
    if (position === undefined) {
      position = { topic, partition };
      this.positions.set(key, position);
    }
    return position;
  }
}
