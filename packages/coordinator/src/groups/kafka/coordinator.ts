/**
 * KafkaCoordinator: the Kafka-protocol groups of the GroupCoordinator. It keeps the Kafka
 * groups, checks each request (a closed coordinator answers COORDINATOR_NOT_AVAILABLE, a
 * bad group id INVALID_GROUP_ID, a group id held by an HTTP group with members
 * INCONSISTENT_GROUP_PROTOCOL), hands it to the state machine (join.ts, sync.ts,
 * membership.ts, commit.ts) and forgets groups left with no members and no committed
 * offsets. Errors a client can cause come back as Kafka error codes in the result, never
 * as rejections. Its sibling for HTTP groups is groups/http/coordinator.ts.
 *
 * It reaches the facade through `KafkaHost` (groups/hosts.ts): whether an HTTP group holds
 * the id, the offset store, the broker's partition counts.
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
  MiniKafkaError,
  sortedTopicPartitions,
  type TopicPartition,
  toMiniKafkaError,
} from '@mini-kafka/protocol/core';
import type { KafkaHost } from '../hosts.js';
import type { CommitIdentity } from '../http/types.js';
import { validateGenerationId, validateGroupId, validateMemberId } from '../validation.js';
import {
  COORDINATOR_NOT_AVAILABLE,
  INCONSISTENT_GROUP_PROTOCOL,
  INVALID_GROUP_ID,
  INVALID_REQUEST,
  NONE,
  UNKNOWN_MEMBER_ID,
} from './codes.js';
import { answerEvery, checkOffsets, commitFence, commitFenceError } from './commit.js';
import type { KafkaContext } from './context.js';
import { KafkaGroup } from './group.js';
import { joinGroup } from './join.js';
import { EMPTY_BUFFER } from './member.js';
import { heartbeat, leaveGroup } from './membership.js';
import { offsetFetchError, offsetFetchResponse } from './offset-fetch.js';
import { joinError } from './rebalance.js';
import type { KafkaSettings } from './settings.js';
import { syncError, syncGroup } from './sync.js';
import type {
  HeartbeatInput,
  JoinGroupInput,
  KafkaRequestContext,
  LeaveGroupInput,
  OffsetCommitInput,
  OffsetFetchInput,
  SyncGroupInput,
} from './types.js';
import {
  isGenerationId,
  validateInstanceId,
  validateJoin,
  validateLeavingMembers,
  validateSync,
} from './validation.js';

/** The most groups one OffsetFetch (v8) may ask for; more is INVALID_REQUEST. */
export const MAX_OFFSET_FETCH_GROUPS = 10_000;

/** A request's fields, or none when it is not an object (the checks then answer INVALID_REQUEST or INVALID_GROUP_ID). */
function fieldsOf(request: unknown): Record<string, unknown> {
  return typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {};
}

export class KafkaCoordinator {
  private readonly groups = new Map<string, KafkaGroup>();
  private readonly ctx: KafkaContext;

  constructor(
    private readonly host: KafkaHost,
    private readonly settings: KafkaSettings,
  ) {
    this.ctx = {
      clock: settings.clock,
      scheduler: settings.scheduler,
      initialRebalanceDelayMs: settings.initialRebalanceDelayMs,
      decode: (bytes) => this.decode(bytes),
      emit: (event) => {
        try {
          settings.onRebalance?.(event);
        } catch {
          // A listener's failure must not undo or block a rebalance.
        }
      },
      settle: (group) => this.settle(group.groupId),
    };
  }

  // --- Requests ----------------------------------------------------------------------

  async join(request: JoinGroupInput, context: KafkaRequestContext): Promise<JoinGroupResponse> {
    const { groupId, memberId } = fieldsOf(request);
    const requestMemberId = typeof memberId === 'string' ? memberId : '';
    const id = this.admit(groupId);
    if (typeof id === 'number') return joinError(requestMemberId, id);
    if (this.host.httpMembers(id) > 0) return joinError(requestMemberId, INCONSISTENT_GROUP_PROTOCOL);
    const valid = validateJoin(request, context, this.settings.sessionTimeout.min, this.settings.sessionTimeout.max);
    if (typeof valid === 'number') return joinError(requestMemberId, valid);
    this.host.dropHttpGroup(id);
    let group = this.groups.get(id);
    if (group === undefined) {
      group = new KafkaGroup(id);
      this.groups.set(id, group);
    }
    const answer = joinGroup(this.ctx, group, valid);
    this.settle(id);
    return answer;
  }

