/**
 * Helpers for Kafka-group tests: a stand-in assignment codec (JSON, where the broker
 * would pass Kafka's ConsumerProtocolAssignment decoder), one call per Kafka API building
 * the codec's request with kafkajs-like defaults, promise tracking for held requests, and
 * `KafkaTestClient`, a consumer that remembers its member id, generation and leadership
 * like a real client.
 * Test-only; not built or published.
 */

import type {
  HeartbeatResponse,
  JoinGroupMember,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupResponse,
  SyncGroupRequest,
  SyncGroupResponse,
} from '@mini-kafka/kafka-protocol';
import type { TopicPartition } from '@mini-kafka/protocol/core';
import type { GroupCoordinator } from '../group-coordinator.js';
import type { KafkaRequestContext, OffsetCommitInput } from '../groups/kafka/types.js';

export function encodeTestAssignment(partitions: readonly TopicPartition[]): Buffer {
  return Buffer.from(JSON.stringify(partitions));
}

/** Throws on bytes that are not the test encoding (the coordinator then shows no partitions). */
export function decodeTestAssignment(bytes: Buffer): TopicPartition[] {
  return bytes.length === 0 ? [] : (JSON.parse(bytes.toString('utf8')) as TopicPartition[]);
}

/** Any field of a JoinGroup request or of its context; the rest defaults like kafkajs (JoinGroup v5). */
export type JoinOptions = Partial<Omit<JoinGroupRequest, 'groupId'>> & Partial<KafkaRequestContext>;

/** JoinGroup through the coordinator, as the broker calls it. */
export function joinGroup(
  coordinator: GroupCoordinator,
  groupId: string,
  options: JoinOptions = {},
): Promise<JoinGroupResponse> {
  const { clientId = 'app', clientHost = '/127.0.0.1', apiVersion = 5, ...fields } = options;
  return coordinator.kafkaJoin(
    {
      groupId,
      memberId: '',
      groupInstanceId: null,
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 30_000,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.from('subscription') }],
      ...fields,
    },
    { clientId, clientHost, apiVersion },
  );
}

/** SyncGroup through the coordinator; a follower's by default (no assignments). */
export function syncGroup(
  coordinator: GroupCoordinator,
  groupId: string,
  fields: Partial<Omit<SyncGroupRequest, 'groupId'>> & Pick<SyncGroupRequest, 'memberId' | 'generationId'>,
): Promise<SyncGroupResponse> {
  return coordinator.kafkaSync({ groupId, groupInstanceId: null, assignments: [], ...fields });
}

export function heartbeat(
  coordinator: GroupCoordinator,
  groupId: string,
  memberId: string,
  generationId: number,
  groupInstanceId: string | null = null,
): HeartbeatResponse {
  return coordinator.kafkaHeartbeat({ groupId, memberId, generationId, groupInstanceId });
}

/** LeaveGroup v0-2 (one member); its code is the member's, as the broker answers those versions. */
export function leaveGroup(coordinator: GroupCoordinator, groupId: string, memberId: string): LeaveGroupResponse {
  const answer = coordinator.kafkaLeave({ groupId, members: [{ memberId, groupInstanceId: null }] });
  return { errorCode: answer.errorCode || (answer.members?.[0]?.errorCode ?? 0) };
}

/** LeaveGroup v3+: a batch of members by member id and/or group.instance.id. */
export function leaveMembers(
  coordinator: GroupCoordinator,
  groupId: string,
  members: { memberId: string; groupInstanceId: string | null }[],
): LeaveGroupResponse {
  return coordinator.kafkaLeave({ groupId, members });
}

/** An offset to commit, flat: what most commit tests need. */
export interface TestOffset {
  topic: string;
  partition: number;
  offset: number;
  metadata?: string | null | undefined;
}

/**
 * OffsetCommit v5 through the coordinator: consecutive offsets of one topic go in one topic
 * entry; the answer is flattened back to one `{ topic, partition, errorCode }` per offset.
 */
export async function commitOffsets(
  coordinator: GroupCoordinator,
  groupId: string,
  identity: { memberId: string; generationId: number },
  offsets: readonly TestOffset[],
): Promise<{ topic: string; partition: number; errorCode: number }[]> {
  const topics: NonNullable<OffsetCommitInput['topics']> = [];
  for (const { topic, partition, offset, metadata } of offsets) {
    const partitionEntry = { partitionIndex: partition, committedOffset: offset, committedMetadata: metadata ?? null };
    const last = topics[topics.length - 1];
    if (last?.name === topic) last.partitions?.push(partitionEntry);
    else topics.push({ name: topic, partitions: [partitionEntry] });
  }
  const response = await coordinator.kafkaCommit({ groupId, ...identity, retentionTimeMs: -1, topics });
  return response.topics.flatMap((topic) =>
    topic.partitions.map((p) => ({ topic: topic.name, partition: p.partitionIndex, errorCode: p.errorCode })),
  );
}

export interface Tracked<T> {
  readonly promise: Promise<T>;
  readonly settled: boolean;
  readonly value: T | undefined;
}

