/**
 * GroupCoordinator: the consumer groups of one broker. Members join groups, own
 * partitions, heartbeat, commit offsets and leave; the coordinator rebalances, fences
 * commits of stale generations, and answers for committed offsets and lag.
 *
 * Two kinds of group share one id space and one offset store:
 * - HTTP groups (server-side assignment, rebalanced at once inside each call): groups/http/;
 * - Kafka-protocol groups (JoinGroup/SyncGroup with client-side assignment, a rebalance
 *   barrier and deadlines on the injected scheduler): the `kafka*` methods, groups/kafka/.
 * An id is one kind at a time: joining while the other kind has members fails with
 * INCONSISTENT_GROUP_PROTOCOL; an idle group of the other kind is taken over. Offsets, lag,
 * describe, list, reset and delete serve both kinds.
 *
 * This class is the facade: it checks that it is open, validates group ids, arbitrates
 * between the kinds, writes offsets and assembles descriptions. HTTP membership calls are
 * synchronous; calls that write offsets resolve once the offsets are durable.
 */
import type {
  HeartbeatResponse,
  JoinGroupResponse,
  LeaveGroupResponse,
  OffsetCommitResponse,
  OffsetFetchResponse,
  SyncGroupResponse,
} from '@mini-kafka/kafka-protocol';
import {
  assertValidTopicName,
  type Clock,
  compareStrings,
  ERROR_CODES,
  type ErrorType,
  MiniKafkaError,
  systemClock,
  type TopicPartition,
  topicPartitionKey,
} from '@mini-kafka/protocol/core';
import { BrokerView } from './broker-view.js';
import type { GroupCoordinatorOptions } from './coordinator-options.js';
import {
  type DescribedGroup,
  deadGroup,
  describeHttpGroupForKafka,
  describeKafkaGroupForKafka,
} from './groups/described-group.js';
import type { GroupDescription, GroupListing, PartitionLag } from './groups/description.js';
import { coordinatorClosed, groupNotFound, nonEmptyGroup } from './groups/errors.js';
import { type GroupFilter, matchesFilter } from './groups/group-filter.js';
import { HttpCoordinator } from './groups/http/coordinator.js';
import { describeHttpGroup, listHttpGroup } from './groups/http/describe.js';
import type { CommitIdentity, HeartbeatResult, JoinRequest, JoinResult, SeekPosition } from './groups/http/types.js';
import { KafkaCoordinator } from './groups/kafka/coordinator.js';
import { describeKafkaGroup, kafkaGroupTopics, listKafkaGroup } from './groups/kafka/describe.js';
import { resolveKafkaSettings } from './groups/kafka/settings.js';
import type { TxnPartitionResult } from './groups/kafka/txn-commit.js';
import type {
  HeartbeatInput,
  JoinGroupInput,
  KafkaRequestContext,
  LeaveGroupInput,
  OffsetCommitInput,
  OffsetFetchInput,
  SyncGroupInput,
} from './groups/kafka/types.js';
import { computeLag } from './groups/lag.js';
import { MAX_DELETED_PARTITIONS, type PartitionResult, planOffsetDelete } from './groups/offset-delete.js';
import { resolveSessionTimeouts } from './groups/session-timeouts.js';
import { answerEveryTxn, type TxnCommitInput, txnCommitOffsets } from './groups/txn-offsets.js';
import { type OffsetInput, validateGroupId, validateOffsetList } from './groups/validation.js';
import { MemoryOffsetStore } from './offsets/memory-offset-store.js';
import type { CommittedOffset, OffsetStore } from './offsets/offset-store.js';
import type { OffsetStoreOpenReport } from './offsets/offset-store-report.js';

function codeOf(type: ErrorType): number {
  return ERROR_CODES[type].code;
}

export class GroupCoordinator {
  private readonly store: OffsetStore;
  private readonly clock: Clock;
  private readonly broker: BrokerView;
  private readonly http: HttpCoordinator;
  private readonly kafka: KafkaCoordinator;
  private closed = false;

