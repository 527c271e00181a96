/**
 * GroupCoordinator: the consumer groups of one broker. Members join groups, own
 * partitions, heartbeat, commit offsets and leave; the coordinator rebalances on join,
 * leave, session timeout, subscription and partition-count changes, fences commits of
 * stale generations, and answers for committed offsets and lag.
 *
 * Time comes only from the injected clock. Expiry is checked on every call that touches
 * a group, and for all groups by `tick()`, which the broker runs from a timer, so a
 * member silent for longer than its session timeout is gone whatever the timer's period.
 *
 * Membership calls are synchronous; calls that write offsets resolve once the offsets
 * are durable. Group state lives in Group/Member, offsets in the OffsetStore; this class
 * validates, orchestrates and reports.
 */
import { randomUUID } from 'node:crypto';
import { MiniKafkaError, assertValidTopicName } from '@mini-kafka/protocol';
import { systemClock, type Clock } from '@mini-kafka/storage';
import { DEFAULT_ASSIGNOR } from './assignors/assignors.js';
import { BrokerView } from './broker-view.js';
import type {
  CommitIdentity,
  GroupCoordinatorOptions,
  GroupDescription,
  GroupListing,
  HeartbeatResult,
  JoinRequest,
  JoinResult,
  PartitionLag,
} from './coordinator-types.js';
import { Group, type RebalanceReason } from './group.js';
import {
  coordinatorClosed,
  groupNotFound,
  illegalGeneration,
  inconsistentAssignor,
  membersOnly,
  nonEmptyGroup,
  notOwner,
  unknownMember,
} from './group-errors.js';
import { computeLag } from './lag.js';
import { Member } from './member.js';
import { MemoryOffsetStore } from './offsets/memory-offset-store.js';
import type { CommittedOffset, OffsetStore } from './offsets/offset-store.js';
import { resolveSessionTimeouts, type SessionTimeouts } from './session-timeouts.js';
import { compareStrings, sortedCopy, type TopicPartition } from './topic-partition.js';
import {
  MAX_ID_LENGTH,
  validateAssignor,
  validateClientId,
  validateGenerationId,
  validateGroupId,
  validateMemberId,
  validateOffsetList,
  validateSessionTimeout,
  validateTopics,
  type OffsetInput,
} from './validation.js';

