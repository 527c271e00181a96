/**
 * GatewayGroups: the /v1 and tutorial group API over a cluster's Kafka groups. The HTTP
 * members this gateway holds are MemberSessions; everything else (committed offsets,
 * describe, list, delete) is the cluster's, so every gateway answers alike and Kafka-native
 * consumers and tools see the same groups. A member's own requests (heartbeat, fetch, seek,
 * commit, leave) must reach the gateway holding it: the join answers its `baseUrl`, which
 * the SDK follows. A join that names a member held nowhere here takes it over (static
 * membership: its partitions come back without a rebalance).
 */
import { randomUUID } from 'node:crypto';
import { decodeAssignment, decodeSubscription } from '@mini-kafka/kafka-protocol';
import {
  type AssignorName,
  type CommittedOffset,
  type GroupDescription,
  type GroupState,
  type GroupSummary,
  type HeartbeatResponse,
  type JoinGroupResponse,
  MiniKafkaError,
  type ResetTarget,
  type TopicPartition,
} from '@mini-kafka/protocol';
import type { ClusterClient } from '../../cluster/cluster-client.js';
import { throwIfError } from '../../cluster/cluster-errors.js';
import { deleteGroup, describeGroup, listGroups } from '../../cluster/group-client.js';
import { listOffset } from '../../cluster/partition-io.js';
import type { Logger } from '../../logger.js';
import {
  type CommitIdentity,
  commitOffsets,
  committedOffsets,
  deleteOffsets,
  type OffsetToCommit,
  resetOffsets,
} from './group-offsets.js';
import { type MemberReadLimits, type MemberRecords, readForMember, seekMember } from './member-reads.js';
import { MemberSession } from './member-session.js';

export interface GatewayGroupsOptions {
  logger: Logger;
  defaultSessionTimeoutMs: number;
  /** This gateway's HTTP URL, answered as `baseUrl` on joins. */
  baseUrl: () => string;
  now?: () => number;
}

export interface JoinInput {
  memberId?: string;
  clientId?: string;
  topics: string[];
  sessionTimeoutMs?: number;
  assignor?: AssignorName;
  autoOffsetReset?: 'earliest' | 'latest';
}

const key = (group: string, member: string): string => `${group}\u0000${member}`;

export class GatewayGroups {
  private readonly sessions = new Map<string, MemberSession>();
  private readonly now: () => number;

