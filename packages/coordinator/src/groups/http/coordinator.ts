/**
 * HttpCoordinator: the HTTP API's consumer groups, with server-side assignment. Members
 * join with their topics; every join, leave, expiry, subscription or partition-count
 * change rebalances at once inside the call (HttpGroup.rebalance), so a partition never
 * has two owners; commits are fenced by membership, generation and ownership.
 *
 * Time comes only from the injected clock: expiry is checked on every call that touches a
 * group, and for all groups by `tick()`, so a member silent for longer than its session
 * timeout is gone whatever the timer's period. The GroupCoordinator facade checks that it
 * is open and owns the offsets; a group id held by an active Kafka group is refused
 * (INCONSISTENT_GROUP_PROTOCOL) through `HttpHost`. Its sibling for Kafka-protocol
 * groups is groups/kafka/coordinator.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '@mini-kafka/protocol/core';
import {
  assertValidTopicName,
  MAX_MEMBER_ID_LENGTH,
  MiniKafkaError,
  sortedTopicPartitions,
  type TopicPartition,
} from '@mini-kafka/protocol/core';
import { DEFAULT_ASSIGNOR } from '../../assignors/assignors.js';
import type { BrokerView } from '../../broker-view.js';
import {
  illegalGeneration,
  inconsistentAssignor,
  membersOnly,
  notAssigned,
  notOwner,
  otherKindOfGroup,
  seekOutOfRange,
  unknownMember,
  unknownPartition,
} from '../errors.js';
import type { HttpHost } from '../hosts.js';
import type { RebalanceEvent, RebalanceReason } from '../rebalance-event.js';
import type { SessionTimeouts } from '../session-timeouts.js';
import {
  type OffsetEntry,
  validateAssignor,
  validateClientId,
  validateGenerationId,
  validateMemberId,
  validateOffsetInput,
  validateOffsetList,
  validateSessionTimeout,
  validateTopics,
} from '../validation.js';
import { HttpGroup } from './group.js';
import { HttpMember } from './member.js';
import type { CommitIdentity, HeartbeatResult, JoinRequest, JoinResult, SeekPosition } from './types.js';

export interface HttpSettings {
  clock: Clock;
  broker: BrokerView;
  sessionTimeout: SessionTimeouts;
  onRebalance?: ((event: RebalanceEvent) => void) | undefined;
}

export class HttpCoordinator {
  private readonly groups = new Map<string, HttpGroup>();

  constructor(
    private readonly host: HttpHost,
    private readonly settings: HttpSettings,
  ) {}

  /** `groupId` is already validated. */
  join(groupId: string, request: JoinRequest): JoinResult {
    if (typeof request !== 'object' || request === null)
      throw new MiniKafkaError('INVALID_REQUEST', 'A join must name its topics');
    const topics = validateTopics(request.topics);
    const { min, max } = this.settings.sessionTimeout;
    const timeout =
      request.sessionTimeoutMs === undefined ? undefined : validateSessionTimeout(request.sessionTimeoutMs, min, max);
    const assignor = request.assignor === undefined ? undefined : validateAssignor(request.assignor);
    const clientId = validateClientId(request.clientId);
    const memberId =
      request.memberId === undefined
        ? `${(clientId ?? 'member').slice(0, MAX_MEMBER_ID_LENGTH - 37)}-${randomUUID()}`
        : validateMemberId(request.memberId);
    const now = this.settings.clock.now();

    if (this.host.kafkaActive(groupId)) throw otherKindOfGroup(groupId, 'kafka');
    this.host.dropKafkaGroup(groupId);
    let group = this.live(groupId);
    if (
      group !== undefined &&
      assignor !== undefined &&
      assignor !== group.assignor &&
      group.hasMembersOtherThan(memberId)
    ) {
      throw inconsistentAssignor(groupId, assignor, group.assignor);
    }
    if (group === undefined) {
      group = new HttpGroup(groupId, assignor ?? DEFAULT_ASSIGNOR);
      this.groups.set(groupId, group);
    }
    const assignorChanged = assignor !== undefined && assignor !== group.assignor;
    if (assignorChanged) group.assignor = assignor;

    const existing = group.member(memberId);
    if (existing === undefined) {
      group.add(new HttpMember(memberId, clientId ?? '', topics, timeout ?? this.settings.sessionTimeout.default, now));
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
      assignment: sortedTopicPartitions(member.assignment),
      members: group.size,
      assignor: group.assignor,
    };
  }

  heartbeat(groupId: string, memberId: string, generationId: number): HeartbeatResult {
    const generation = validateGenerationId(generationId);
    const { group, member } = this.requireMember(groupId, memberId);
    if (generation > group.generationId)
      throw illegalGeneration(group.groupId, memberId, generation, group.generationId);
    return {
      generationId: group.generationId,
      assignment: sortedTopicPartitions(member.assignment),
      rebalanceRequired: generation < group.generationId,
    };
  }

  leave(groupId: string, memberId: string): void {
    const { group } = this.requireMember(groupId, memberId);
    group.remove(memberId);
    this.rebalance(group, 'leave', [memberId]);
  }

  memberTopics(groupId: string, memberId: string): string[] | undefined {
    const member = this.live(groupId)?.member(validateMemberId(memberId));
    return member === undefined ? undefined : [...member.topics];
  }

  assignmentOf(groupId: string, memberId: string): TopicPartition[] {
    return sortedTopicPartitions(this.requireMember(groupId, memberId).member.assignment);
  }

  tick(): void {
    for (const groupId of [...this.groups.keys()]) this.rebalanceIfResized(groupId);
  }

  partitionsChanged(topic: string): void {
    assertValidTopicName(topic);
    for (const [groupId, group] of [...this.groups]) if (group.subscribesTo(topic)) this.rebalanceIfResized(groupId);
  }

  /** Rebalances every group subscribed to a topic just deleted, without it. */
  topicDeleted(topic: string): void {
    for (const group of [...this.groups.values()]) {
      if (this.live(group.groupId) === undefined || !group.subscribesTo(topic)) continue;
      this.rebalance(group, 'partitions-changed', [], topic);
    }
  }

  /**
   * HTTP fencing: the offsets to write, validated, or a MiniKafkaError. With a member: it
   * must be in the group, at its generation (when given), and own every partition.
   * Without one: only while the group has no members.
   */
  checkCommit(groupId: string, identity: CommitIdentity, offsets: unknown): OffsetEntry[] {
    const generation = identity.generationId === undefined ? undefined : validateGenerationId(identity.generationId);
    if (identity.memberId === undefined) {
      const group = this.live(groupId);
      if (group !== undefined && group.size > 0) throw membersOnly(groupId, group.size);
      if (generation !== undefined && generation !== -1) {
        throw new MiniKafkaError('INVALID_REQUEST', 'A commit without a member id takes no generation (or -1)');
      }
      return validateOffsetList(offsets, groupId, this.settings.broker);
    }
    const { group, member } = this.requireMember(groupId, identity.memberId);
    if (generation !== undefined && generation !== group.generationId) {
      throw illegalGeneration(groupId, member.memberId, generation, group.generationId);
    }
    const entries = validateOffsetList(offsets, groupId, this.settings.broker);
    for (const { topic, partition } of entries) {
      if (!member.owns(topic, partition))
        throw notOwner(groupId, member.memberId, topic, partition, group.generationId);
    }
    return entries;
  }

  /**
   * A member's seek: the member must be in the group (this counts as a heartbeat) and own
   * the partition (UNKNOWN_TOPIC_OR_PARTITION otherwise), and the offset must lie within
   * the partition's log, start to end inclusive (OFFSET_OUT_OF_RANGE). Positions themselves
   * are the broker's: this returns the checked position for it to record.
   */
  checkSeek(groupId: string, memberId: string, position: unknown): SeekPosition {
    const { topic, partition, offset } = validateOffsetInput(position);
    const { group, member } = this.requireMember(groupId, memberId);
    if (!member.owns(topic, partition)) throw notAssigned(group.groupId, member.memberId, topic, partition);
    const bounds = this.settings.broker.logOffsets(topic, partition);
    if (bounds === undefined) throw unknownPartition(topic, partition);
    if (offset < bounds.logStartOffset || offset > bounds.logEndOffset)
      throw seekOutOfRange(topic, partition, offset, bounds.logStartOffset, bounds.logEndOffset);
    return { topic, partition, offset };
  }

  /** The group, after expiring its silent members; `undefined` once it has neither members nor offsets. */
  live(groupId: string): HttpGroup | undefined {
    const group = this.groups.get(groupId);
    if (group === undefined) return undefined;
    const expired = group.expiredMembers(this.settings.clock.now());
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

  /** Ids of the groups kept, after expiring silent members everywhere. */
  groupIds(): string[] {
    for (const groupId of [...this.groups.keys()]) this.live(groupId);
    return [...this.groups.keys()];
  }

  /** Forgets the group (the caller checked it has no members). */
  forget(groupId: string): void {
    this.groups.delete(groupId);
  }

  /** Forgets a group left with neither members nor committed offsets. */
  dropIfDead(groupId: string): void {
    const group = this.groups.get(groupId);
    if (group !== undefined && group.size === 0 && !this.host.hasOffsets(groupId)) this.groups.delete(groupId);
  }

  private rebalanceIfResized(groupId: string): void {
    const group = this.live(groupId);
    if (group === undefined || group.size === 0) return;
    if (group.countsDifferFrom(this.settings.broker.partitionCounts(group.topics())))
      this.rebalance(group, 'partitions-changed');
  }

  /** The group and member, touched; UNKNOWN_MEMBER_ID when either is missing. */
  private requireMember(groupId: string, memberId: string): { group: HttpGroup; member: HttpMember } {
    const mid = validateMemberId(memberId);
    const group = this.live(groupId);
    const member = group?.member(mid);
    if (group === undefined || member === undefined) throw unknownMember(groupId, mid);
    member.touch(this.settings.clock.now());
    return { group, member };
  }

  private rebalance(group: HttpGroup, reason: RebalanceReason, removed: string[] = [], deletedTopic?: string): void {
    const counts = this.settings.broker.partitionCounts(group.topics());
    if (deletedTopic !== undefined) counts.delete(deletedTopic);
    const event = group.rebalance(reason, counts, removed);
    this.dropIfDead(group.groupId);
    try {
      this.settings.onRebalance?.(event);
    } catch {
      // A listener's failure must not undo or block a rebalance.
    }
  }
}
