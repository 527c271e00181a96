/**
 * What each kind of group asks of the GroupCoordinator facade, which holds both: one group
 * id is one kind at a time, so each kind asks about the other through its host, and the
 * facade owns the offset store and the broker view.
 */
import type { CommittedOffset } from '../offsets/offset-store.js';
import type { PartitionBounds } from './commit-rule.js';
import type { OffsetEntry } from './validation.js';

/** What HTTP groups ask of the facade. */
export interface HttpHost {
  /** Whether a Kafka group holds the id (members, members to be, or a rebalance under way). */
  kafkaActive(groupId: string): boolean;
  /** Forgets an idle Kafka group with this id: an HTTP group takes the id over. */
  dropKafkaGroup(groupId: string): void;
  hasOffsets(groupId: string): boolean;
}

/** What Kafka groups ask of the facade. */
export interface KafkaHost {
  closed(): boolean;
  /** Members of the HTTP group with this id (after expiring silent ones); 0 when there is none. */
  httpMembers(groupId: string): number;
  /** Forgets the memberless HTTP group with this id, if any: a Kafka group takes the id over. */
  dropHttpGroup(groupId: string): void;
  hasOffsets(groupId: string): boolean;
  /** The broker's partition counts and log bounds (the facade's BrokerView). */
  readonly broker: PartitionBounds;
  /** The group's committed offsets, sorted. */
  committed(groupId: string): CommittedOffset[];
  /** Whether the partition has offsets pending in an open transaction (OffsetFetch require_stable). */
  hasPending(groupId: string, topic: string, partition: number): boolean;
  write(groupId: string, entries: OffsetEntry[]): Promise<CommittedOffset[]>;
}
