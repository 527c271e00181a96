/**
 * LogManager: every topic's partition logs under one data directory.
 *
 *   <dataDir>/<topic>/topic.json       metadata (see topic-metadata.ts)
 *   <dataDir>/<topic>/<partition>/     one Log per partition
 *
 * Topic names are checked against Kafka's rule before they touch the file system, so a
 * name can never escape the data directory. Topic changes (create, add partitions,
 * delete, config changes) run one at a time; appends and reads go straight to the logs.
 * Every topic has a stable id (a random UUID, kept in topic.json); a topic deleted and
 * created again gets a new one, so clients holding the old id learn it is gone. The topics
 * held live in a TopicRegistry (topic-registry.ts), their files in a TopicStore
 * (topic-store.ts). With `inMemory`, the same API runs on MemoryLogs and nothing touches
 * the disk (there is no store). One process owns a data directory at a time (see
 * data-dir-lock.ts).
 *
 * Broker-wide limits (topic-limits.ts) cap topics and partitions on every path making them.
 * A topic change failing on the disk is KAFKA_STORAGE_ERROR naming the cause in words, and
 * leaves nothing behind (partition-opener.ts). A deleted topic's files are closed at once,
 * unflushed, so their space comes back with the delete.
 */
import {
  assertValidTopicName,
  type Clock,
  type ConfigEntry,
  MiniKafkaError,
  systemClock,
} from '@mini-kafka/protocol/core';
import type { FileSystem } from '../fs/file-system.js';
import { storageError } from '../fs/io-errors.js';
import { nodeFileSystem } from '../fs/node-file-system.js';
import type { Inflaters } from '../record-batch/compression.js';
import { DataDirLock } from './data-dir-lock.js';
import type { SegmentRolled } from './log.js';
import { type LogConfig, resolveLogConfig } from './log-config.js';
import { OfflineReopener, offlineForNow, type ReopenTarget } from './offline-reopen.js';
import type { PartitionLog } from './partition-log.js';
import { discardLog, PartitionOpener } from './partition-opener.js';
import { SerialQueue } from './serial-queue.js';
import {
  changeTopicConfigs,
  describeTopicConfigs,
  parseTopicConfigs,
  type TopicConfigChange,
} from './topic-configs.js';
import {
  checkAddedPartitionsLimit,
  checkNewTopicLimits,
  limitWarning,
  resolveTopicLimits,
  type TopicLimits,
} from './topic-limits.js';
import { loadTopics } from './topic-loader.js';
import { checkPartitionCount, type TopicMetadata } from './topic-metadata.js';
import { describeTopic, type TopicDescription, TopicRegistry } from './topic-registry.js';
import { TopicStore } from './topic-store.js';

export type { TopicConfigChange, TopicDescription };

export interface LogManagerOptions {
  /** Where topics live. Required unless `inMemory`. */
  dataDir?: string;
  /** Keep everything in memory (nothing survives close). */
  inMemory?: boolean;
  /** Defaults for every topic's logs; topics may override them. */
  defaults?: Partial<LogConfig>;
  /** How often to apply retention, in ms; 0 turns the timer off (call `runRetention` yourself). Default 5 minutes. */
  retentionCheckIntervalMs?: number;
  fs?: FileSystem;
  clock?: Clock;
  /** How every log's reads inflate compressed batches. Default: gzip only. */
  inflaters?: Inflaters;
  /** Kafka's producer.id.expiration.ms for every log's idempotent producers. Default 1 day. */
  producerIdExpirationMs?: number;
  /** The most topics held: creating one more is POLICY_VIOLATION. Default 1,000. */
  maxTopics?: number;
  /** The most partitions across all topics: a creation or addition passing it is POLICY_VIOLATION. Default 10,000. */
  maxPartitions?: number;
  /** Told of each segment roll of a file log (memory logs have no segments). */
  onSegmentRolled?: (rolled: SegmentRolled) => void;
}

