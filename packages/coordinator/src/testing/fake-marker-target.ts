/**
 * A TransactionMarkerTarget for tests: records every marker and group completion, and fails the
 * partitions or groups a test names (a storage failure), or holds them until released.
 * Test-only; not built or published.
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import type { TransactionMarker } from '@mini-kafka/storage';
import type { TransactionMarkerTarget } from '../transactions/transaction-types.js';

export class FakeMarkerTarget implements TransactionMarkerTarget {
  readonly markers: { topic: string; partition: number; marker: TransactionMarker }[] = [];
  readonly groups: { groupId: string; producerId: number; commit: boolean }[] = [];
  /** "topic:partition" or "group:<id>" targets that reject. */
  readonly failing = new Set<string>();
  /** While set, every write waits for it. */
  hold: Promise<void> | undefined;

  async writeMarker(topic: string, partition: number, marker: TransactionMarker): Promise<void> {
    await this.hold;
    if (this.failing.has(`${topic}:${partition}`)) {
      throw new MiniKafkaError('KAFKA_STORAGE_ERROR', `Cannot write to ${topic}-${partition}`);
    }
    this.markers.push({ topic, partition, marker: { ...marker } });
  }

  async completeGroupOffsets(groupId: string, producerId: number, commit: boolean): Promise<void> {
    await this.hold;
    if (this.failing.has(`group:${groupId}`))
      throw new MiniKafkaError('KAFKA_STORAGE_ERROR', 'Cannot complete offsets');
    this.groups.push({ groupId, producerId, commit });
  }
}

/** Producer ids 1000, 1001, ... as the broker's ProducerIdManager hands them out. */
export function producerIds(first = 1000): () => Promise<number> {
  let next = first;
  return async () => next++;
}