  constructor(
    private readonly client: ClusterClient,
    private readonly options: GatewayGroupsOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Joins (or rejoins) a member; resolves once it has its assignment. */
  async join(
    groupId: string,
    input: JoinInput,
  ): Promise<JoinGroupResponse & { sessionTimeoutMs: number; baseUrl: string }> {
    const memberId = input.memberId ?? `${input.clientId || 'member'}-${randomUUID()}`;
    const sessionTimeoutMs = input.sessionTimeoutMs ?? this.options.defaultSessionTimeoutMs;
    let session = this.sessions.get(key(groupId, memberId));
    const topics = [...new Set(input.topics)].sort();
    const changed =
      session !== undefined &&
      (session.settings.topics.join(',') !== topics.join(',') ||
        session.settings.sessionTimeoutMs !== sessionTimeoutMs);
    if (session === undefined || changed) {
      await session?.leave();
      session = this.open(groupId, {
        memberId,
        clientId: input.clientId ?? memberId,
        topics,
        sessionTimeoutMs,
        assignor: input.assignor ?? 'roundrobin',
        autoOffsetReset: input.autoOffsetReset ?? 'earliest',
      });
    }
    session.touch();
    session.settings.autoOffsetReset = input.autoOffsetReset ?? session.settings.autoOffsetReset;
    await session.join(true);
    return {
      groupId,
      memberId,
      generationId: session.generationId,
      assignor: (session.protocolName || session.settings.assignor) as AssignorName,
      assignment: session.assignment,
      sessionTimeoutMs,
      baseUrl: this.options.baseUrl(),
    };
  }

  /** The member's generation and assignment; `rebalanceRequired` once they changed (or are changing). */
  heartbeat(groupId: string, memberId: string, generationId: number): HeartbeatResponse {
    const session = this.member(groupId, memberId);
    return {
      generationId: session.generationId,
      rebalanceRequired: session.rebalancing || (generationId !== -1 && generationId !== session.generationId),
      assignment: session.assignment,
    };
  }

  async leave(groupId: string, memberId: string): Promise<void> {
    await this.member(groupId, memberId).leave();
  }

  async fetch(
    groupId: string,
    memberId: string,
    generationId: number | undefined,
    limits: MemberReadLimits,
  ): Promise<{ generationId: number; rebalanceRequired: boolean; records: MemberRecords[] }> {
    const session = this.member(groupId, memberId);
    const stale = session.rebalancing || (generationId !== undefined && generationId !== session.generationId);
    if (stale) return { generationId: session.generationId, rebalanceRequired: true, records: [] };
    const records = await readForMember(this.client, session, limits);
    const moved = session.generationId !== (generationId ?? session.generationId) || session.rebalancing;
    return { generationId: session.generationId, rebalanceRequired: moved, records };
  }

  async seek(
    groupId: string,
    memberId: string,
    target: { topic: string; partition: number; offset: number },
  ): Promise<void> {
    await seekMember(this.client, this.member(groupId, memberId), target.topic, target.partition, target.offset);
  }

  /** Commits for a member (fenced by its generation) or, without one, as an admin commit. */
  async commit(
    groupId: string,
    who: { memberId?: string; generationId?: number },
    offsets: readonly OffsetToCommit[],
  ): Promise<void> {
    let identity: CommitIdentity | undefined;
    if (who.memberId !== undefined) {
      const session = this.member(groupId, who.memberId);
      const generationId = who.generationId ?? session.generationId;
      if (session.rebalancing || generationId !== session.generationId) {
        throw new MiniKafkaError(
          session.rebalancing ? 'REBALANCE_IN_PROGRESS' : 'ILLEGAL_GENERATION',
          `Generation ${generationId} of group "${groupId}" is over (now ${session.generationId}); rejoin`,
          { details: { group: groupId, generationId: session.generationId } },
        );
      }
      // The local broker's fence too: a member commits only partitions it owns (Kafka's coordinator does not check).
      const foreign = offsets.find(({ topic, partition }) => !session.owns(topic, partition));
      if (foreign !== undefined) {
        throw new MiniKafkaError(
          'ILLEGAL_GENERATION',
          `Member "${who.memberId}" of group "${groupId}" does not own ${foreign.topic}-${foreign.partition} in generation ${generationId}; take the current assignment`,
          {
            details: {
              group: groupId,
              member: who.memberId,
              topic: foreign.topic,
              partition: foreign.partition,
              generation: generationId,
            },
          },
        );
      }
      identity = { kafkaMemberId: session.kafkaMemberId, generationId, groupInstanceId: session.settings.memberId };
    }
    // The local broker's commit rule: nothing past a partition's end (it would skip what is written later).
    const ends = await Promise.all(offsets.map((o) => listOffset(this.client, o.topic, o.partition, -1)));
    const past = offsets.findIndex((o, i) => o.offset > ends[i]!.offset);
    if (past >= 0) {
      const { topic, partition, offset } = offsets[past]!;
      throw new MiniKafkaError(
        'OFFSET_OUT_OF_RANGE',
        `Offset ${offset} of ${topic}-${partition} is past its end (${ends[past]!.offset}); nothing was committed`,
        { details: { group: groupId, topic, partition, offset } },
      );
    }
    await commitOffsets(this.client, groupId, identity, offsets);
  }

  committed(groupId: string, topic?: string): Promise<CommittedOffset[]> {
    return committedOffsets(this.client, groupId, topic);
  }

  async resetOffsets(groupId: string, topic: string, partition: number | undefined, to: ResetTarget): Promise<void> {
    await resetOffsets(this.client, groupId, topic, partition, to);
    for (const session of this.sessions.values()) {
      if (session.settings.groupId !== groupId) continue;
      for (const k of [...session.positions.keys()]) if (k.startsWith(`${topic}\u0000`)) session.positions.delete(k);
    }
  }

  deleteOffsets(groupId: string, topic: string, partition?: number): Promise<void> {
    return deleteOffsets(this.client, groupId, topic, partition);
  }

  /** The tutorial's consumers: `consumerId` joins (idempotently) with `topic` added to what it reads. */
  async tutorialJoin(groupId: string, consumerId: string, topic: string): Promise<TopicPartition[]> {
    const current = this.sessions.get(key(groupId, consumerId));
    if (current?.settings.topics.includes(topic)) {
      current.touch();
      await current.settled();
      if (current.endedBy === undefined) return current.assignment;
    }
    const topics = [...new Set([...(current?.settings.topics ?? []), topic])];
    return (await this.join(groupId, { memberId: consumerId, clientId: consumerId, topics })).assignment;
  }

  /** Whether this gateway holds the member (the tutorial's acks commit as it). */
  holds(groupId: string, memberId: string): boolean {
    return this.sessions.has(key(groupId, memberId));
  }

  async describe(groupId: string): Promise<GroupDescription> {
    const answer = await describeGroup(this.client, groupId);
    const group = answer.groups[0];
    if (group === undefined) throw new MiniKafkaError('GROUP_ID_NOT_FOUND', `Group "${groupId}" does not exist`);
    throwIfError(group.errorCode, `Describing group "${groupId}"`, { group: groupId });
    const members = group.members.map((m) => {
      const id = m.groupInstanceId ?? m.memberId;
      const held = this.sessions.get(key(groupId, id));
      const subscription =
        m.memberMetadata.length > 0 ? safe(() => decodeSubscription(m.memberMetadata).topics, []) : [];
      const assigned = safe(() => decodeAssignment(m.memberAssignment).assignedPartitions, []);
      return {
        memberId: id,
        clientId: m.clientId,
        topics: subscription,
        assignment: assigned.flatMap(({ topic, partitions }) => partitions.map((partition) => ({ topic, partition }))),
        sessionTimeoutMs: held?.settings.sessionTimeoutMs ?? this.options.defaultSessionTimeoutMs,
        lastSeenAgoMs: held?.lastSeenAgoMs() ?? 0,
        clientHost: m.clientHost,
        groupInstanceId: m.groupInstanceId,
      };
    });
    const committed = await committedOffsets(this.client, groupId);
    const offsets = await Promise.all(
      committed.map(async (c) => {
        const [start, end] = await Promise.all([
          listOffset(this.client, c.topic, c.partition, -2).catch(() => ({ offset: 0 })),
          listOffset(this.client, c.topic, c.partition, -1).catch(() => ({ offset: c.offset })),
        ]);
        return {
          topic: c.topic,
          partition: c.partition,
          committed: c.offset,
          logStartOffset: start.offset,
          logEndOffset: end.offset,
          lag: Math.max(0, end.offset - c.offset),
        };
      }),
    );
    const held = [...this.sessions.values()].find((s) => s.settings.groupId === groupId);
    return {
      groupId,
      state: (group.groupState === 'Dead' ? 'Empty' : group.groupState) as GroupState,
      generationId: held?.generationId ?? -1,
      assignor: group.protocolData,
      protocolType: group.protocolType,
      members,
      offsets,
    };
  }

  async list(states?: readonly string[]): Promise<GroupSummary[]> {
    const groups = await listGroups(this.client, states ?? []);
    return Promise.all(
      groups.map(async (g) => {
        const described = await describeGroup(this.client, g.groupId).catch(() => undefined);
        const members = described?.groups[0]?.members.length ?? 0;
        return {
          groupId: g.groupId,
          state: (g.groupState || 'Empty') as GroupState,
          members,
          protocolType: g.protocolType,
        };
      }),
    );
  }

  async deleteGroup(groupId: string): Promise<void> {
    const answer = await deleteGroup(this.client, groupId);
    const result = answer.results[0];
    if (result !== undefined) throwIfError(result.errorCode, `Deleting group "${groupId}"`, { group: groupId });
  }

  /** Stops every session's heartbeats and leaves (the others take their partitions at once). */
  async close(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => session.leave()));
  }

  private member(groupId: string, memberId: string): MemberSession {
    const session = this.sessions.get(key(groupId, memberId));
    if (session === undefined || session.endedBy !== undefined) {
      throw new MiniKafkaError(
        'UNKNOWN_MEMBER_ID',
        `Member ${memberId} is not a member of group ${groupId} on this gateway`,
        {
          details: { group: groupId, member: memberId },
        },
      );
    }
    session.touch();
    return session;
  }

  private open(groupId: string, settings: Omit<MemberSession['settings'], 'groupId'>): MemberSession {
    const session = new MemberSession(
      this.client,
      { groupId, ...settings },
      {
        logger: this.options.logger,
        now: this.now,
        ended: (ended) => {
          const k = key(groupId, settings.memberId);
          if (this.sessions.get(k) === ended) this.sessions.delete(k);
        },
      },
    );
    this.sessions.set(key(groupId, settings.memberId), session);
    return session;
  }
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