export interface CreateTopicOptions {
  /** Default 1. */
  partitions?: number;
  /** Overrides of the manager's defaults for this topic. */
  config?: Partial<LogConfig>;
  /**
   * Topic configs under Kafka's names (`retention.ms`, `cleanup.policy`, ...), as CreateTopics
   * carries them; they win over `config` where both set a setting.
   */
  configs?: Readonly<Record<string, string | null>>;
}

export class LogManager {
  private readonly topics = new TopicRegistry();
  /** The topics' files; none when in memory. */
  private readonly store: TopicStore | undefined;
  private readonly admin = new SerialQueue();
  private readonly reopener: OfflineReopener;
  private readonly defaults: LogConfig;
  private readonly fs: FileSystem;
  private readonly clock: Clock;
  private readonly partitions: PartitionOpener;
  readonly limits: TopicLimits;
  private retentionTimer: NodeJS.Timeout | undefined;
  private lock: DataDirLock | undefined;
  private closed = false;
  /** Problems found while loading (a directory that is not a committed topic), one line each. */
  readonly warnings: string[] = [];
  /**
   * Damage found while loading, one line each, for the log at error level: a topic whose
   * topic.json cannot be read (not served, and not to be created over), partition
   * directories beyond the count a topic.json names.
   */
  readonly errors: string[] = [];

  private constructor(private readonly options: LogManagerOptions) {
    this.defaults = resolveLogConfig(options.defaults);
    this.fs = options.fs ?? nodeFileSystem;
    this.clock = options.clock ?? systemClock;
    this.reopener = new OfflineReopener({ clock: this.clock, reopen: (target) => this.reopen(target) });
    this.limits = resolveTopicLimits(options);
    if (options.inMemory !== true) this.store = new TopicStore(this.fs, options.dataDir!);
    const { inflaters, producerIdExpirationMs, onSegmentRolled: onRoll } = options;
    const parts = { store: this.store, fs: this.fs, clock: this.clock, inflaters, producerIdExpirationMs, onRoll };
    this.partitions = new PartitionOpener(parts);
  }

  static async open(options: LogManagerOptions): Promise<LogManager> {
    if (options.inMemory !== true && options.dataDir === undefined) {
      throw new MiniKafkaError('INVALID_CONFIG', 'LogManager needs a dataDir unless inMemory is set');
    }
    const manager = new LogManager(options);
    if (manager.store !== undefined) {
      try {
        await manager.fs.mkdir(options.dataDir!);
        manager.lock = await DataDirLock.acquire(manager.fs, options.dataDir!);
      } catch (error) {
        throw storageError('Cannot open the data directory', error);
      }
      try {
        await loadTopics(manager.store, manager.topics, manager.partitions, manager.defaults, manager);
      } catch (error) {
        await manager.lock.release();
        throw storageError('Cannot load the topics of the data directory', error);
      }
      const warning = limitWarning(manager.limits, manager.topics.counts());
      if (warning !== undefined) manager.warnings.push(warning);
    }
    const interval = options.retentionCheckIntervalMs ?? 5 * 60 * 1000;
    if (interval > 0) {
      manager.retentionTimer = setInterval(() => void manager.runRetention().catch(() => undefined), interval);
      manager.retentionTimer.unref();
    }
    return manager;
  }

  get dataDir(): string | undefined {
    return this.options.inMemory === true ? undefined : this.options.dataDir;
  }

  get defaultConfig(): LogConfig {
    return { ...this.defaults };
  }

  private assertOpen(): void {
    if (this.closed) throw new MiniKafkaError('BROKER_NOT_AVAILABLE', 'The log manager is closed');
  }

  /**
   * Creates a topic. An existing topic is TOPIC_ALREADY_EXISTS unless `ifNotExists`,
   * in which case it is returned unchanged with `created: false`.
   */
  async createTopic(
    name: string,
    options: CreateTopicOptions = {},
    ifNotExists = false,
  ): Promise<{ created: boolean; topic: TopicDescription }> {
    const { partitions, overrides, accepted, config } = this.checkNewTopic(name, options);
    return this.admin.run(async () => {
      this.assertOpen();
      const existing = this.topics.get(name);
      if (existing !== undefined) {
        if (ifNotExists) return { created: false, topic: describeTopic(existing) };
        throw topicExists(name);
      }
      this.topics.assertCreatable(name);
      checkNewTopicLimits(this.limits, this.topics.counts(), name, partitions);
      const metadata: TopicMetadata = {
        name,
        topicId: this.topics.newTopicId(),
        partitions,
        config: overrides,
        acceptedConfigs: accepted,
        createdAt: this.clock.now(),
      };
      const logs = await this.partitions.create(name, [0, partitions], config, `Cannot create topic "${name}"`, () =>
        this.store?.create(metadata),
      );
      const topic = { metadata, config, logs };
      this.topics.add(topic);
      return { created: true, topic: describeTopic(topic) };
    });
  }

