// The coordinator.
// Seams and nouns defined in @mini-kafka/protocol, re-exported for convenience.
export { MAX_TIMER_DELAY_MS, type Scheduler, systemScheduler, type TopicPartition } from '@mini-kafka/protocol';

// Assignors.
export {
  ASSIGNOR_NAMES,
  type AssignmentInput,
  type Assignor,
  type AssignorMember,
  type AssignorName,
  type MemberAssignments,
} from './assignors/assignor.js';
export { DEFAULT_ASSIGNOR } from './assignors/assignors.js';
export { RangeAssignor } from './assignors/range.js';
export { RoundRobinAssignor } from './assignors/round-robin.js';
export { StickyAssignor } from './assignors/sticky.js';
export type {
  CommitIdentity,
  GroupCoordinatorOptions,
  GroupDescription,
  GroupListing,
  HeartbeatResult,
  JoinRequest,
  JoinResult,
  LogOffsets,
  MemberDescription,
  PartitionLag,
} from './coordinator-types.js';
export type { GroupProtocol, GroupState, RebalanceEvent, RebalanceReason } from './group.js';
export { GroupCoordinator } from './group-coordinator.js';
export { DEFAULT_INITIAL_REBALANCE_DELAY_MS } from './kafka/kafka-settings.js';
// Kafka-protocol groups (JoinGroup/SyncGroup/Heartbeat/LeaveGroup/OffsetCommit).
export type {
  KafkaCommitIdentity,
  KafkaCommitResult,
  KafkaHeartbeatResult,
  KafkaJoinMember,
  KafkaJoinRequest,
  KafkaJoinResult,
  KafkaLeaveMember,
  KafkaLeaveResult,
  KafkaProtocol,
  KafkaSyncRequest,
  KafkaSyncResult,
} from './kafka/kafka-types.js';
export { LogOffsetStore, type LogOffsetStoreOptions, type OffsetStoreOpenReport } from './offsets/log-offset-store.js';
export { MemoryOffsetStore } from './offsets/memory-offset-store.js';
export { COORDINATOR_DIRECTORY } from './offsets/offset-log-files.js';
// Committed offsets.
export type { CommittedOffset, OffsetStore } from './offsets/offset-store.js';
export { DEFAULT_SESSION_TIMEOUTS, type SessionTimeouts } from './session-timeouts.js';
export { MAX_ID_LENGTH, MAX_METADATA_LENGTH, type OffsetInput } from './validation.js';
