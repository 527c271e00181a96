/** What describe(), listGroups() and lag() answer, for both kinds of group. */
import type { PartitionLag, TopicPartition } from '@mini-kafka/protocol';
import type { GroupState } from './state.js';

/** Lag of one partition: the shape the HTTP API answers with, defined once in @mini-kafka/protocol. */
export type { PartitionLag } from '@mini-kafka/protocol';

export interface MemberDescription {
  memberId: string;
  clientId: string;
  topics: string[];
  assignment: TopicPartition[];
  sessionTimeoutMs: number;
  lastSeenAgoMs: number;
  /** Kafka groups only: the address the member connected from. */
  clientHost?: string;
  /** Kafka groups only: group.instance.id of a static member, else null. */
  groupInstanceId?: string | null;
}

export interface GroupDescription {
  groupId: string;
  state: GroupState;
  generationId: number;
  /** HTTP groups: the assignor (AssignorName). Kafka groups: the chosen protocol, e.g. `range`; `''` while none. */
  assignor: string;
  /** Kafka groups only: the protocol type their members sent (`consumer`). */
  protocolType?: string;
  /** In join order. */
  members: MemberDescription[];
  offsets: PartitionLag[];
}

export interface GroupListing {
  groupId: string;
  state: GroupState;
  members: number;
  /** Kafka groups only: the protocol type their members sent (`consumer`). */
  protocolType?: string;
}
