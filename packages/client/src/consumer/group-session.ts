/**
 * GroupSession: a consumer's life in its group, apart from reading records. It joins on
 * demand, heartbeats, notices rebalances and fencing (and rejoins before the next fetch),
 * keeps the consumer's own positions (PartitionPositions) and makes the broker's fetch
 * positions agree with them, and commits.
 *
 * A session is "stale" when a heartbeat or fetch answered `rebalanceRequired`, a request
 * was fenced (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS) or the
 * subscription changed. `ensureJoined()` then commits what was processed (best effort),
 * rejoins, forgets partitions it lost, seeks the broker to its own positions in the ones
 * it kept (a rewind that could not reach the broker is repaired here), and commits under
 * the new generation. Joins are shared: concurrent callers wait for the same one.
 */
import {
  type AssignorName,
  isMiniKafkaError,
  MiniKafkaError,
  type OffsetCommit,
  type TopicPartition,
  topicPartitionKey,
} from '@mini-kafka/protocol';
import type { ConsumerRecord } from '../encoding.js';
import { type HttpTransport, route } from '../http-transport.js';
import { type AutoOffsetReset, type Generation, GroupMembership } from './group-membership.js';
import { Heartbeater, isFencingError } from './heartbeater.js';
import { PartitionPositions } from './partition-positions.js';

export interface GroupSessionOptions {
  clientId: string;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  assignor?: AssignorName;
  autoCommit: boolean;
  isClosed: () => boolean;
  /** After a rejoin: the partitions kept (by topicPartitionKey). Whatever is held for others must go. */
  onReassigned: (kept: Set<string>) => void;
  /** Before anything moves the broker's fetch positions (a rejoin, a seek): waits for the fetch in flight, if any. */
  quiesce?: () => Promise<void>;
}

export function closedError(): MiniKafkaError {
  return new MiniKafkaError('INVALID_REQUEST', 'The consumer is closed', { details: { closed: true } });
}

export function owns(generation: Generation, topic: string, partition: number): boolean {
  return generation.assignment.some((tp) => tp.topic === topic && tp.partition === partition);
}

export class GroupSession {
  readonly positions = new PartitionPositions();
  readonly topics = new Set<string>();
  groupId: string | undefined;
  autoOffsetReset: AutoOffsetReset = 'latest';
  private membership: GroupMembership | undefined;
  private readonly heartbeater: Heartbeater;
  private readonly pendingSeeks = new Map<string, { topic: string; partition: number; offset: number }>();
  private staleFlag = false;
  private joining: Promise<void> | undefined;
  private lastCommitAt = Date.now();
  /** The last commit sent or waiting (settled: never rejects); commits run one after another. */
  private commits: Promise<void> = Promise.resolve();
  private backgroundCommitQueued = false;

  constructor(
    private readonly transport: HttpTransport,
    private readonly options: GroupSessionOptions,
  ) {
    this.heartbeater = new Heartbeater({
      current: () => this.membership?.generation,
      beat: (generation, timeoutMs) => this.membership!.heartbeat(generation, timeoutMs),
      onRebalance: (generation) => this.markStale(generation),
      onFenced: (generation, error) => this.fenced(generation, error),
    });
  }

  get generation(): Generation | undefined {
    return this.membership?.generation;
  }

  /** Where this member's own requests go (the gateway holding it, or the configured URL). */
  get memberTransport(): HttpTransport {
    return this.membership?.memberTransport ?? this.transport;
  }

  get joined(): boolean {
    return this.membership !== undefined;
  }

  /** A rebalance is pending: the next `ensureJoined()` rejoins. */
  get stale(): boolean {
    return this.staleFlag;
  }

  requestRejoin(): void {
    if (this.membership?.generation !== undefined) this.staleFlag = true;
  }

  heartbeatIntervalMs(generation: Generation): number {
    return this.options.heartbeatIntervalMs ?? Math.max(1, Math.floor(generation.sessionTimeoutMs / 3));
  }

  heartbeatNow(): Promise<void> {
    return this.heartbeater.beatNow();
  }

  /** The current generation, joining or rejoining first when needed. */
  async ensureJoined(): Promise<Generation> {
    for (;;) {
      if (this.options.isClosed()) throw closedError();
      const generation = this.membership?.generation;
      if (generation !== undefined && !this.staleFlag) return generation;
      this.joining ??= this.rejoin().finally(() => {
        this.joining = undefined;
      });
      await this.joining;
    }
  }

  /** `generation` is over (the broker asked for a rebalance): rejoin before the next fetch. */
  markStale(generation: Generation): void {
    if (generation === this.membership?.generation) this.staleFlag = true;
  }

