/**
 * Consumer: a member of a consumer group, reading with the broker's member fetch (the
 * broker keeps a fetch position per member and partition). Three ways to read: `poll()`,
 * `for await`, and `run({ eachMessage | eachBatch })`. Group life (joins, heartbeats,
 * rebalances, commits, positions) is the GroupSession's; this class fetches, buffers for
 * the iterator, and decides when what was handed out counts as processed:
 *   - poll: the records of a poll, at the next poll (or close), as Kafka does;
 *   - for await: a record, when the loop asks for the next one;
 *   - run: a record, when its handler returns.
 *
 * Fetches are binary by default: the broker answers the stored RecordBatch bytes, decoded
 * here (record-batches.ts), whole batches at a time, so a fetch may bring a few records more
 * than maxRecords; those wait in the buffer for the next poll or batch. A broker without the
 * binary transport answers JSON, which is read as before.
 *
 * A binary answer names the offset each partition was read from; one that is not the
 * consumer's own fetched position is dropped and the broker's position put back
 * (member-fetch.ts), so no record is skipped.
 *
 * A partition the broker cannot read (damage, failing storage) does not stop the others: their
 * records are handed out, and once none is left, the next poll, batch or iteration throws the
 * partition's error (CORRUPT_MESSAGE or KAFKA_STORAGE_ERROR, `details` naming topic,
 * partition and offset), as Kafka's consumer does; `run` reports it to `onError` and backs
 * off. The position stays there, so it comes back until the damage is repaired or the
 * application seeks past it.
 *
 * Binary fetches read ahead, as Kafka's consumers do: when records are handed out, the next
 * fetch starts at once (without a long poll) and its records wait in the buffer, so they are
 * on their way while user code processes. Nothing moves the broker's positions while that
 * fetch is in flight: a seek, a rewind and a rejoin wait for it first (it does not wait for
 * data, so that is one round trip at most), then treat its records as buffered ones.
 */
import {
  assertValidTopicName,
  MiniKafkaError,
  type OffsetCommit,
  type TopicPartition,
  topicPartitionKey,
} from '@mini-kafka/protocol';
import { createTransport, DEFAULT_CLIENT_ID, transportOf, withoutSecrets } from '../client-options.js';
import type { ConsumerRecord } from '../encoding.js';
import type { HttpTransport } from '../http-transport.js';
import { retryDelay, sleep } from '../retry.js';
import {
  CONSUMER_DEFAULTS,
  type ConsumerConfig,
  checkInteger,
  type PollOptions,
  type RunOptions,
  type SubscribeOptions,
  type SubscribeRequest,
} from './consumer-options.js';
import { closedError, GroupSession } from './group-session.js';
import { isFencingError } from './heartbeater.js';
import { type Fetched, type FetchLimits as Limits, MemberFetcher } from './member-fetch.js';
import { type RunHost, RunLoop } from './run-loop.js';

