/**
 * OffsetTable: the in-memory view of committed offsets, group -> partition -> offset,
 * shared by every OffsetStore. It hands out copies, so callers never alias its entries.
 */
import { compareStrings, compareTopicPartitions, topicPartitionKey } from '@mini-kafka/protocol/core';
import type { CommittedOffset } from './offset-store.js';

function copy(entry: CommittedOffset): CommittedOffset {
  return { ...entry };
}

export class OffsetTable {
  private readonly groups = new Map<string, Map<string, CommittedOffset>>();
  private count = 0;

  /** Live entries across all groups. */
  get size(): number {
    return this.count;
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    const entry = this.groups.get(groupId)?.get(topicPartitionKey(topic, partition));
    return entry === undefined ? undefined : copy(entry);
  }

  list(groupId: string, topic?: string): CommittedOffset[] {
    const entries = [...(this.groups.get(groupId)?.values() ?? [])];
    return entries
      .filter((entry) => topic === undefined || entry.topic === topic)
      .map(copy)
      .sort(compareTopicPartitions);
  }

  groupIds(): string[] {
    return [...this.groups.keys()].sort(compareStrings);
  }

  set(groupId: string, entry: CommittedOffset): void {
    let group = this.groups.get(groupId);
    if (group === undefined) {
      group = new Map();
      this.groups.set(groupId, group);
    }
    const key = topicPartitionKey(entry.topic, entry.partition);
    if (!group.has(key)) this.count++;
    group.set(key, copy(entry));
  }

  delete(groupId: string, topic: string, partition: number): void {
    const group = this.groups.get(groupId);
    if (group?.delete(topicPartitionKey(topic, partition)) !== true) return;
    this.count--;
    if (group.size === 0) this.groups.delete(groupId);
  }

  /** Every live entry with its group, groups sorted, partitions sorted within each. */
  entries(): Array<{ groupId: string; entry: CommittedOffset }> {
    return this.groupIds().flatMap((groupId) => this.list(groupId).map((entry) => ({ groupId, entry })));
  }
}