  /** A request of `generation` was fenced: rejoin; when the session itself is gone, forget everything held. */
  fenced(generation: Generation, error: MiniKafkaError): void {
    if (generation !== this.membership?.generation) return;
    this.staleFlag = true;
    if (error.type === 'UNKNOWN_MEMBER_ID') {
      this.membership?.forget();
      this.positions.clear();
      this.options.onReassigned(new Set());
    }
  }

  /** Commits the `stage` positions that moved since the last commit, after the commits before it. `quiet`: never throws. */
  commitPositions(stage: 'delivered' | 'processed', quiet: boolean): Promise<void> {
    return this.serially(() => this.commitNow(stage, quiet));
  }

  /**
   * Commits the processed positions in the background, after the commits before it (`run`
   * after each batch: the next fetch does not wait for it). Calls made while such a commit
   * waits for its turn add nothing: it commits the positions as they are when it is sent.
   * Never throws; a fenced commit makes the session stale, as any other.
   */
  commitProcessedInBackground(): void {
    if (this.backgroundCommitQueued) return;
    this.backgroundCommitQueued = true;
    void this.serially(() => {
      this.backgroundCommitQueued = false;
      return this.commitNow('processed', true);
    });
  }

  /** Commits exactly `offsets` (each the next offset to read); throws when fenced. */
  async commitOffsets(offsets: OffsetCommit[]): Promise<void> {
    const generation = await this.ensureJoined();
    await this.serially(() => this.sendCommit(generation, offsets, false));
  }

  /** Runs `commit` once every commit started before it has settled, so commits reach the broker in order. */
  private serially(commit: () => Promise<void>): Promise<void> {
    const run = this.commits.then(commit);
    this.commits = run.catch(() => undefined);
    return run;
  }

  private async commitNow(stage: 'delivered' | 'processed', quiet: boolean): Promise<void> {
    const generation = this.membership?.generation;
    const offsets = this.positions.uncommitted(stage);
    if (generation === undefined || offsets.length === 0) {
      this.lastCommitAt = Date.now();
      return;
    }
    await this.sendCommit(generation, offsets, quiet);
  }

  /** Commits processed positions when autoCommit is on and `intervalMs` has passed since the last commit. */
  async autoCommitIfDue(intervalMs: number): Promise<void> {
    if (this.options.autoCommit && Date.now() - this.lastCommitAt >= intervalMs)
      await this.commitPositions('processed', true);
  }

  /** Moves the position in a partition; applied to the broker now, or after the next join when not owned yet. */
  async seek(topic: string, partition: number, offset: number): Promise<void> {
    const key = topicPartitionKey(topic, partition);
    this.positions.seek(topic, partition, offset);
    const generation = this.membership?.generation;
    if (generation === undefined || this.staleFlag || !owns(generation, topic, partition)) {
      this.pendingSeeks.set(key, { topic, partition, offset });
      return;
    }
    try {
      await this.seekOnBroker(generation, topic, partition, offset);
    } catch (error) {
      if (!isFencingError(error)) {
        this.positions.forget(topic, partition); // the broker kept its position: ours is no longer known
        throw error;
      }
      this.fenced(generation, error);
      this.pendingSeeks.set(key, { topic, partition, offset });
    }
  }

  /** Fetch these records again: moves positions back to the first record of each partition. Never throws. */
  async rewind(records: ConsumerRecord[]): Promise<void> {
    const firsts = new Map<string, TopicPartition & { offset: number }>();
    for (const { topic, partition, offset } of records) {
      const first = firsts.get(topicPartitionKey(topic, partition));
      if (first === undefined || offset < first.offset)
        firsts.set(topicPartitionKey(topic, partition), { topic, partition, offset });
    }
    const generation = this.membership?.generation;
    for (const { topic, partition, offset } of firsts.values()) {
      this.positions.rewind(topic, partition, offset);
      if (generation === undefined || this.staleFlag) continue; // the rejoin restores positions
      try {
        await this.seekOnBroker(generation, topic, partition, offset);
      } catch (error) {
        if (isFencingError(error)) this.fenced(generation, error);
        else this.staleFlag = true; // the rejoin restores positions
      }
    }
  }

  /** Waits for a join in progress, stops heartbeating, commits what was processed (autoCommit) and leaves. */
  async leave(): Promise<void> {
    await this.joining?.catch(() => undefined);
    this.heartbeater.stop();
    if (this.options.autoCommit) await this.commitPositions('processed', true);
    await this.membership?.leave();
  }