  /**
   * Throws what `createTopic(name, options)` would refuse now (an invalid name, partition
   * count or config, an existing topic) without creating anything: Kafka's validateOnly.
   * Returns the partition count and the configs the topic would have.
   */
  validateTopic(name: string, options: CreateTopicOptions = {}): { partitions: number; configs: ConfigEntry[] } {
    this.assertOpen();
    const { partitions, overrides, accepted } = this.checkNewTopic(name, options);
    if (this.topics.has(name)) throw topicExists(name);
    this.topics.assertCreatable(name);
    checkNewTopicLimits(this.limits, this.topics.counts(), name, partitions);
    return { partitions, configs: describeTopicConfigs({ log: overrides, accepted }, this.defaults) };
  }

  private checkNewTopic(
    name: string,
    options: CreateTopicOptions,
  ): { partitions: number; overrides: Partial<LogConfig>; accepted: Record<string, string>; config: LogConfig } {
    assertValidTopicName(name);
    const partitions = checkPartitionCount(options.partitions ?? 1, name);
    const parsed = parseTopicConfigs(options.configs ?? {});
    const overrides = { ...options.config, ...parsed.log };
    return { partitions, overrides, accepted: parsed.accepted, config: resolveLogConfig(overrides, this.defaults) };
  }

  /** Every Kafka topic config of topic `name`: value, source, synonyms (DescribeConfigs). */
  describeTopicConfigs(name: string): ConfigEntry[] {
    const { metadata } = this.topics.require(name);
    return describeTopicConfigs({ log: metadata.config, accepted: metadata.acceptedConfigs }, this.defaults);
  }

  /**
   * Changes a topic's configs under Kafka's names, durably (topic.json) and live: every
   * partition's log follows the new settings from its next append, roll or retention pass.
   * Settings without a Kafka name (the flush policy) keep their values. Any unknown config
   * or invalid value is INVALID_CONFIG and changes nothing; so does `validateOnly`.
   */
  alterTopicConfigs(name: string, change: TopicConfigChange, validateOnly = false): Promise<TopicDescription> {
    return this.admin.run(async () => {
      this.assertOpen();
      const topic = this.topics.require(name);
      const { metadata } = topic;
      const changed = changeTopicConfigs({ log: metadata.config, accepted: metadata.acceptedConfigs }, change);
      const config = resolveLogConfig(changed.log, this.defaults);
      const next: TopicMetadata = { ...metadata, config: changed.log, acceptedConfigs: changed.accepted };
      if (validateOnly) return describeTopic({ ...topic, metadata: next, config });
      await this.store?.write(next).catch((error: unknown) => {
        throw storageError(`Cannot store the configs of topic "${name}"`, error, { topic: name });
      });
      topic.metadata = next;
      topic.config = config;
      for (const log of topic.logs) log.reconfigure(config);
      return describeTopic(topic);
    });
  }

