// The coordinator.
// Seams, nouns and limits defined in @mini-kafka/protocol, re-exported for convenience. The limits
// keep the coordinator's names: MAX_ID_LENGTH is the group id's, which member and client ids share.
export {
  ASSIGNOR_NAMES,
  type AssignorName,
  type Clock,
  type GroupState,
  MAX_COMMIT_METADATA_LENGTH as MAX_METADATA_LENGTH,
  MAX_GROUP_ID_LENGTH as MAX_ID_LENGTH,
  MAX_TIMER_DELAY_MS,
  type Scheduler,
  systemScheduler,
  type TopicPartition,
} from '@mini-kafka/protocol/core';
export type { TransactionMarker } from '@mini-kafka/storage';
// Assignors.
export type { AssignmentInput, Assignor, AssignorMember, MemberAssignments } from './assignors/assignor.js';
export { DEFAULT_ASSIGNOR } from './assignors/assignors.js';
export { RangeAssignor } from './assignors/range.js';
export { RoundRobinAssignor } from './assignors/round-robin.js';
export { StickyAssignor } from './assignors/sticky.js';
export type { GroupCoordinatorOptions, LogOffsets } from './coordinator-options.js';
export { GroupCoordinator } from './group-coordinator.js';
// What both kinds of group share.
export type { DescribedGroup, DescribedGroupMember } from './groups/described-group.js';
export type { GroupDescription, GroupListing, MemberDescription, PartitionLag } from './groups/description.js';
export { CLASSIC_GROUP_TYPE, type GroupFilter } from './groups/group-filter.js';
// HTTP groups (server-side assignment).
export type { CommitIdentity, HeartbeatResult, JoinRequest, JoinResult, SeekPosition } from './groups/http/types.js';
export { DEFAULT_INITIAL_REBALANCE_DELAY_MS } from './groups/kafka/settings.js';
// Transactional offset commits (TxnOffsetCommit): GroupCoordinator.txnCommit's input and answer.
export type { TxnOffsetInput, TxnPartitionResult } from './groups/kafka/txn-commit.js';
// Kafka-protocol groups: requests and responses are @mini-kafka/kafka-protocol's.
export type { KafkaRequestContext } from './groups/kafka/types.js';
export { MAX_DELETED_PARTITIONS, type PartitionResult } from './groups/offset-delete.js';
export type { RebalanceEvent, RebalanceReason } from './groups/rebalance-event.js';
export { DEFAULT_SESSION_TIMEOUTS, type SessionTimeouts } from './groups/session-timeouts.js';
export type { GroupKind } from './groups/state.js';
export type { TxnCommitInput } from './groups/txn-offsets.js';
export type { OffsetInput } from './groups/validation.js';
export { LogOffsetStore, type LogOffsetStoreOptions } from './offsets/log-offset-store.js';
export { MemoryOffsetStore } from './offsets/memory-offset-store.js';
export { COORDINATOR_DIRECTORY } from './offsets/offset-log-files.js';
// Committed offsets.
export type { CommittedOffset, OffsetStore } from './offsets/offset-store.js';
// What opening the offsets log found, and its damage as log lines.
export {
  type DamagedRange,
  type DamageReason,
  describeDamagedRange,
  describeOffsetRecovery,
  type GroupPartition,
  type OffsetStoreOpenReport,
} from './offsets/offset-store-report.js';
// The offsets store checked offline (`mini-kafka verify`).
export { type OffsetsStoreVerification, verifyOffsetsStore } from './offsets/verify-offsets-store.js';
// Transactions: the transaction coordinator and its state log.
export {
  DEFAULT_ABORT_TIMED_OUT_TRANSACTIONS_INTERVAL_MS,
  DEFAULT_MAX_TRANSACTION_TIMEOUT_MS,
  DEFAULT_TRANSACTIONAL_ID_EXPIRATION_MS,
  TransactionCoordinator,
} from './transactions/transaction-coordinator.js';
export type {
  ListTransactionsFilter,
  ProducerIdAndEpoch,
  TransactionCoordinatorOptions,
  TransactionDescription,
  TransactionListing,
  TransactionMarkerTarget,
  TransactionState,
  TxnResult,
} from './transactions/transaction-types.js';
export { TRANSACTION_STATES } from './transactions/transaction-types.js';