  private constructor(options: GroupCoordinatorOptions) {
    this.store = options.offsetStore ?? new MemoryOffsetStore();
    this.clock = options.clock ?? systemClock;
    this.broker = new BrokerView(options);
    const sessionTimeout = resolveSessionTimeouts(options);
    const hasOffsets = (groupId: string) =>
      this.store.list(groupId).length > 0 || this.store.pendingProducers(groupId).length > 0;
    this.http = new HttpCoordinator(
      {
        kafkaActive: (groupId) => this.kafka.isActive(groupId),
        dropKafkaGroup: (groupId) => this.kafka.forgetIdle(groupId),
        hasOffsets,
      },
      { clock: this.clock, broker: this.broker, sessionTimeout, onRebalance: options.onRebalance },
    );
    this.kafka = new KafkaCoordinator(
      {
        closed: () => this.closed,
        httpMembers: (groupId) => this.http.live(groupId)?.size ?? 0,
        dropHttpGroup: (groupId) => this.http.forget(groupId),
        hasOffsets,
        broker: this.broker,
        committed: (groupId) => this.store.list(groupId),
        hasPending: (groupId, topic, partition) => this.store.hasPending(groupId, topic, partition),
        write: (groupId, entries) => this.write(groupId, entries),
      },
      resolveKafkaSettings(options, sessionTimeout),
    );
  }

  /** Opens a coordinator over an (already opened) offset store; groups with committed offsets exist from the start. */
  static async open(options: GroupCoordinatorOptions): Promise<GroupCoordinator> {
    return new GroupCoordinator(options);
  }

  /**
   * What opening the offset store found (`LogOffsetStore.openReport`): damaged ranges of the
   * offsets log it skipped, the copies it kept aside, repairs. `undefined` for a store that
   * keeps nothing on disk. The broker logs it at start-up.
   */
  get offsetStoreReport(): OffsetStoreOpenReport | undefined {
    return this.store.openReport;
  }

  // --- HTTP groups ------------------------------------------------------------------

  /** Joins (or rejoins) a member; a new member or a changed subscription rebalances at once. */
  join(groupId: string, request: JoinRequest): JoinResult {
    this.assertOpen();
    return this.http.join(validateGroupId(groupId), request);
  }

  heartbeat(groupId: string, memberId: string, generationId: number): HeartbeatResult {
    this.assertOpen();
    return this.http.heartbeat(validateGroupId(groupId), memberId, generationId);
  }

  /** Removes the member and rebalances at once: the others take over its partitions now. */
  leave(groupId: string, memberId: string): void {
    this.assertOpen();
    this.http.leave(validateGroupId(groupId), memberId);
  }

  /** The member's subscription, or `undefined` when it is not in the group. Not a heartbeat. */
  memberTopics(groupId: string, memberId: string): string[] | undefined {
    this.assertOpen();
    return this.http.memberTopics(validateGroupId(groupId), memberId);
  }

  /** The member's partitions now; counts as a heartbeat (fetch-for-member calls it). */
  assignmentOf(groupId: string, memberId: string): TopicPartition[] {
    this.assertOpen();
    return this.http.assignmentOf(validateGroupId(groupId), memberId);
  }

  /**
   * Checks a member's seek: it is in the group (a heartbeat too), owns the partition
   * (UNKNOWN_TOPIC_OR_PARTITION) and the offset is within the log, start to end
   * (OFFSET_OUT_OF_RANGE). Returns the position for the broker to record.
   */
  checkSeek(groupId: string, memberId: string, position: SeekPosition): SeekPosition {
    this.assertOpen();
    return this.http.checkSeek(validateGroupId(groupId), memberId, position);
  }

  /** Expires silent members of every HTTP group and rebalances groups whose topics changed size. */
  tick(): void {
    if (this.closed) return;
    this.http.tick();
  }

  /**
   * Rebalances every HTTP group subscribed to `topic` whose partition count changed. Call after
   * creating or growing a topic. (Kafka consumers notice new partitions themselves and rejoin.)
   */
  partitionsChanged(topic: string): void {
    this.assertOpen();
    this.http.partitionsChanged(topic);
  }

  /** Drops a deleted topic from every assignment and every group's committed offsets. Call after deleting it. */
  async topicDeleted(topic: string): Promise<void> {
    this.assertOpen();
    assertValidTopicName(topic);
    this.http.topicDeleted(topic);
    for (const groupId of new Set([...this.store.groupIds(), ...this.store.pendingGroupIds()])) {
      const doomed = this.heldOffsets(groupId).filter((entry) => entry.topic === topic);
      if (doomed.length > 0) await this.store.remove(groupId, doomed);
      this.http.dropIfDead(groupId);
      this.kafka.settle(groupId);
    }
  }