  async sync(request: SyncGroupInput): Promise<SyncGroupResponse> {
    const id = this.admit(fieldsOf(request).groupId);
    if (typeof id === 'number') return syncError(id);
    const valid = validateSync(request);
    if (typeof valid === 'number') return syncError(valid);
    return syncGroup(this.ctx, this.groups.get(id), valid);
  }

  heartbeat(request: HeartbeatInput): HeartbeatResponse {
    const { groupId, memberId, generationId, groupInstanceId } = fieldsOf(request);
    const id = this.admit(groupId);
    if (typeof id === 'number') return { errorCode: id };
    const instance = validateInstanceId(groupInstanceId);
    if (typeof memberId !== 'string' || !isGenerationId(generationId) || instance === undefined)
      return { errorCode: INVALID_REQUEST };
    return { errorCode: heartbeat(this.ctx, this.groups.get(id), memberId, generationId, instance) };
  }

  /**
   * LeaveGroup: a batch of members by member id and/or group.instance.id, a code each (the
   * decoded v0-2 request names its one member the same way; the broker answers v0-2 with
   * that member's code). The request's own code is 0 unless the request as a whole fails.
   */
  leave(request: LeaveGroupInput): LeaveGroupResponse {
    const { groupId, memberId, members } = fieldsOf(request);
    const id = this.admit(groupId);
    if (typeof id === 'number') return { errorCode: id, members: [] };
    // A caller may still name one member the v0-2 way, without `members`.
    const asked =
      members === undefined && typeof memberId === 'string' ? [{ memberId, groupInstanceId: null }] : members;
    const leaving = validateLeavingMembers(asked);
    if (leaving === undefined) return { errorCode: INVALID_REQUEST, members: [] };
    const answers = leaveGroup(this.ctx, this.groups.get(id), leaving);
    this.settle(id);
    return { errorCode: NONE, members: answers };
  }

  /** OffsetCommit v0–8 (the retention time is ignored): one code per requested partition, in the request's shape. */
  async commit(request: OffsetCommitInput): Promise<OffsetCommitResponse> {
    const { groupId, memberId, generationId, groupInstanceId } = fieldsOf(request);
    const id = this.admit(groupId);
    if (typeof id === 'number') return answerEvery(request, id);
    // OffsetCommit carries group.instance.id from v7 on; earlier versions have none.
    const instance = validateInstanceId(groupInstanceId);
    if (typeof memberId !== 'string' || !isGenerationId(generationId) || instance === undefined)
      return answerEvery(request, INVALID_REQUEST);
    // An HTTP group's members are not Kafka members: nobody may commit through the Kafka protocol while it has any.
    if (this.host.httpMembers(id) > 0) return answerEvery(request, UNKNOWN_MEMBER_ID);
    const group = this.groups.get(id);
    const fenced = commitFence(this.ctx, group, memberId, generationId, instance);
    if (fenced !== 0) return answerEvery(request, fenced);
    const checked = checkOffsets(request, id, this.host.broker);
    if (checked.entries.length > 0) {
      try {
        await this.host.write(id, checked.entries);
      } catch (error) {
        checked.fail(toMiniKafkaError(error).code);
      }
    }
    return checked.response;
  }

