/** What describe(), listGroups() and lag() answer, for both kinds of group. */
import type { GroupMemberDescription, PartitionLag } from '@mini-kafka/protocol';
import type { GroupState } from './state.js';

/** Lag of one partition: the shape the HTTP API answers with, defined once in @mini-kafka/protocol. */
export type { PartitionLag } from '@mini-kafka/protocol';

/** A member as the HTTP API describes it, plus what only Kafka groups know. */
export interface MemberDescription extends GroupMemberDescription {
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