  // --- Kafka-protocol groups ---------------------------------------------------------
  // Requests and answers are @mini-kafka/kafka-protocol's: the broker passes the decoded
  // request and encodes the answer. Answers carry Kafka's numeric error codes; these never
  // reject for what a client sent.

  /**
   * JoinGroup v0–9. Resolves when the rebalance completes, or at once (79 MEMBER_ID_REQUIRED,
   * errors, unchanged rejoins). `context`: the header's client id, the client's address and
   * the request's version (v4+ requires a known member id).
   */
  kafkaJoin(request: JoinGroupInput, context: KafkaRequestContext): Promise<JoinGroupResponse> {
    return this.kafka.join(request, context);
  }

  /** SyncGroup v0–5. During CompletingRebalance, resolves when the leader's assignments arrive. */
  kafkaSync(request: SyncGroupInput): Promise<SyncGroupResponse> {
    return this.kafka.sync(request);
  }

  /** Heartbeat v0–4: 0, 27 while the group prepares a rebalance (rejoin), 82 for a replaced static member, 25, 22. */
  kafkaHeartbeat(request: HeartbeatInput): HeartbeatResponse {
    return this.kafka.heartbeat(request);
  }

  /** LeaveGroup: a batch of members (v0–2's one member decodes as a batch of one), a code each; the rest rebalance, or the group goes Empty keeping its offsets. */
  kafkaLeave(request: LeaveGroupInput): LeaveGroupResponse {
    return this.kafka.leave(request);
  }

  /** OffsetCommit v0–8 with Kafka's fencing (v7+: static members); a code per requested partition, resolved once the accepted ones are durable. */
  kafkaCommit(request: OffsetCommitInput): Promise<OffsetCommitResponse> {
    return this.kafka.commit(request);
  }

  /**
   * OffsetFetch v0–8: committed offsets of either kind of group, per group asked for (v8: several); -1 where
   * nothing is committed. v7+ `requireStable`: a partition with offsets pending in an open transaction answers
   * UNSTABLE_OFFSET_COMMIT (88) and -1 (the client retries); without it, the last committed offset.
   */
  kafkaOffsetFetch(request: OffsetFetchInput): OffsetFetchResponse {
    return this.kafka.offsetFetch(request);
  }

  // --- Transactional offsets (groups/txn-offsets.ts) -----------------------------------

  /**
   * TxnOffsetCommit's group side: Kafka's fencing (groups/kafka/txn-commit.ts), then the accepted
   * offsets become pending in the producer's transaction, durably; an error per partition, in
   * input order. The caller (the broker) has checked the transaction with the transaction coordinator.
   */
  async txnCommit(input: TxnCommitInput): Promise<TxnPartitionResult[]> {
    const offsets = Array.isArray(input?.offsets) ? input.offsets : [];
    if (this.closed) return answerEveryTxn(offsets, 'COORDINATOR_NOT_AVAILABLE');
    let id: string;
    try {
      id = validateGroupId(input.groupId);
    } catch {
      return answerEveryTxn(offsets, 'INVALID_GROUP_ID');
    }
    if (this.kafka.group(id) === undefined && (this.http.live(id)?.size ?? 0) > 0 && input.memberId !== '') {
      return answerEveryTxn(offsets, 'UNKNOWN_MEMBER_ID');
    }
    return txnCommitOffsets(this.store, this.broker, this.kafka.group(id), id, input, this.clock.now());
  }

  /**
   * Called by the transaction coordinator's marker target: the producer's pending offsets in the
   * group become committed (commit) or are dropped (abort), durably. Idempotent.
   */
  async completeTransaction(groupId: string, producerId: number, commit: boolean): Promise<void> {
    this.assertOpen();
    const id = validateGroupId(groupId);
    await this.store.completePending(id, producerId, commit);
    this.http.dropIfDead(id);
    this.kafka.settle(id);
  }

  /** Whether the partition has offsets pending in an open transaction (OffsetFetch require_stable: UNSTABLE_OFFSET_COMMIT). */
  hasPendingOffsets(groupId: string, topic: string, partition: number): boolean {
    return !this.closed && this.store.hasPending(groupId, topic, partition);
  }

  // --- Offsets ----------------------------------------------------------------------