  /**
   * OffsetFetch, for either kind of group (offsets are shared): an answer per group asked
   * for (v8 asks for several; the decoded v0-7 request names its one group the same way),
   * and the first group's answer at the top as well, where v0-7 read it.
   */
  offsetFetch(request: OffsetFetchInput): OffsetFetchResponse {
    const { groups, requireStable } = fieldsOf(request);
    const asked = Array.isArray(groups) ? (groups as unknown[]) : [request];
    if (asked.length > MAX_OFFSET_FETCH_GROUPS) return { errorCode: INVALID_REQUEST, topics: [], groups: [] };
    const answers = asked.map((group) => {
      const { groupId } = fieldsOf(group);
      const id = this.admit(groupId);
      const answer =
        typeof id === 'number'
          ? offsetFetchError(group, id)
          : offsetFetchResponse(
              group,
              this.host.committed(id),
              requireStable === true ? (topic, partition) => this.host.hasPending(id, topic, partition) : undefined,
            );
      return { groupId: typeof groupId === 'string' ? groupId : '', ...answer };
    });
    const first = answers[0] ?? { errorCode: NONE, topics: [] };
    return { errorCode: first.errorCode, topics: first.topics, groups: answers };
  }

  // --- What the HTTP half asks ------------------------------------------------------

  /**
   * Kafka's commit fence for an HTTP-API commit into this Kafka group (see commit.ts),
   * as a MiniKafkaError: no member id means generation -1; a member without a generation
   * skips the generation check. No ownership check: the assignment is opaque.
   */
  fenceHttpCommit(group: KafkaGroup, identity: CommitIdentity): void {
    const generation = identity.generationId === undefined ? undefined : validateGenerationId(identity.generationId);
    if (identity.memberId === undefined && generation !== undefined && generation !== -1) {
      throw new MiniKafkaError('INVALID_REQUEST', 'A commit without a member id takes no generation (or -1)');
    }
    const memberId = identity.memberId === undefined ? '' : validateMemberId(identity.memberId);
    const asGeneration = identity.memberId === undefined ? -1 : generation;
    const code = commitFence(this.ctx, group, memberId, asGeneration, null);
    const error = commitFenceError(group, memberId, asGeneration, code);
    if (error !== undefined) throw error;
  }

  group(groupId: string): KafkaGroup | undefined {
    return this.groups.get(groupId);
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  /** Whether a Kafka group with this id has members, members to be, or a rebalance under way. */
  isActive(groupId: string): boolean {
    return this.groups.get(groupId)?.active ?? false;
  }

  /** Forgets the group if it is not active (committed offsets stay in the store). */
  forgetIdle(groupId: string): void {
    const group = this.groups.get(groupId);
    if (group === undefined || group.active) return;
    group.cancelTimers();
    this.groups.delete(groupId);
  }

  /** Forgets the group if it is idle and has no committed offsets. */
  settle(groupId: string): void {
    if (!this.host.hasOffsets(groupId)) this.forgetIdle(groupId);
  }

  /** Answers every held JoinGroup and SyncGroup with COORDINATOR_NOT_AVAILABLE, stops every timer and forgets every group. */
  close(): void {
    for (const group of this.groups.values()) {
      group.cancelTimers();
      for (const member of group.memberList()) {
        member.answerJoin(joinError(member.memberId, COORDINATOR_NOT_AVAILABLE));
        member.answerSync({ errorCode: COORDINATOR_NOT_AVAILABLE, assignment: EMPTY_BUFFER });
      }
    }
    this.groups.clear();
  }

  // --- Internals --------------------------------------------------------------------

  /** The group id, or the error code to answer: closed, or not a valid group id. */
  private admit(groupId: unknown): string | number {
    if (this.host.closed()) return COORDINATOR_NOT_AVAILABLE;
    try {
      return validateGroupId(groupId);
    } catch {
      return INVALID_GROUP_ID;
    }
  }

  private decode(bytes: Buffer): TopicPartition[] | undefined {
    if (this.settings.decodeAssignment === undefined) return undefined;
    try {
      const partitions = this.settings.decodeAssignment(bytes);
      if (!Array.isArray(partitions)) return undefined;
      const valid = partitions.every(
        (tp: unknown) =>
          typeof tp === 'object' &&
          tp !== null &&
          typeof (tp as TopicPartition).topic === 'string' &&
          Number.isSafeInteger((tp as TopicPartition).partition),
      );
      return valid ? sortedTopicPartitions(partitions) : undefined;
    } catch {
      return undefined;
    }
  }
}
