/**
 * HttpMember: one consumer in an HTTP group: its subscription, session timeout, when it
 * was last heard from, and the partitions it owns in the group's current generation.
 */
import { type TopicPartition, topicPartitionKey } from '@mini-kafka/protocol/core';

export class HttpMember {
  /** Sorted, without duplicates. */
  topics: readonly string[];
  sessionTimeoutMs: number;
  /** The coordinator's clock when the member last sent anything. */
  lastSeen: number;
  private partitions: readonly TopicPartition[] = [];
  private owned = new Set<string>();

  constructor(
    readonly memberId: string,
    readonly clientId: string,
    topics: readonly string[],
    sessionTimeoutMs: number,
    now: number,
  ) {
    this.topics = topics;
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.lastSeen = now;
  }

  /** Partitions owned now, sorted. Do not mutate; the coordinator hands out copies. */
  get assignment(): readonly TopicPartition[] {
    return this.partitions;
  }

  setAssignment(partitions: readonly TopicPartition[]): void {
    this.partitions = partitions;
    this.owned = new Set(partitions.map((tp) => topicPartitionKey(tp.topic, tp.partition)));
  }

  owns(topic: string, partition: number): boolean {
    return this.owned.has(topicPartitionKey(topic, partition));
  }

  subscribesTo(topics: readonly string[]): boolean {
    return topics.length === this.topics.length && topics.every((topic, i) => topic === this.topics[i]);
  }

  touch(now: number): void {
    this.lastSeen = Math.max(this.lastSeen, now);
  }

  /** Silent for longer than its session timeout. */
  isExpired(now: number): boolean {
    return now - this.lastSeen > this.sessionTimeoutMs;
  }
}