  /**
   * Commits offsets, all or nothing. HTTP groups: rejected (nothing written) for an unknown
   * member, a generation other than the group's, or a partition the member does not own; a
   * commit naming no member is accepted only while the group has no members. Kafka groups:
   * Kafka's fencing (see kafkaCommit), without ownership checks, as a MiniKafkaError.
   */
  async commit(groupId: string, identity: CommitIdentity, offsets: readonly OffsetInput[]): Promise<CommittedOffset[]> {
    this.assertOpen();
    const id = validateGroupId(groupId);
    if (typeof identity !== 'object' || identity === null)
      throw new MiniKafkaError('INVALID_REQUEST', 'A commit must say who commits');
    const kafkaGroup = this.kafka.group(id);
    if (kafkaGroup === undefined) return this.write(id, this.http.checkCommit(id, identity, offsets));
    this.kafka.fenceHttpCommit(kafkaGroup, identity);
    return this.write(id, validateOffsetList(offsets, id, this.broker));
  }

  /** Sets offsets without fencing (an admin seek); creates the group's offsets if needed. */
  async resetOffsets(groupId: string, offsets: readonly OffsetInput[]): Promise<CommittedOffset[]> {
    this.assertOpen();
    const id = validateGroupId(groupId);
    return this.write(id, validateOffsetList(offsets, id, this.broker));
  }

  private async write(
    groupId: string,
    entries: Omit<CommittedOffset, 'commitTimestamp'>[],
  ): Promise<CommittedOffset[]> {
    const commitTimestamp = this.clock.now();
    const committed = entries.map((entry) => ({ ...entry, commitTimestamp }));
    await this.store.commit(groupId, committed);
    return committed.map((entry) => ({ ...entry }));
  }

  /** The group's committed offsets (of one topic, if given), sorted; empty for an unknown group. */
  committed(groupId: string, topic?: string): CommittedOffset[] {
    this.assertOpen();
    return this.store.list(validateGroupId(groupId), topic);
  }

  /** Lag of every partition the group subscribes to (Kafka groups: is assigned) or has committed. */
  lag(groupId: string, topic?: string): PartitionLag[] {
    this.assertOpen();
    const id = validateGroupId(groupId);
    const kafkaGroup = this.kafka.group(id);
    const subscribed = kafkaGroup === undefined ? (this.http.live(id)?.topics() ?? []) : kafkaGroupTopics(kafkaGroup);
    const topics = subscribed.filter((t) => topic === undefined || t === topic);
    return computeLag(
      topics,
      this.store.list(id, topic),
      (t) => this.broker.partitionCount(t),
      (t, p) => this.broker.logOffsets(t, p),
    );
  }

  // --- Administration ---------------------------------------------------------------

  describe(groupId: string): GroupDescription {
    this.assertOpen();
    const id = validateGroupId(groupId);
    const kafkaGroup = this.kafka.group(id);
    if (kafkaGroup !== undefined) return describeKafkaGroup(kafkaGroup, this.clock.now(), this.lag(id));
    const group = this.http.live(id);
    if (group === undefined && this.store.list(id).length === 0) throw groupNotFound(id);
    return describeHttpGroup(id, group, this.clock.now(), this.lag(id));
  }

  /**
   * Every group with members or committed offsets, sorted by id (Kafka's ListGroups and
   * `GET /v1/groups`). `states` keeps the groups in one of those states, `types` those of
   * one of those group types (Kafka's ListGroups v4+/v5+ filters; both case-insensitive,
   * unknown names match nothing). Every group here is of Kafka's type "classic".
   */
  listGroups(filter: GroupFilter = {}): GroupListing[] {
    this.assertOpen();
    const ids = new Set([
      ...this.http.groupIds(),
      ...this.kafka.groupIds(),
      ...this.store.groupIds(),
      ...this.store.pendingGroupIds(),
    ]);
    const listed = [...ids].sort(compareStrings).map((groupId) => {
      const kafkaGroup = this.kafka.group(groupId);
      return kafkaGroup !== undefined ? listKafkaGroup(kafkaGroup) : listHttpGroup(groupId, this.http.live(groupId));
    });
    return listed.filter((group) => matchesFilter(group, filter));
  }