  private async rejoin(): Promise<void> {
    if (this.groupId === undefined) {
      throw new MiniKafkaError('INVALID_GROUP_ID', 'A consumer needs a groupId (in its options or in subscribe)');
    }
    if (this.topics.size === 0) throw new MiniKafkaError('INVALID_REQUEST', 'Subscribe to at least one topic first');
    await this.options.quiesce?.();
    this.membership ??= new GroupMembership(this.transport, {
      groupId: this.groupId,
      clientId: this.options.clientId,
      ...(this.options.sessionTimeoutMs !== undefined && { sessionTimeoutMs: this.options.sessionTimeoutMs }),
      ...(this.options.assignor !== undefined && { assignor: this.options.assignor }),
      onGatewayLost: () => this.requestRejoin(),
    });
    const membership = this.membership;
    const previous = membership.generation;
    if (previous !== undefined && this.options.autoCommit) await this.commitPositions('processed', true);
    this.heartbeater.stop();
    const generation = await membership.join([...this.topics], this.autoOffsetReset);
    this.staleFlag = false;
    const kept =
      previous?.memberId === generation.memberId
        ? generation.assignment.filter((tp) => owns(previous, tp.topic, tp.partition))
        : [];
    this.positions.retain(kept);
    this.options.onReassigned(new Set(kept.map(({ topic, partition }) => topicPartitionKey(topic, partition))));
    for (const [key, seek] of this.pendingSeeks) {
      if (!owns(generation, seek.topic, seek.partition)) continue;
      this.positions.seek(seek.topic, seek.partition, seek.offset);
      this.pendingSeeks.delete(key);
    }
    this.heartbeater.start(this.heartbeatIntervalMs(generation));
    await this.restorePositions(generation);
    // What was processed in partitions kept through the rebalance may have missed the commit of
    // the old generation (fenced): commit it under the new one.
    if (kept.length > 0 && this.options.autoCommit) await this.commitPositions('processed', true);
  }

  /** Points the broker's fetch position of each owned partition at the consumer's own, where it has one. */
  private async restorePositions(generation: Generation): Promise<void> {
    for (const { topic, partition } of generation.assignment) {
      const fetched = this.positions.get('fetched', topic, partition);
      if (fetched === undefined) continue;
      try {
        await this.seekOnBroker(generation, topic, partition, fetched);
      } catch (error) {
        if (isMiniKafkaError(error, 'OFFSET_OUT_OF_RANGE') || isMiniKafkaError(error, 'UNKNOWN_TOPIC_OR_PARTITION')) {
          // The log changed under us (deleted, truncated): the broker's own position applies.
          this.positions.forget(topic, partition);
          continue;
        }
        this.staleFlag = true;
        throw error;
      }
    }
  }

  /**
   * A binary fetch answered `partition` from `answeredFrom`, not from `expected`, the consumer's
   * own fetched position: its records were dropped, and the broker's position, which moved past
   * them, goes back to `expected` (or, when that is no longer in the log, to where the answer
   * started, so nothing in between is skipped). This repairs an answer lost on the way (the
   * broker moved, the consumer never saw the records) and any position that drifted. Never
   * throws: a failure makes the session stale, and the rejoin restores the positions.
   */
  async repairPosition(
    generation: Generation,
    topic: string,
    partition: number,
    expected: number,
    answeredFrom: number,
  ): Promise<void> {
    try {
      await this.seekOnBroker(generation, topic, partition, expected);
    } catch (error) {
      if (isMiniKafkaError(error, 'OFFSET_OUT_OF_RANGE')) {
        this.positions.forget(topic, partition);
        await this.seekOnBroker(generation, topic, partition, answeredFrom).catch((again: unknown) =>
          this.repairFailed(generation, again),
        );
        return;
      }
      this.repairFailed(generation, error);
    }
  }

  private repairFailed(generation: Generation, error: unknown): void {
    if (isFencingError(error)) this.fenced(generation, error);
    else if (generation === this.membership?.generation) this.staleFlag = true;
  }

  private seekOnBroker(generation: Generation, topic: string, partition: number, offset: number): Promise<void> {
    return this.memberTransport.request(
      'POST',
      route`/v1/groups/${this.membership!.groupId}/members/${generation.memberId}/seek`,
      {
        body: { topic, partition, offset },
      },
    );
  }

  private async sendCommit(generation: Generation, offsets: OffsetCommit[], quiet: boolean): Promise<void> {
    try {
      await this.memberTransport.request('POST', route`/v1/groups/${this.membership!.groupId}/offsets`, {
        body: { memberId: generation.memberId, generationId: generation.generationId, offsets },
      });
      this.positions.committed(offsets);
      this.lastCommitAt = Date.now();
    } catch (error) {
      if (isFencingError(error)) this.fenced(generation, error);
      if (!quiet) throw error;
    }
  }
}