export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly store: OffsetStore;
  private readonly clock: Clock;
  private readonly broker: BrokerView;
  private readonly sessionTimeout: SessionTimeouts;
  private closed = false;

  private constructor(private readonly options: GroupCoordinatorOptions) {
    this.store = options.offsetStore ?? new MemoryOffsetStore();
    this.clock = options.clock ?? systemClock;
    this.broker = new BrokerView(options);
    this.sessionTimeout = resolveSessionTimeouts(options);
  }

  /** Opens a coordinator over an (already opened) offset store; groups with committed offsets exist from the start. */
  static async open(options: GroupCoordinatorOptions): Promise<GroupCoordinator> {
    return new GroupCoordinator(options);
  }

  // --- Membership -------------------------------------------------------------------

  join(groupId: string, request: JoinRequest): JoinResult {
    this.assertOpen();
    const id = validateGroupId(groupId);
    if (typeof request !== 'object' || request === null) throw new MiniKafkaError('INVALID_REQUEST', 'A join must name its topics');
    const topics = validateTopics(request.topics);
    const timeout = request.sessionTimeoutMs === undefined ? undefined : this.validateTimeout(request.sessionTimeoutMs);
    const assignor = request.assignor === undefined ? undefined : validateAssignor(request.assignor);
    const clientId = validateClientId(request.clientId);
    const memberId =
      request.memberId === undefined
        ? `${(clientId ?? 'member').slice(0, MAX_ID_LENGTH - 37)}-${randomUUID()}`
        : validateMemberId(request.memberId);
    const now = this.clock.now();

    let group = this.liveGroup(id);
    if (group !== undefined && assignor !== undefined && assignor !== group.assignor && group.hasMembersOtherThan(memberId)) {
      throw inconsistentAssignor(id, assignor, group.assignor);
    }
    if (group === undefined) {
      group = new Group(id, assignor ?? DEFAULT_ASSIGNOR);
      this.groups.set(id, group);
    }
    const assignorChanged = assignor !== undefined && assignor !== group.assignor;
    if (assignorChanged) group.assignor = assignor;

    const existing = group.member(memberId);
    if (existing === undefined) {
      group.add(new Member(memberId, clientId ?? '', topics, timeout ?? this.sessionTimeout.default, now));
      this.rebalance(group, 'join');
    } else {
      existing.touch(now);
      if (timeout !== undefined) existing.sessionTimeoutMs = timeout;
      if (!existing.subscribesTo(topics) || assignorChanged) {
        existing.topics = topics;
        this.rebalance(group, 'subscription-changed');
      }
    }
    const member = group.member(memberId)!;
    return {
      memberId,
      generationId: group.generationId,
      assignment: sortedCopy(member.assignment),
      members: group.size,
      assignor: group.assignor,
    };
  }

  heartbeat(groupId: string, memberId: string, generationId: number): HeartbeatResult {
    this.assertOpen();
    const generation = validateGenerationId(generationId);
    const { group, member } = this.requireMember(groupId, memberId);
    if (generation > group.generationId) throw illegalGeneration(group.groupId, memberId, generation, group.generationId);
    return {
      generationId: group.generationId,
      assignment: sortedCopy(member.assignment),
      rebalanceRequired: generation < group.generationId,
    };
  }

  /** Removes the member and rebalances at once: the others take over its partitions now. */
  leave(groupId: string, memberId: string): void {
    this.assertOpen();
    const { group } = this.requireMember(groupId, memberId);
    group.remove(memberId);
    this.rebalance(group, 'leave', [memberId]);
  }

  /** The member's subscription, or `undefined` when it is not in the group. Not a heartbeat. */
  memberTopics(groupId: string, memberId: string): string[] | undefined {
    this.assertOpen();
    const member = this.liveGroup(validateGroupId(groupId))?.member(validateMemberId(memberId));
    return member === undefined ? undefined : [...member.topics];
  }

  /** The member's partitions now; counts as a heartbeat (fetch-for-member calls it). */
  assignmentOf(groupId: string, memberId: string): TopicPartition[] {
    this.assertOpen();
    return sortedCopy(this.requireMember(groupId, memberId).member.assignment);
  }

  /** Expires silent members of every group and rebalances groups whose topics changed size. */
  tick(): void {
    if (this.closed) return;
    for (const groupId of [...this.groups.keys()]) this.rebalanceIfResized(groupId);
  }

  /** Rebalances every group subscribed to `topic` whose partition count changed. Call after creating or growing a topic. */
  partitionsChanged(topic: string): void {
    this.assertOpen();
    assertValidTopicName(topic);
    for (const [groupId, group] of [...this.groups]) if (group.subscribesTo(topic)) this.rebalanceIfResized(groupId);
  }

  private rebalanceIfResized(groupId: string): void {
    const group = this.liveGroup(groupId);
    if (group === undefined || group.size === 0) return;
    if (group.countsDifferFrom(this.broker.partitionCounts(group.topics()))) this.rebalance(group, 'partitions-changed');
  }

  /** Drops a deleted topic from every assignment and every group's committed offsets. Call after deleting it. */
  async topicDeleted(topic: string): Promise<void> {
    this.assertOpen();
    assertValidTopicName(topic);
    for (const group of [...this.groups.values()]) {
      if (this.liveGroup(group.groupId) === undefined || !group.subscribesTo(topic)) continue;
      this.rebalance(group, 'partitions-changed', [], topic);
    }
    for (const groupId of this.store.groupIds()) {
      const doomed = this.store.list(groupId, topic);
      if (doomed.length > 0) await this.store.remove(groupId, doomed);
      this.dropIfDead(groupId);
    }
  }

  // --- Offsets ----------------------------------------------------------------------

  /**
   * Commits offsets, all or nothing. Rejected (nothing written) for an unknown member, a
   * generation other than the group's, or a partition the member does not own; a commit
   * naming no member is accepted only while the group has no members.
   */
  async commit(groupId: string, identity: CommitIdentity, offsets: readonly OffsetInput[]): Promise<CommittedOffset[]> {
    this.assertOpen();
    const id = validateGroupId(groupId);
    if (typeof identity !== 'object' || identity === null) throw new MiniKafkaError('INVALID_REQUEST', 'A commit must say who commits');
    const generation = identity.generationId === undefined ? undefined : validateGenerationId(identity.generationId);
    if (identity.memberId === undefined) {
      const group = this.liveGroup(id);
      if (group !== undefined && group.size > 0) throw membersOnly(id, group.size);
      if (generation !== undefined && generation !== -1) {
        throw new MiniKafkaError('INVALID_REQUEST', 'A commit without a member id takes no generation (or -1)');
      }
      return this.write(id, validateOffsetList(offsets, id, (topic) => this.broker.partitionCount(topic)));
    }
    const { group, member } = this.requireMember(id, identity.memberId);
    if (generation !== undefined && generation !== group.generationId) {
      throw illegalGeneration(id, member.memberId, generation, group.generationId);
    }
    const entries = validateOffsetList(offsets, id, (topic) => this.broker.partitionCount(topic));
    for (const { topic, partition } of entries) {
      if (!member.owns(topic, partition)) throw notOwner(id, member.memberId, topic, partition, group.generationId);
    }
    return this.write(id, entries);
  }

  /** Sets offsets without fencing (an admin seek); creates the group's offsets if needed. */
  async resetOffsets(groupId: string, offsets: readonly OffsetInput[]): Promise<CommittedOffset[]> {
    this.assertOpen();
    const id = validateGroupId(groupId);
    return this.write(id, validateOffsetList(offsets, id, (topic) => this.broker.partitionCount(topic)));
  }

  private async write(groupId: string, entries: Omit<CommittedOffset, 'commitTimestamp'>[]): Promise<CommittedOffset[]> {
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

  /** Lag of every partition the group subscribes to or has committed. */
  lag(groupId: string, topic?: string): PartitionLag[] {
    this.assertOpen();
    const id = validateGroupId(groupId);
    const group = this.liveGroup(id);
    const topics = (group?.topics() ?? []).filter((t) => topic === undefined || t === topic);
    return computeLag(topics, this.store.list(id, topic), (t) => this.broker.partitionCount(t), (t, p) => this.broker.logOffsets(t, p));
  }

  // --- Administration ---------------------------------------------------------------

  describe(groupId: string): GroupDescription {
    this.assertOpen();
    const id = validateGroupId(groupId);
    const group = this.liveGroup(id);
    if (group === undefined && this.store.list(id).length === 0) throw groupNotFound(id);
    const now = this.clock.now();
    return {
      groupId: id,
      state: group?.state ?? 'Empty',
      generationId: group?.generationId ?? 0,
      assignor: group?.assignor ?? DEFAULT_ASSIGNOR,
      members: (group?.memberList() ?? []).map((member) => ({
        memberId: member.memberId,
        clientId: member.clientId,
        topics: [...member.topics],
        assignment: sortedCopy(member.assignment),
        sessionTimeoutMs: member.sessionTimeoutMs,
        lastSeenAgoMs: Math.max(0, now - member.lastSeen),
      })),
      offsets: this.lag(id),
    };
  }

  /** Every group with members or committed offsets, sorted by id. */
  listGroups(): GroupListing[] {
    this.assertOpen();
    for (const groupId of [...this.groups.keys()]) this.liveGroup(groupId);
    const ids = new Set([...this.groups.keys(), ...this.store.groupIds()]);
    return [...ids].sort(compareStrings).map((groupId) => {
      const group = this.groups.get(groupId);
      return { groupId, state: group?.state ?? 'Empty', members: group?.size ?? 0 };
    });
  }

  /** Deletes an empty group's committed offsets (durably). NON_EMPTY_GROUP while it has members. */
  async deleteGroup(groupId: string): Promise<void> {
    this.assertOpen();
    const id = validateGroupId(groupId);
    const group = this.liveGroup(id);
    if (group !== undefined && group.size > 0) throw nonEmptyGroup(id, group.size);
    const offsets = this.store.list(id);
    if (group === undefined && offsets.length === 0) throw groupNotFound(id);
    this.groups.delete(id);
    await this.store.remove(id, offsets);
  }

  /** Closes the offset store after its pending writes; every later call fails with COORDINATOR_NOT_AVAILABLE. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.store.close();
  }

  // --- Internals --------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw coordinatorClosed();
  }

  private validateTimeout(value: number): number {
    return validateSessionTimeout(value, this.sessionTimeout.min, this.sessionTimeout.max);
  }

  /** The group, after expiring its silent members; `undefined` once it has neither members nor offsets. */
  private liveGroup(groupId: string): Group | undefined {
    const group = this.groups.get(groupId);
    if (group === undefined) return undefined;
    const expired = group.expiredMembers(this.clock.now());
    if (expired.length > 0) {
      for (const member of expired) group.remove(member.memberId);
      this.rebalance(
        group,
        'session-timeout',
        expired.map((member) => member.memberId),
      );
    }
    return this.groups.get(groupId);
  }

  /** The group and member, touched; UNKNOWN_MEMBER_ID when either is missing. */
  private requireMember(groupId: string, memberId: string): { group: Group; member: Member } {
    const id = validateGroupId(groupId);
    const mid = validateMemberId(memberId);
    const group = this.liveGroup(id);
    const member = group?.member(mid);
    if (group === undefined || member === undefined) throw unknownMember(id, mid);
    member.touch(this.clock.now());
    return { group, member };
  }

  private rebalance(group: Group, reason: RebalanceReason, removed: string[] = [], deletedTopic?: string): void {
    const counts = this.broker.partitionCounts(group.topics());
    if (deletedTopic !== undefined) counts.delete(deletedTopic);
    const event = group.rebalance(reason, counts, removed);
    this.dropIfDead(group.groupId);
    try {
      this.options.onRebalance?.(event);
    } catch {
      // A listener's failure must not undo or block a rebalance.
    }
  }

  /** Forgets a group left with neither members nor committed offsets. */
  private dropIfDead(groupId: string): void {
    const group = this.groups.get(groupId);
    if (group !== undefined && group.size === 0 && this.store.list(groupId).length === 0) this.groups.delete(groupId);
  }
}