  /**
   * Kafka's DescribeGroups: one answer per id, in order (see groups/described-group.ts).
   * An invalid id answers INVALID_GROUP_ID, a closed coordinator COORDINATOR_NOT_AVAILABLE.
   */
  describeForKafka(groupIds: readonly unknown[]): DescribedGroup[] {
    return groupIds.map((groupId) => {
      const name = typeof groupId === 'string' ? groupId : '';
      if (this.closed) return deadGroup(name, codeOf('COORDINATOR_NOT_AVAILABLE'));
      let id: string;
      try {
        id = validateGroupId(groupId);
      } catch {
        return deadGroup(name, codeOf('INVALID_GROUP_ID'));
      }
      const kafkaGroup = this.kafka.group(id);
      if (kafkaGroup !== undefined) return describeKafkaGroupForKafka(kafkaGroup);
      const group = this.http.live(id);
      if (group === undefined && this.store.list(id).length === 0) return deadGroup(id);
      return describeHttpGroupForKafka(id, group);
    });
  }

  /**
   * Deletes committed offsets of some partitions (Kafka's OffsetDelete; `DELETE
   * /v1/groups/:group/offsets`), durably. A group with members keeps the offsets of topics
   * a member subscribes to (GROUP_SUBSCRIBED_TO_TOPIC for those partitions), the rest are
   * deleted; an unknown partition is UNKNOWN_TOPIC_OR_PARTITION. Throws GROUP_ID_NOT_FOUND
   * for a group that does not exist, NON_EMPTY_GROUP for an active Kafka group whose
   * protocol type is not "consumer" (its subscriptions cannot be read).
   */
  async deleteOffsets(groupId: string, partitions: readonly TopicPartition[]): Promise<PartitionResult[]> {
    this.assertOpen();
    const id = validateGroupId(groupId);
    if (!Array.isArray(partitions) || partitions.length > MAX_DELETED_PARTITIONS) {
      throw new MiniKafkaError(
        'INVALID_REQUEST',
        `An offset delete names at most ${MAX_DELETED_PARTITIONS} partitions`,
      );
    }
    const kafkaGroup = this.kafka.group(id);
    const httpGroup = this.http.live(id);
    const offsets = this.heldOffsets(id);
    if (kafkaGroup === undefined && (httpGroup?.size ?? 0) === 0 && offsets.length === 0) throw groupNotFound(id);
    const { results, deletable } = planOffsetDelete(id, kafkaGroup, httpGroup, this.broker, partitions);
    const removed = offsets.filter((entry) => deletable.has(topicPartitionKey(entry.topic, entry.partition)));
    if (removed.length > 0) await this.store.remove(id, removed);
    this.http.dropIfDead(id);
    this.kafka.settle(id);
    return results;
  }

  /** Deletes an empty group's committed and pending offsets (durably). NON_EMPTY_GROUP while it has members (or, Kafka, a rebalance). */
  async deleteGroup(groupId: string): Promise<void> {
    this.assertOpen();
    const id = validateGroupId(groupId);
    const group = this.http.live(id);
    if (group !== undefined && group.size > 0) throw nonEmptyGroup(id, group.size);
    const kafkaGroup = this.kafka.group(id);
    if (kafkaGroup?.active === true) throw nonEmptyGroup(id, kafkaGroup.size);
    const offsets = this.heldOffsets(id);
    if (group === undefined && kafkaGroup === undefined && offsets.length === 0) throw groupNotFound(id);
    this.http.forget(id);
    this.kafka.forgetIdle(id);
    await this.store.remove(id, offsets);
  }

  /**
   * Answers every held Kafka JoinGroup/SyncGroup with COORDINATOR_NOT_AVAILABLE (15) and stops
   * the Kafka groups' timers, then closes the offset store after its pending writes. Every later
   * call fails with COORDINATOR_NOT_AVAILABLE (the Kafka methods answer code 15).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.kafka.close();
    await this.store.close();
  }

  /**
   * The partitions the group holds an offset for, committed or pending in a transaction. Removing
   * a partition drops what is pending for it too (Kafka's removeOffsets): deleting a group, a topic
   * or a partition's offsets leaves a later transaction commit nothing to commit there.
   */
  private heldOffsets(groupId: string): TopicPartition[] {
    const held = new Map<string, TopicPartition>();
    const pending = this.store
      .pendingProducers(groupId)
      .flatMap((producerId) => this.store.pending(groupId, producerId));
    for (const { topic, partition } of [...this.store.list(groupId), ...pending]) {
      held.set(topicPartitionKey(topic, partition), { topic, partition });
    }
    return [...held.values()];
  }

  private assertOpen(): void {
    if (this.closed) throw coordinatorClosed();
  }
}