export class Consumer implements AsyncIterable<ConsumerRecord> {
  private readonly transport: HttpTransport;
  private readonly config: Omit<ConsumerConfig, 'token' | 'key'>;
  private readonly session: GroupSession;
  private readonly seekedDuringBatch = new Set<string>();
  private readonly closeSignal = new AbortController();
  private buffer: ConsumerRecord[] = [];
  private fencedInARow = 0;
  private pollController: AbortController | undefined;
  /** The read-ahead fetch in flight (binary): it settles, never rejects, with its records in the buffer. */
  private ahead: Promise<void> | undefined;
  private mode: 'poll' | 'iterator' | 'run' | undefined;
  private runLoop: Promise<void> | undefined;
  private readonly fetcher: MemberFetcher;
  /** The first partition a fetch could not read, thrown once the records fetched with it are handed out. */
  private unreadable: MiniKafkaError | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(config: ConsumerConfig) {
    checkInteger('sessionTimeoutMs', config.sessionTimeoutMs, 1);
    checkInteger('heartbeatIntervalMs', config.heartbeatIntervalMs, 1);
    checkInteger('autoCommitIntervalMs', config.autoCommitIntervalMs, 0);
    checkInteger('maxRecords', config.maxRecords, 1);
    checkInteger('maxBytes', config.maxBytes, 1);
    checkInteger('maxWaitMs', config.maxWaitMs, 0);
    this.config = withoutSecrets(config);
    this.transport = createTransport(config);
    this.session = new GroupSession(this.transport, {
      clientId: config.clientId ?? DEFAULT_CLIENT_ID,
      autoCommit: this.autoCommit,
      isClosed: () => this.closed,
      onReassigned: (kept) => {
        this.buffer = this.buffer.filter((record) => kept.has(topicPartitionKey(record.topic, record.partition)));
        if (this.unreadable !== undefined && !kept.has(unreadableKey(this.unreadable))) this.unreadable = undefined;
      },
      quiesce: () => this.quiesce(),
      ...(config.sessionTimeoutMs !== undefined && { sessionTimeoutMs: config.sessionTimeoutMs }),
      ...(config.heartbeatIntervalMs !== undefined && { heartbeatIntervalMs: config.heartbeatIntervalMs }),
      ...(config.assignor !== undefined && { assignor: config.assignor }),
    });
    this.fetcher = new MemberFetcher(
      this.session,
      transportOf(config) === 'binary',
      config.isolation ?? 'read_committed',
    );
    this.session.groupId = config.groupId;
    this.session.autoOffsetReset = resetPolicy(config, 'latest');
    for (const topic of config.topics ?? []) this.addTopic(topic);
  }

  /** Kept for kafkajs familiarity: the consumer joins its group on first use. */
  async connect(): Promise<void> {}

  /**
   * Adds topics to the subscription: `subscribe('orders')`, `subscribe(['a', 'b'], { groupId, fromBeginning })`,
   * or kafkajs's `subscribe({ topics, fromBeginning })`. A consumer already in its group rejoins with them.
   */
  async subscribe(topics: string | string[] | SubscribeRequest, options: SubscribeOptions = {}): Promise<void> {
    const request: SubscribeRequest =
      typeof topics === 'string'
        ? { ...options, topics: [topics] }
        : Array.isArray(topics)
          ? { ...options, topics }
          : topics;
    const names = [...(request.topics ?? []), ...(request.topic === undefined ? [] : [request.topic])];
    for (const topic of names) assertValidTopicName(topic);
    if (request.groupId !== undefined) {
      if (this.session.joined && request.groupId !== this.session.groupId) {
        throw new MiniKafkaError('INVALID_GROUP_ID', `This consumer is already in group "${this.session.groupId}"`, {
          details: { group: request.groupId },
        });
      }
      this.session.groupId = request.groupId;
    }
    this.session.autoOffsetReset = resetPolicy(request, this.session.autoOffsetReset);
    const before = this.session.topics.size;
    for (const topic of names) this.addTopic(topic);
    if (this.session.topics.size !== before) this.session.requestRejoin();
  }

  /** The partitions this consumer owns in its current generation. */
  assignment(): TopicPartition[] {
    return (this.session.generation?.assignment ?? []).map(({ topic, partition }) => ({ topic, partition }));
  }

  /** Fetches the next records (joining the group first if needed). Records of the previous poll count as processed. */
  async poll(options: PollOptions = {}): Promise<ConsumerRecord[]> {
    this.useMode('poll');
    this.session.positions.processDelivered();
    await this.session.autoCommitIfDue(this.autoCommitIntervalMs);
    const records = await this.nextRecords(this.limits(options));
    for (const record of records) this.delivered(record);
    return records;
  }

