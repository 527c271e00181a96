/**
 * MemberSession: one HTTP group member as a member of the Kafka group in the cluster, held
 * by the gateway it joined through (Confluent REST Proxy's model). The member is a static
 * member whose group.instance.id is its HTTP member id, so Kafka-native tools see it, and a
 * gateway that is asked for it later (after its first gateway died) takes its place without
 * a rebalance.
 *
 * The session runs Kafka's classic protocol for the member: JoinGroup (answering
 * MEMBER_ID_REQUIRED and REBALANCE_IN_PROGRESS), SyncGroup (computing every member's
 * assignment with the group's assignor when the cluster makes it the leader), then a
 * Heartbeat every `heartbeatIntervalMs`; a rebalance the heartbeat learns of is rejoined at
 * once, so a join on another gateway completes within about one interval. The HTTP member's
 * own requests keep it alive (`touch`); silent for its session timeout, it leaves the
 * group. A fenced instance (another gateway took it) or a failed rejoin ends the session.
 */
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription } from '@mini-kafka/kafka-protocol';
import { type AssignorName, MiniKafkaError, type TopicPartition } from '@mini-kafka/protocol';
import type { ClusterClient } from '../../cluster/cluster-client.js';
import { kafkaError } from '../../cluster/cluster-errors.js';
import { heartbeat, joinGroup, leaveGroup, syncGroup } from '../../cluster/group-client.js';
import type { Logger } from '../../logger.js';
import { assignAsLeader } from './leader-assignment.js';

const MEMBER_ID_REQUIRED = 79;
const UNKNOWN_MEMBER_ID = 25;
const ILLEGAL_GENERATION = 22;
const REBALANCE_IN_PROGRESS = 27;
const FENCED_INSTANCE_ID = 82;
const MAX_JOIN_ATTEMPTS = 10;

export interface SessionSettings {
  groupId: string;
  /** The HTTP member id, also the Kafka group.instance.id. */
  memberId: string;
  clientId: string;
  topics: string[];
  sessionTimeoutMs: number;
  assignor: AssignorName;
  autoOffsetReset: 'earliest' | 'latest';
}

export interface SessionHooks {
  logger: Logger;
  now: () => number;
  /** The session is over (left, expired or fenced): forget it. */
  ended: (session: MemberSession) => void;
}

export class MemberSession {
  kafkaMemberId = '';
  generationId = -1;
  assignment: TopicPartition[] = [];
  protocolName = '';
  /** Why the session ended, once it has. */
  endedBy: MiniKafkaError | undefined;
  /** Positions (the next offset to read) in owned partitions, by `topic\0partition`. */
  readonly positions = new Map<string, number>();
  /** This member's own connections (a consumer's): its JoinGroup and SyncGroup are held by the coordinator. */
  readonly lane: string;
  /** Its fetches' connections (a long poll holds one). */
  readonly fetchLane: string;
  private lastSeen: number;
  private rejoining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private leaving = false;

  constructor(
    private readonly client: ClusterClient,
    readonly settings: SessionSettings,
    private readonly hooks: SessionHooks,
  ) {
    this.lastSeen = hooks.now();
    this.lane = `member|${settings.groupId}|${settings.memberId}|${Math.random().toString(36).slice(2)}`;
    this.fetchLane = `fetch|${this.lane}`;
  }

  get heartbeatIntervalMs(): number {
    return Math.max(100, Math.min(1_000, Math.floor(this.settings.sessionTimeoutMs / 3)));
  }

  /** True while a rebalance is being joined: the member's generation is about to change. */
  get rebalancing(): boolean {
    return this.rejoining !== undefined;
  }

  /** The HTTP member was heard from. */
  touch(): void {
    this.lastSeen = this.hooks.now();
  }

  lastSeenAgoMs(): number {
    return Math.max(0, this.hooks.now() - this.lastSeen);
  }

  /**
   * Joins (or rejoins, after a rebalance started) and resolves once the member has its
   * assignment. `takeover`: the HTTP member asked this gateway, so an instance another
   * gateway took is taken back; a rejoin of the heartbeats ends the session instead.
   */
  async join(takeover = false): Promise<void> {
    if (this.endedBy !== undefined) throw this.endedBy;
    if (this.rejoining === undefined)
      this.rejoining = this.joinGroup(takeover).finally(() => (this.rejoining = undefined));
    await this.rejoining;
    if (this.endedBy !== undefined) throw this.endedBy;
    this.schedule();
  }

  /** Waits for a rejoin in progress, if any. */
  async settled(): Promise<void> {
    await this.rejoining?.catch(() => undefined);
  }

  owns(topic: string, partition: number): boolean {
    return this.assignment.some((tp) => tp.topic === topic && tp.partition === partition);
  }

  /** Leaves the group (the others take this member's partitions at once) and ends the session. */
  async leave(): Promise<void> {
    if (this.leaving) return;
    this.leaving = true;
    this.stop();
    try {
      await leaveGroup(
        this.client,
        {
          groupId: this.settings.groupId,
          memberId: this.kafkaMemberId,
          members: [
            { memberId: this.kafkaMemberId, groupInstanceId: this.settings.memberId, reason: 'left over HTTP' },
          ],
        },
        this.lane,
      );
    } catch (error) {
      this.hooks.logger.debug({ err: error, group: this.settings.groupId }, 'leaving the group failed');
    }
    this.end(
      new MiniKafkaError('UNKNOWN_MEMBER_ID', `Member ${this.settings.memberId} left group ${this.settings.groupId}`),
    );
  }

