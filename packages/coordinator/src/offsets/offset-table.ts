/**
 * OffsetTable: the in-memory view of committed offsets, group -> partition -> offset,
 * shared by every OffsetStore. It hands out copies, so callers never alias its entries.
 *
 * It also holds the offsets pending in open transactions, group -> producer id ->
 * partition -> offset (Kafka's pendingTransactionalOffsetCommits), apart from the committed
 * ones: `get`/`list`/`groupIds` never show them until `completePending` commits them.
 *
 * Every stored entry carries the order in which it was written (`orderOf`; replay writes in
 * log order, so this is the log's order). A committing transaction's offset replaces the
 * committed one only if that was written before it: a plain commit written after the
 * TxnOffsetCommit wins (Kafka's completePendingTxnOffsetCommit compares log positions the same
 * way). Compaction writes entries in this order, so it survives a rewrite.
 */
import { compareStrings, compareTopicPartitions, topicPartitionKey } from '@mini-kafka/protocol/core';
import type { CommittedOffset } from './offset-store.js';

function copy(entry: CommittedOffset): CommittedOffset {
  return { ...entry };
}

export class OffsetTable {
  private readonly groups = new Map<string, Map<string, CommittedOffset>>();
  private readonly pendingGroups = new Map<string, Map<number, Map<string, CommittedOffset>>>();
  private readonly order = new WeakMap<CommittedOffset, number>();
  private written = 0;
  private count = 0;
  private pendingCount = 0;

  /** Live entries across all groups, pending ones included. */
  get size(): number {
    return this.count + this.pendingCount;
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

  /** Stores a copy of `entry`, stamped with `order` (default: written now). */
  private stamp(entry: CommittedOffset, order?: number): CommittedOffset {
    const stored = copy(entry);
    this.order.set(stored, order ?? ++this.written);
    return stored;
  }

  private orderIn(map: Map<string, CommittedOffset> | undefined, key: string): number {
    const stored = map?.get(key);
    return stored === undefined ? 0 : (this.order.get(stored) ?? 0);
  }

  /** When the entry of this partition was written (0: there is none). */
  orderOf(groupId: string, topic: string, partition: number, producerId?: number): number {
    const key = topicPartitionKey(topic, partition);
    if (producerId === undefined) return this.orderIn(this.groups.get(groupId), key);
    return this.orderIn(this.pendingGroups.get(groupId)?.get(producerId), key);
  }

  set(groupId: string, entry: CommittedOffset, order?: number): void {
    let group = this.groups.get(groupId);
    if (group === undefined) {
      group = new Map();
      this.groups.set(groupId, group);
    }
    const key = topicPartitionKey(entry.topic, entry.partition);
    if (!group.has(key)) this.count++;
    group.set(key, this.stamp(entry, order));
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

  /** Records `entry` as pending for the producer's open transaction in the group (the latest per partition wins). */
  setPending(groupId: string, producerId: number, entry: CommittedOffset): void {
    let group = this.pendingGroups.get(groupId);
    if (group === undefined) {
      group = new Map();
      this.pendingGroups.set(groupId, group);
    }
    let producer = group.get(producerId);
    if (producer === undefined) {
      producer = new Map();
      group.set(producerId, producer);
    }
    const key = topicPartitionKey(entry.topic, entry.partition);
    if (!producer.has(key)) this.pendingCount++;
    producer.set(key, this.stamp(entry));
  }

  deletePending(groupId: string, producerId: number, topic: string, partition: number): void {
    const group = this.pendingGroups.get(groupId);
    const producer = group?.get(producerId);
    if (producer?.delete(topicPartitionKey(topic, partition)) !== true) return;
    this.pendingCount--;
    if (producer.size === 0) group!.delete(producerId);
    if (group!.size === 0) this.pendingGroups.delete(groupId);
  }

  /** The producer's pending offsets in the group, sorted by topic, then partition. */
  listPending(groupId: string, producerId: number): CommittedOffset[] {
    const entries = [...(this.pendingGroups.get(groupId)?.get(producerId)?.values() ?? [])];
    return entries.map(copy).sort(compareTopicPartitions);
  }

  /** The producers with offsets pending in the group, sorted. */
  pendingProducers(groupId: string): number[] {
    return [...(this.pendingGroups.get(groupId)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** Whether any producer has an offset pending for this partition of the group. */
  hasPending(groupId: string, topic: string, partition: number): boolean {
    const key = topicPartitionKey(topic, partition);
    for (const producer of this.pendingGroups.get(groupId)?.values() ?? []) if (producer.has(key)) return true;
    return false;
  }

  /** The groups with pending offsets, sorted. */
  pendingGroupIds(): string[] {
    return [...this.pendingGroups.keys()].sort(compareStrings);
  }

  /** Every pending entry with its group and producer, in a stable order. */
  pendingEntries(): Array<{ groupId: string; producerId: number; entry: CommittedOffset }> {
    return this.pendingGroupIds().flatMap((groupId) =>
      this.pendingProducers(groupId).flatMap((producerId) =>
        this.listPending(groupId, producerId).map((entry) => ({ groupId, producerId, entry })),
      ),
    );
  }

  /** Ends the producer's transaction in the group: commit makes its pending offsets committed, abort drops them. */
  completePending(groupId: string, producerId: number, commit: boolean): void {
    for (const entry of this.listPending(groupId, producerId)) {
      const { topic, partition } = entry;
      const order = this.orderOf(groupId, topic, partition, producerId);
      if (commit && this.orderOf(groupId, topic, partition) < order) this.set(groupId, entry, order);
      this.deletePending(groupId, producerId, entry.topic, entry.partition);
    }
  }

  /** Deletes the partition's committed offset and every offset pending for it (Kafka's removeOffsets). */
  deleteWithPending(groupId: string, topic: string, partition: number): void {
    this.delete(groupId, topic, partition);
    for (const producerId of this.pendingProducers(groupId)) this.deletePending(groupId, producerId, topic, partition);
  }

  /** Every live entry, committed and pending, in the order they were written (what compaction writes). */
  inWriteOrder(): Array<{ groupId: string; producerId?: number; entry: CommittedOffset }> {
    const all = [
      ...this.entries().map((e) => ({ ...e, order: this.orderOf(e.groupId, e.entry.topic, e.entry.partition) })),
      ...this.pendingEntries().map((e) => ({
        ...e,
        order: this.orderOf(e.groupId, e.entry.topic, e.entry.partition, e.producerId),
      })),
    ];
    return all.sort((a, b) => a.order - b.order).map(({ order: _, ...rest }) => rest);
  }
}
