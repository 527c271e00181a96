/**
 * What describe(), listGroups() and lag() answer, for both kinds of group: the HTTP API's
 * shapes (@mini-kafka/protocol), plus what only Kafka-protocol groups know.
 */
import type {
  GroupMemberDescription,
  GroupSummary,
  GroupDescription as HttpGroupDescription,
} from '@mini-kafka/protocol';

/** Lag of one partition: the shape the HTTP API answers with, defined once in @mini-kafka/protocol. */
export type { PartitionLag } from '@mini-kafka/protocol';

/** A member as the HTTP API describes it, plus what only Kafka groups know. */
export interface MemberDescription extends GroupMemberDescription {
  /** Kafka groups only: the address the member connected from. */
  clientHost?: string;
  /** Kafka groups only: group.instance.id of a static member, else null. */
  groupInstanceId?: string | null;
}

/** A group as the HTTP API describes it (`GET /v1/groups/:group`), plus what only Kafka groups know. */
export interface GroupDescription extends HttpGroupDescription {
  /** Kafka groups only: the protocol type their members sent (`consumer`). */
  protocolType?: string;
  /** In join order. */
  members: MemberDescription[];
}

/** A group as the HTTP API lists it (`GET /v1/groups`), plus what only Kafka groups know. */
export interface GroupListing extends GroupSummary {
  /** Kafka groups only: the protocol type their members sent (`consumer`). */
  protocolType?: string;
}