  /** Grows a topic to `partitions` partitions (never shrinks: that would lose data); `validateOnly` checks, changes nothing. */
  addPartitions(name: string, partitions: number, validateOnly = false): Promise<TopicDescription> {
    return this.admin.run(async () => {
      this.assertOpen();
      const topic = this.topics.require(name);
      checkPartitionCount(partitions, name);
      if (partitions <= topic.metadata.partitions) {
        throw new MiniKafkaError(
          'INVALID_PARTITIONS',
          `Topic "${name}" has ${topic.metadata.partitions} partitions; the new count must be larger`,
          { details: { topic: name } },
        );
      }
      const range = [topic.metadata.partitions, partitions] as const;
      checkAddedPartitionsLimit(this.limits, this.topics.counts(), name, range);
      const metadata = { ...topic.metadata, partitions };
      if (validateOnly) return describeTopic({ ...topic, metadata });
      const what = `Cannot add partitions to topic "${name}"`;
      const added = await this.partitions.create(name, range, topic.config, what, () => this.store?.write(metadata));
      topic.metadata = metadata;
      topic.logs = [...topic.logs, ...added];
      return describeTopic(topic);
    });
  }

  /** Deletes a topic and all its data; its files are closed at once (reads in flight finish first), unflushed. */
  deleteTopic(name: string): Promise<void> {
    return this.admin.run(async () => {
      this.assertOpen();
      const topic = this.topics.require(name);
      this.topics.remove(name);
      await Promise.all(topic.logs.map((log) => discardLog(log).catch(() => undefined)));
      await this.store?.delete(name).catch((error: unknown) => {
        throw storageError(`Cannot delete topic "${name}"`, error, { topic: name });
      });
    });
  }

  /** The stable id of topic `name`, or `undefined` when there is no such topic. */
  topicId(name: string): string | undefined {
    return this.topics.get(name)?.metadata.topicId;
  }

  /** The name of the topic with id `id` (canonical lowercase UUID), or `undefined` when there is none. */
  topicName(id: string): string | undefined {
    return this.topics.nameOf(id);
  }

  hasTopic(name: string): boolean {
    return this.topics.has(name);
  }

  getTopic(name: string): TopicDescription | undefined {
    const topic = this.topics.get(name);
    return topic === undefined ? undefined : describeTopic(topic);
  }

  /** The topics left out at load because their topic.json cannot be read, with why: not served, not to be created over. */
  unreadableTopics(): { name: string; problem: string }[] {
    return this.topics.unreadableTopics();
  }

  listTopics(): TopicDescription[] {
    return this.topics
      .topics()
      .map(describeTopic)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The log of a partition, or UNKNOWN_TOPIC_OR_PARTITION. A partition offline for want of
   * space or file descriptors is tried again in the background (offline-reopen.ts).
   */
  getLog(topic: string, partition: number): PartitionLog {
    const log = this.topics.log(topic, partition);
    if (offlineForNow(log) && !this.closed) this.reopener.poke({ topic, partition, offline: log });
    return log;
  }

  /** Opens an offline partition again and puts it in place, unless its topic changed or the manager closed since. */
  private reopen({ topic, partition, offline }: ReopenTarget): Promise<boolean> {
    return this.admin.run(async () => {
      const current = this.topics.get(topic);
      if (this.closed || current?.logs[partition] !== offline) return false;
      current.logs[partition] = await this.partitions.open(topic, partition, current.config);
      return true;
    });
  }

  /** Applies retention to every log; resolves to the number of segments deleted. */
  async runRetention(): Promise<number> {
    let deleted = 0;
    for (const topic of this.topics.topics()) {
      for (const log of topic.logs) deleted += await log.deleteOldSegments();
    }
    return deleted;
  }

  /** Flushes every log. */
  async flush(): Promise<void> {
    await Promise.all(this.topics.logs().map((log) => log.flush()));
  }

  /**
   * Closes every log cleanly (flushed, indexes written, clean-shutdown markers set), a few at a time; all files are
   * closed and the lock released even when some log cannot be (a full disk: KAFKA_STORAGE_ERROR; its next open recovers).
   */
  close(): Promise<void> {
    return this.admin.run(async () => {
      if (this.closed) return;
      this.closed = true;
      clearInterval(this.retentionTimer);
      try {
        await this.partitions.closeAll(this.topics.logs());
      } catch (error) {
        throw storageError('Closing the logs cleanly failed', error);
      } finally {
        await this.lock?.release();
      }
    });
  }
}

function topicExists(name: string): MiniKafkaError {
  return new MiniKafkaError('TOPIC_ALREADY_EXISTS', `Topic "${name}" already exists`, { details: { topic: name } });
}