/** Watches a promise so a test can ask whether it has been answered yet. */
export function track<T>(promise: Promise<T>): Tracked<T> {
  const state = { promise, settled: false, value: undefined as T | undefined };
  promise.then(
    (value) => {
      state.settled = true;
      state.value = value;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
}

/** Lets resolved promises' callbacks run (no time passes on any clock). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** One consumer: JoinGroup with the MEMBER_ID_REQUIRED handshake, SyncGroup, Heartbeat, LeaveGroup. */
export class KafkaTestClient {
  memberId = '';
  generationId = -1;
  leader = '';
  protocolName = '';
  members: JoinGroupMember[] = [];
  assignment: Buffer = Buffer.alloc(0);

  constructor(
    private readonly coordinator: GroupCoordinator,
    readonly groupId: string,
    readonly options: JoinOptions = {},
  ) {}

  get isLeader(): boolean {
    return this.memberId !== '' && this.leader === this.memberId;
  }

  /** JoinGroup; a 79 answer is taken in (the id is kept for the next join) and returned as is. */
  join(overrides: JoinOptions = {}): Tracked<JoinGroupResponse> {
    const promise = joinGroup(this.coordinator, this.groupId, {
      ...this.options,
      memberId: this.memberId,
      ...overrides,
    });
    return track(
      promise.then((result) => {
        if (result.errorCode === 79) this.memberId = result.memberId;
        if (result.errorCode === 25) this.memberId = '';
        if (result.errorCode === 0) {
          this.memberId = result.memberId;
          this.generationId = result.generationId ?? -1;
          this.leader = result.leader;
          this.protocolName = result.protocolName ?? '';
          this.members = result.members;
        }
        return result;
      }),
    );
  }

  /** The MEMBER_ID_REQUIRED round trip; the member is then pending until it joins with the id. */
  async handshake(): Promise<string> {
    const result = await this.join().promise;
    if (result.errorCode !== 79) throw new Error(`expected MEMBER_ID_REQUIRED, got ${result.errorCode}`);
    return result.memberId;
  }

  /** SyncGroup; the leader sends `assign(memberId)` for every member it was told about. */
  sync(assign: (memberId: string, index: number) => readonly TopicPartition[] = () => []): Tracked<SyncGroupResponse> {
    const assignments = this.isLeader
      ? this.members.map((m, i) => ({ memberId: m.memberId, assignment: encodeTestAssignment(assign(m.memberId, i)) }))
      : [];
    const promise = syncGroup(this.coordinator, this.groupId, {
      memberId: this.memberId,
      generationId: this.generationId,
      groupInstanceId: this.groupInstanceId,
      assignments,
    });
    return track(
      promise.then((result) => {
        if (result.errorCode === 0) this.assignment = result.assignment;
        return result;
      }),
    );
  }

  /** The group.instance.id of a static member, else null. */
  get groupInstanceId(): string | null {
    return this.options.groupInstanceId ?? null;
  }

  heartbeat(): number {
    return heartbeat(this.coordinator, this.groupId, this.memberId, this.generationId, this.groupInstanceId).errorCode;
  }

  /** LeaveGroup v1 for a dynamic member; v3 (by member id and instance id) for a static one. */
  leave(): number {
    if (this.groupInstanceId === null) return leaveGroup(this.coordinator, this.groupId, this.memberId).errorCode;
    const answer = leaveMembers(this.coordinator, this.groupId, [
      { memberId: this.memberId, groupInstanceId: this.groupInstanceId },
    ]);
    return answer.members?.[0]?.errorCode ?? answer.errorCode;
  }

  /** OffsetCommit (v7-style, with the instance id) of one offset of `orders`; its code. */
  async commit(partition: number, offset: number): Promise<number> {
    const response = await this.coordinator.kafkaCommit({
      groupId: this.groupId,
      memberId: this.memberId,
      generationId: this.generationId,
      groupInstanceId: this.groupInstanceId,
      retentionTimeMs: -1,
      topics: [
        {
          name: 'orders',
          partitions: [{ partitionIndex: partition, committedOffset: offset, committedMetadata: null }],
        },
      ],
    });
    return response.topics[0]!.partitions[0]!.errorCode;
  }

  /** The partitions this member was given, decoded. */
  partitions(): TopicPartition[] {
    return decodeTestAssignment(this.assignment);
  }
}

/** Round-robin of one topic's partitions over the leader's member list, as a client assignor would. */
export function roundRobin(
  topic: string,
  partitions: number,
  members: number,
): (memberId: string, index: number) => TopicPartition[] {
  return (_memberId, index) =>
    Array.from({ length: partitions }, (_, partition) => ({ topic, partition })).filter(
      (_, p) => p % members === index,
    );
}

/** The deadlines a test group runs on (kafkajs-like settings scaled down). */
export const TEST_INITIAL_DELAY_MS = 3_000;

/**
 * Starts `count` consumers of `orders` (6 partitions) in group `g` the way real clients
 * do: handshake, join together, wait out the initial delay, the leader assigns round-robin,
 * everyone syncs. Resolves with the clients, the leader first.
 */
export async function startKafkaGroup(
  coordinator: GroupCoordinator,
  scheduler: { advance(ms: number): void },
  count: number,
  options: JoinOptions = {},
): Promise<KafkaTestClient[]> {
  const clients = Array.from(
    { length: count },
    (_, i) => new KafkaTestClient(coordinator, 'g', { clientId: `c${i}`, ...options }),
  );
  for (const client of clients) await client.handshake();
  const joins = clients.map((client) => client.join());
  for (let waited = 0; joins.some((j) => !j.settled) && waited <= 60_000; waited += 1_000) {
    scheduler.advance(1_000);
    await flush();
  }
  for (const join of joins) if (join.value?.errorCode !== 0) throw new Error(`join failed: ${join.value?.errorCode}`);
  const leader = clients.find((c) => c.isLeader)!;
  const syncs = [leader, ...clients.filter((c) => c !== leader)].map((c) => c.sync(roundRobin('orders', 6, count)));
  await Promise.all(syncs.map((s) => s.promise));
  return [leader, ...clients.filter((c) => c !== leader)];
}
