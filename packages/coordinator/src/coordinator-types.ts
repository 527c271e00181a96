/** The shapes the GroupCoordinator takes and answers with. */
import type { Clock, PartitionLag, Scheduler, TopicPartition } from '@mini-kafka/protocol';
import type { AssignorName } from './assignors/assignor.js';
import type { GroupState, RebalanceEvent } from './group.js';
import type { OffsetStore } from './offsets/offset-store.js';

/** A partition's log bounds, as the broker's storage knows them. */
export interface LogOffsets {
  logStartOffset: number;
  logEndOffset: number;
}

export interface GroupCoordinatorOptions {
  /** Partitions of a topic, or `undefined` when the topic does not exist. */
  partitionCount: (topic: string) => number | undefined;
  /** Log bounds of a partition, or `undefined` when it does not exist. */
  logOffsets: (topic: string, partition: number) => LogOffsets | undefined;
  /** Where committed offsets live. Default: a MemoryOffsetStore. The coordinator closes it. */
  offsetStore?: OffsetStore;
  /** Default: the system clock. */
  clock?: Clock;
  /** For members that do not ask for one. Default 10,000 ms. */
  defaultSessionTimeoutMs?: number;
  /** Default 1,000 ms. */
  minSessionTimeoutMs?: number;
  /** Default 1,800,000 ms (30 minutes, Kafka's group.max.session.timeout.ms). */
  maxSessionTimeoutMs?: number;
  /** Called after every rebalance; exceptions it throws are ignored. */
  onRebalance?: (event: RebalanceEvent) => void;
  /** Runs the Kafka groups' deadlines. Default: real (unref'd) timers. Give a ManualScheduler with a ManualClock. */
  scheduler?: Scheduler;
  /** Kafka's group.initial.rebalance.delay.ms: how long the first rebalance of an Empty Kafka group waits for more members. Default 3,000 ms. */
  initialRebalanceDelayMs?: number;
  /**
   * Decodes a Kafka group member's assignment bytes (ConsumerProtocolAssignment) into
   * topic-partitions for describe(), lag() and rebalance events; `undefined` (or throwing)
   * when they do not decode. Without it, Kafka members' assignments show as empty.
   */
  decodeAssignment?: (bytes: Buffer) => readonly TopicPartition[] | undefined;
}

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
