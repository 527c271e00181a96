/**
 * MemoryOffsetStore: committed offsets in memory only (tests, the broker's in-memory
 * mode). Writes apply at once; nothing survives the process.
 */
import type { TopicPartition } from '@mini-kafka/protocol/core';
import type { CommittedOffset, OffsetStore } from './offset-store.js';
import { OffsetTable } from './offset-table.js';
import { storeClosed } from './store-errors.js';

export class MemoryOffsetStore implements OffsetStore {
  private readonly table = new OffsetTable();
  private closed = false;

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.table.get(groupId, topic, partition);
  }

  list(groupId: string, topic?: string): CommittedOffset[] {
    return this.table.list(groupId, topic);
  }

  groupIds(): string[] {
    return this.table.groupIds();
  }

  async commit(groupId: string, offsets: readonly CommittedOffset[]): Promise<void> {
    if (this.closed) throw storeClosed();
    for (const entry of offsets) this.table.set(groupId, entry);
  }

  async remove(groupId: string, partitions: readonly TopicPartition[]): Promise<void> {
    if (this.closed) throw storeClosed();
    for (const { topic, partition } of partitions) this.table.deleteWithPending(groupId, topic, partition);
  }

  async commitPending(groupId: string, producerId: number, offsets: readonly CommittedOffset[]): Promise<void> {
    if (this.closed) throw storeClosed();
    for (const entry of offsets) this.table.setPending(groupId, producerId, entry);
  }

  async completePending(groupId: string, producerId: number, commit: boolean): Promise<void> {
    if (this.closed) throw storeClosed();
    this.table.completePending(groupId, producerId, commit);
  }

  pending(groupId: string, producerId: number): CommittedOffset[] {
    return this.table.listPending(groupId, producerId);
  }

  pendingProducers(groupId: string): number[] {
    return this.table.pendingProducers(groupId);
  }

  hasPending(groupId: string, topic: string, partition: number): boolean {
    return this.table.hasPending(groupId, topic, partition);
  }

  pendingGroupIds(): string[] {
    return this.table.pendingGroupIds();
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