  /** Stops the heartbeats without leaving (the gateway is closing: the cluster's session timeout removes it). */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private end(reason: MiniKafkaError): void {
    this.stop();
    if (this.endedBy !== undefined) return;
    this.endedBy = reason;
    this.client.closeLane(this.lane);
    this.client.closeLane(this.fetchLane);
    this.hooks.ended(this);
  }

  private schedule(): void {
    if (this.endedBy !== undefined || this.leaving) return;
    this.stop();
    this.timer = setTimeout(() => void this.beat(), this.heartbeatIntervalMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    this.timer = undefined;
    if (this.endedBy !== undefined || this.leaving) return;
    if (this.lastSeenAgoMs() > this.settings.sessionTimeoutMs) {
      this.hooks.logger.info({ group: this.settings.groupId, member: this.settings.memberId }, 'HTTP member expired');
      await this.leave();
      return;
    }
    try {
      const answer = await heartbeat(
        this.client,
        {
          groupId: this.settings.groupId,
          generationId: this.generationId,
          memberId: this.kafkaMemberId,
          groupInstanceId: this.settings.memberId,
        },
        this.lane,
      );
      if (answer.errorCode === FENCED_INSTANCE_ID) {
        this.end(kafkaError(FENCED_INSTANCE_ID, `Member ${this.settings.memberId} was taken over by another gateway`));
        return;
      }
      if (answer.errorCode === UNKNOWN_MEMBER_ID) this.kafkaMemberId = '';
      if ([REBALANCE_IN_PROGRESS, UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION].includes(answer.errorCode)) {
        await this.join();
        return;
      }
    } catch (error) {
      // The cluster unreachable for a moment: the next beat tries again; its session timeout is the limit.
      this.hooks.logger.debug({ err: error, group: this.settings.groupId }, 'heartbeat failed');
    }
    this.schedule();
  }

  private async joinGroup(takeover: boolean): Promise<void> {
    let tookOver = false;
    const { groupId, memberId, topics, sessionTimeoutMs, assignor } = this.settings;
    const rebalanceTimeoutMs = Math.min(60_000, Math.max(sessionTimeoutMs, 3_000));
    for (let attempt = 0; attempt < MAX_JOIN_ATTEMPTS; attempt++) {
      const joined = await joinGroup(
        this.client,
        {
          groupId,
          sessionTimeoutMs,
          rebalanceTimeoutMs,
          memberId: this.kafkaMemberId,
          groupInstanceId: memberId,
          protocolType: 'consumer',
          protocols: [
            {
              name: assignor,
              metadata: encodeSubscription({ version: 0, topics, userData: null, ownedPartitions: [] }),
            },
          ],
          reason: null,
        },
        rebalanceTimeoutMs + this.client.requestTimeoutMs,
        this.lane,
      );
      if (joined.errorCode === MEMBER_ID_REQUIRED || joined.errorCode === UNKNOWN_MEMBER_ID) {
        this.kafkaMemberId = joined.errorCode === MEMBER_ID_REQUIRED ? joined.memberId : '';
        continue;
      }
      if (joined.errorCode === REBALANCE_IN_PROGRESS) continue;
      if (joined.errorCode === FENCED_INSTANCE_ID && takeover && !tookOver) {
        tookOver = true;
        this.kafkaMemberId = '';
        continue;
      }
      if (joined.errorCode !== 0) {
        const error = kafkaError(joined.errorCode, `Joining group "${groupId}"`, { group: groupId });
        if (joined.errorCode === FENCED_INSTANCE_ID) this.end(error);
        throw error;
      }
      this.kafkaMemberId = joined.memberId;
      this.protocolName = joined.protocolName ?? assignor;
      const assignments =
        joined.leader === joined.memberId
          ? await assignAsLeader(
              this.client,
              this.protocolName,
              joined.members.map((m) => ({ memberId: m.memberId, topics: decodeSubscription(m.metadata).topics })),
            )
          : new Map<string, TopicPartition[]>();
      const synced = await syncGroup(
        this.client,
        {
          groupId,
          generationId: joined.generationId,
          memberId: this.kafkaMemberId,
          groupInstanceId: memberId,
          protocolType: 'consumer',
          protocolName: this.protocolName,
          assignments: [...assignments].map(([member, partitions]) => ({
            memberId: member,
            assignment: encodeAssignment({ version: 0, assignedPartitions: byTopic(partitions), userData: null }),
          })),
        },
        this.lane,
      );
      if (synced.errorCode === REBALANCE_IN_PROGRESS || synced.errorCode === ILLEGAL_GENERATION) continue;
      if (synced.errorCode !== 0) throw kafkaError(synced.errorCode, `Syncing group "${groupId}"`, { group: groupId });
      this.generationId = joined.generationId;
      this.assignment = decodeAssignment(synced.assignment).assignedPartitions.flatMap(({ topic, partitions }) =>
        partitions.map((partition) => ({ topic, partition })),
      );
      for (const key of [...this.positions.keys()]) {
        const [topic, partition] = key.split('\u0000');
        if (!this.owns(topic!, Number(partition))) this.positions.delete(key);
      }
      return;
    }
    throw new MiniKafkaError('REBALANCE_IN_PROGRESS', `Group "${groupId}" kept rebalancing; try again`, {
      details: { group: groupId },
    });
  }
}

function byTopic(partitions: readonly TopicPartition[]): { topic: string; partitions: number[] }[] {
  const topics = new Map<string, number[]>();
  for (const { topic, partition } of partitions) topics.set(topic, [...(topics.get(topic) ?? []), partition]);
  return [...topics].map(([topic, list]) => ({ topic, partitions: list.sort((a, b) => a - b) }));
}

export function positionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