  /** `for await (const record of consumer)`: yields until the consumer is closed. A record counts as processed when the loop asks for the next. */
  [Symbol.asyncIterator](): AsyncIterator<ConsumerRecord> {
    this.useMode('iterator');
    return {
      next: async () => {
        this.session.positions.processDelivered();
        await this.session.autoCommitIfDue(this.autoCommitIntervalMs);
        for (;;) {
          if (this.closed) return { done: true, value: undefined };
          const [first, ...rest] = await this.nextRecords(this.limits({}));
          if (first === undefined) continue;
          this.buffer.unshift(...rest);
          this.delivered(first);
          return { done: false, value: first };
        }
      },
      return: async () => ({ done: true, value: undefined }),
    };
  }

  /**
   * kafkajs's run: resolves once the consumer is in its group, then consumes in the background
   * until `close()`. A handler that throws gets its record again after a backoff.
   */
  async run(options: RunOptions): Promise<void> {
    if (options.eachMessage === undefined && options.eachBatch === undefined) {
      throw new MiniKafkaError('INVALID_REQUEST', 'run() needs eachMessage or eachBatch');
    }
    if (this.mode === 'run') throw new MiniKafkaError('INVALID_REQUEST', 'This consumer is already running');
    this.useMode('run');
    try {
      await this.session.ensureJoined();
    } catch (error) {
      this.mode = undefined;
      throw error;
    }
    this.runLoop = new RunLoop(this.runHost(), options).run();
  }

  /**
   * Commits offsets. Without arguments: the positions after everything handed out so far.
   * With offsets: exactly those (each `offset` is the NEXT offset to read). A commit fenced by a
   * rebalance throws (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS) and makes the consumer rejoin.
   */
  async commit(offsets?: OffsetCommit[]): Promise<void> {
    if (offsets === undefined) {
      this.session.positions.processDelivered();
      return this.session.commitPositions('delivered', false);
    }
    if (offsets.length > 0) await this.session.commitOffsets(offsets);
  }

  /** kafkajs's name for `commit(offsets)`; offsets may be numeric strings, as kafkajs writes them. */
  commitOffsets(offsets: Array<Omit<OffsetCommit, 'offset'> & { offset: number | string }>): Promise<void> {
    return this.commit(offsets.map((entry) => ({ ...entry, offset: Number(entry.offset) })));
  }

  /** Moves this member's position in a partition: the next record read from it is at `offset` (a number, or a numeric string as in kafkajs). */
  async seek({
    topic,
    partition,
    offset: given,
  }: {
    topic: string;
    partition: number;
    offset: number | string;
  }): Promise<void> {
    assertValidTopicName(topic);
    const offset = typeof given === 'string' && given.trim() === '' ? Number.NaN : Number(given);
    if (!Number.isSafeInteger(partition) || partition < 0 || !Number.isSafeInteger(offset) || offset < 0) {
      throw new MiniKafkaError('INVALID_REQUEST', 'seek() needs a partition and an offset that are integers >= 0', {
        details: { topic },
      });
    }
    const key = topicPartitionKey(topic, partition);
    this.seekedDuringBatch.add(key);
    await this.quiesce();
    await this.session.seek(topic, partition, offset);
    // Only now: a seek the broker refused leaves the position, and what is buffered from it, as they were.
    this.buffer = this.buffer.filter((record) => topicPartitionKey(record.topic, record.partition) !== key);
    if (this.unreadable !== undefined && unreadableKey(this.unreadable) === key) this.unreadable = undefined;
  }

  /** Stops consuming, commits what was processed (with autoCommit) and leaves the group so others take over at once. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** kafkajs's name for close(). */
  disconnect(): Promise<void> {
    return this.close();
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    this.closeSignal.abort();
    this.pollController?.abort();
    await this.runLoop;
    await this.quiesce();
    if (this.mode === 'poll') this.session.positions.processDelivered();
    await this.session.leave();
    this.buffer = [];
  }

  private get autoCommit(): boolean {
    return this.config.autoCommit ?? CONSUMER_DEFAULTS.autoCommit;
  }

