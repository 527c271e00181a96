/** The shapes of the HTTP groups' API: join, heartbeat and who commits. */
import type { AssignorName, TopicPartition } from '@mini-kafka/protocol/core';

export interface JoinRequest {
  /** The member's id: client-chosen, or generated (`<clientId or "member">-<uuid>`) when absent. */
  memberId?: string;
  topics: readonly string[];
  sessionTimeoutMs?: number;
  /** Default: the group's assignor, or `roundrobin` for a new group. */
  assignor?: AssignorName;
  clientId?: string;
}

export interface JoinResult {
  memberId: string;
  generationId: number;
  assignment: TopicPartition[];
  /** Members in the group now. */
  members: number;
  assignor: AssignorName;
}

export interface HeartbeatResult {
  generationId: number;
  assignment: TopicPartition[];
  /** The member sent an older generation: its assignment changed; take this one. */
  rebalanceRequired: boolean;
}

/**
 * Who is committing. With a `memberId`, the member must be in the group, own every
 * partition, and (when given) be at the group's generation. Without one (Kafka's
 * standalone commit, generation -1), the group must have no members.
 */
export interface CommitIdentity {
  memberId?: string;
  generationId?: number;
}

/** Where a member wants to read a partition from next: what `checkSeek` checks. */
export interface SeekPosition {
  topic: string;
  partition: number;
  offset: number;
}