  private get autoCommitIntervalMs(): number {
    return this.config.autoCommitIntervalMs ?? CONSUMER_DEFAULTS.autoCommitIntervalMs;
  }

  private addTopic(topic: string): void {
    assertValidTopicName(topic);
    this.session.topics.add(topic);
  }

  private useMode(mode: 'poll' | 'iterator' | 'run'): void {
    if (this.closed) throw closedError();
    if (this.mode === 'run' && mode !== 'run') {
      throw new MiniKafkaError(
        'INVALID_REQUEST',
        'This consumer is consumed by run(); poll and for-await are not available',
      );
    }
    if (mode === 'run' && this.mode !== undefined) {
      throw new MiniKafkaError(
        'INVALID_REQUEST',
        'run() cannot start on a consumer already read with poll or for-await',
      );
    }
    this.mode = mode;
  }

  private limits(options: PollOptions): Limits {
    return {
      maxRecords:
        checkInteger('maxRecords', options.maxRecords, 1) ?? this.config.maxRecords ?? CONSUMER_DEFAULTS.maxRecords,
      maxBytes: checkInteger('maxBytes', options.maxBytes, 1) ?? this.config.maxBytes ?? CONSUMER_DEFAULTS.maxBytes,
      waitMs: checkInteger('waitMs', options.waitMs, 0) ?? this.config.maxWaitMs ?? CONSUMER_DEFAULTS.maxWaitMs,
    };
  }

  private delivered(record: ConsumerRecord): void {
    this.session.positions.advance('delivered', record.topic, record.partition, record.offset + 1);
  }

  /**
   * Buffered records first, else member fetches; [] once closed. At most `maxRecords` of them,
   * or, with `whole`, everything buffered (what the last fetch brought: `run` hands a fetch's
   * whole batches to one round of its handlers, as kafkajs does).
   */
  private async nextRecords(limits: Limits, whole = false): Promise<ConsumerRecord[]> {
    if (this.closed) return [];
    await this.quiesce();
    try {
      await this.session.ensureJoined();
    } catch (error) {
      if (this.closed) return [];
      throw error;
    }
    if (this.buffer.length === 0) {
      this.throwUnreadable();
      const records = await this.fetchRecords(limits);
      // Whole batches may bring more than asked for: the rest waits, in order.
      this.buffer = this.buffer.length === 0 ? records : this.buffer.concat(records);
      if (this.buffer.length === 0) this.throwUnreadable();
    }
    const records = whole ? this.buffer.splice(0) : this.buffer.splice(0, limits.maxRecords);
    if (records.length > 0 && this.buffer.length < limits.maxRecords) this.readAhead(limits);
    return records;
  }

  /** Starts the read-ahead fetch (binary only; not while a rebalance is pending or one is in flight). */
  private readAhead(limits: Limits): void {
    const generation = this.session.generation;
    if (
      !this.fetcher.binary ||
      this.closed ||
      this.ahead !== undefined ||
      generation === undefined ||
      this.session.stale
    ) {
      return;
    }
    this.ahead = (async () => {
      try {
        // One attempt: a seek or a rejoin may be waiting for it (the next fetch retries).
        const response = await this.fetcher.fetch(generation, limits, 0, this.closeSignal.signal, 0);
        if (response.rebalanceRequired) this.session.markStale(generation);
        this.received(response);
        this.buffer = this.buffer.length === 0 ? response.records : this.buffer.concat(response.records);
      } catch (error) {
        // A fenced generation rejoins before the next fetch; anything else, that fetch meets again.
        if (isFencingError(error)) this.session.fenced(generation, error);
      } finally {
        this.ahead = undefined;
      }
    })();
  }

  /** Waits for the read-ahead fetch in flight, if any (one round trip at most: it does not long-poll). */
  private async quiesce(): Promise<void> {
    while (this.ahead !== undefined) await this.ahead;
  }

  /** A fetch's answer: its records' partitions' fetched positions move past them; a partition it could not read is noted. */
  private received({ records, unreadable }: Fetched): void {
    this.unreadable ??= unreadable[0];
    // Records come grouped by partition, in offset order: one advance per run of a partition.
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const next = records[i + 1];
      if (next !== undefined && next.partition === record.partition && next.topic === record.topic) continue;
      this.session.positions.advance('fetched', record.topic, record.partition, record.offset + 1);
    }
  }

  /** Drops what the buffer holds of the partitions of `records` (they are to be fetched again). */
  private dropBuffered(records: readonly ConsumerRecord[]): void {
    if (this.buffer.length === 0) return;
    const rewound = new Set(records.map((record) => topicPartitionKey(record.topic, record.partition)));
    this.buffer = this.buffer.filter((record) => !rewound.has(topicPartitionKey(record.topic, record.partition)));
  }

  /**
   * Member fetches until records arrive or `waitMs` is over. One long poll waits at most a
   * heartbeat interval, so a pending rebalance is noticed (and rejoined) that quickly.
   */
  private async fetchRecords(limits: Limits): Promise<ConsumerRecord[]> {
    const deadline = Date.now() + limits.waitMs;
    for (;;) {
      if (this.closed) return [];
      const generation = await this.session.ensureJoined();
      const waitMs = Math.max(0, Math.min(deadline - Date.now(), this.session.heartbeatIntervalMs(generation)));
      const controller = new AbortController();
      this.pollController = controller;
      let response: Fetched;
      try {
        response = await this.fetcher.fetch(generation, limits, waitMs, controller.signal);
      } catch (error) {
        if (this.closed) return [];
        if (!isFencingError(error)) throw error;
        this.session.fenced(generation, error);
        await this.pause(retryDelay(this.fencedInARow++, this.transport.retry) / 4);
        continue;
      } finally {
        if (this.pollController === controller) this.pollController = undefined;
      }
      this.fencedInARow = 0;
      if (response.rebalanceRequired) this.session.markStale(generation);
      this.received(response);
      const { records } = response;
      if (records.length > 0 || response.unreadable.length > 0 || Date.now() >= deadline) return records;
    }
  }

  /** Throws the partition error a fetch brought, once (the next fetch meets it again if it lasts). */
  private throwUnreadable(): void {
    const error = this.unreadable;
    if (error === undefined) return;
    this.unreadable = undefined;
    throw error;
  }

  /** Waits `ms`, or less when the consumer closes. */
  private pause(ms: number): Promise<void> {
    return sleep(ms, this.closeSignal.signal);
  }

  private runHost(): RunHost {
    const { session } = this;
    return {
      isClosed: () => this.closed,
      isStale: () => session.stale,
      nextBatch: () => this.nextRecords(this.limits({}), true),
      delivered: (record) => this.delivered(record),
      processed: (topic, partition, next) => session.positions.advance('processed', topic, partition, next),
      seeked: this.seekedDuringBatch,
      rewind: async (records) => {
        await this.quiesce();
        this.dropBuffered(records);
        await session.rewind(records);
      },
      commitProcessed: () => (this.autoCommit ? session.commitPositions('processed', true) : Promise.resolve()),
      commitProcessedInBackground: () => {
        if (this.autoCommit) session.commitProcessedInBackground();
      },
      heartbeat: () => session.heartbeatNow(),
      backoff: (failures) => this.pause(retryDelay(failures, this.transport.retry)),
    };
  }
}

/** The partition (topicPartitionKey) a partition read error names. */
function unreadableKey(error: MiniKafkaError): string {
  return topicPartitionKey(String(error.details.topic), Number(error.details.partition));
}

function resetPolicy(options: SubscribeOptions, fallback: 'earliest' | 'latest'): 'earliest' | 'latest' {
  if (options.autoOffsetReset !== undefined) return options.autoOffsetReset;
  if (options.fromBeginning !== undefined) return options.fromBeginning ? 'earliest' : 'latest';
  return fallback;
}
