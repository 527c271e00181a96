/**
 * Topic and cluster administration, one service behind both the /v1 HTTP routes and the
 * Kafka admin APIs, so both answer alike: create topics (validate-only, configs under
 * Kafka's names, replication factor 1 or -1), delete them (by name or id), add partitions,
 * describe and alter configs (topics; the broker's are read-only), delete records, describe
 * the cluster and the log directory. Every refusal is a MiniKafkaError with Kafka's error
 * name; the service keeps no state of its own.
 */
import { statfs } from 'node:fs/promises';
import type { GroupCoordinator } from '@mini-kafka/coordinator';
import {
  assertValidTopicName,
  type ConfigEntry,
  type DescribeClusterResponse,
  type LogDir,
  MiniKafkaError,
} from '@mini-kafka/protocol/core';
import {
  type ConfigOp,
  type LogConfig,
  type LogManager,
  MAX_PARTITIONS,
  type TopicConfigChange,
  type TopicDescription,
} from '@mini-kafka/storage';
import type { BrokerConfig } from '../config/broker-config.js';
import { CLUSTER_ID, NODE_ID } from '../kafka/kafka-context.js';
import type { Logger } from '../logger.js';
import { describeBrokerConfigs, isBrokerConfig } from './broker-configs.js';

/** What the service works on: both the HTTP and the Kafka contexts have these. */
export interface AdminParts {
  config: BrokerConfig;
  logs: LogManager;
  coordinator: GroupCoordinator;
  logger: Logger;
  /** The advertised Kafka listener, or undefined when it is off. */
  advertised(): { host: string; port: number } | undefined;
}

export interface NewTopic {
  name: string;
  /** -1 (or absent): the broker's default. */
  partitions?: number;
  /** 1, or -1 (or absent) for the default. */
  replicationFactor?: number;
  /** Replica brokers per partition, Kafka's manual assignment: gives the partition count instead. */
  assignments?: readonly (readonly number[])[];
  /** Under Kafka's names. */
  configs?: Readonly<Record<string, string | null>>;
  /** Under the /v1 API's names. */
  config?: Partial<LogConfig>;
}

export interface CreatedTopic {
  name: string;
  /** Undefined for validate-only. */
  topicId: string | undefined;
  partitions: number;
  replicationFactor: 1;
  configs: ConfigEntry[];
  /** The stored topic (undefined for validate-only). */
  topic: TopicDescription | undefined;
}

export type ConfigResource = { type: 'topic' | 'broker'; name: string };

const invalid = (message: string) => new MiniKafkaError('INVALID_REQUEST', message);

export class AdminService {
  constructor(private readonly parts: AdminParts) {}

  private get logs(): LogManager {
    return this.parts.logs;
  }

  async createTopic(topic: NewTopic, validateOnly = false): Promise<CreatedTopic> {
    const { name } = topic;
    assertValidTopicName(name);
    const assignments = topic.assignments ?? [];
    let partitions = topic.partitions ?? -1;
    const replicationFactor = topic.replicationFactor ?? -1;
    if (assignments.length > 0) {
      if (partitions !== -1 || replicationFactor !== -1) {
        throw invalid('A partition count or replication factor cannot be given together with replica assignments');
      }
      checkAssignments(assignments, name);
      partitions = assignments.length;
    } else {
      checkReplicationFactor(replicationFactor);
      if (partitions === -1) partitions = this.parts.config.defaultPartitions;
    }
    const options = { partitions, configs: topic.configs, config: topic.config };
    if (this.logs.hasTopic(name)) {
      throw new MiniKafkaError('TOPIC_ALREADY_EXISTS', `Topic "${name}" already exists`, { details: { topic: name } });
    }
    if (validateOnly) {
      const would = this.logs.validateTopic(name, options);
      return { name, topicId: undefined, partitions, replicationFactor: 1, configs: would.configs, topic: undefined };
    }
    const { topic: created } = await this.logs.createTopic(name, options);
    this.parts.logger.info({ topic: name, partitions }, 'topic created');
    const configs = this.logs.describeTopicConfigs(name);
    return { name, topicId: created.topicId, partitions, replicationFactor: 1, configs, topic: created };
  }

  /** Deletes a topic named by name or by id; answers with both. */
  async deleteTopic(which: { name: string } | { topicId: string }): Promise<{ name: string; topicId: string }> {
    const name = 'name' in which ? which.name : this.logs.topicName(which.topicId);
    if (name === undefined) {
      const id = (which as { topicId: string }).topicId;
      throw new MiniKafkaError('UNKNOWN_TOPIC_ID', `No topic has id ${id}`);
    }
    assertValidTopicName(name);
    const topicId = this.logs.topicId(name);
    if (topicId === undefined) throw unknownTopic(name);
    await this.logs.deleteTopic(name);
    await this.parts.coordinator.topicDeleted(name);
    this.parts.logger.info({ topic: name }, 'topic deleted');
    return { name, topicId };
  }

  /** Grows a topic to `count` partitions (Kafka's CreatePartitions). */
  async createPartitions(
    name: string,
    count: number,
    assignments: readonly (readonly number[])[] | null = null,
    validateOnly = false,
  ): Promise<TopicDescription> {
    const topic = this.logs.getTopic(name);
    if (topic === undefined) throw unknownTopic(name);
    const current = topic.partitions;
    if (count === current) throw invalidPartitions(`Topic "${name}" already has ${current} partitions`);
    if (count < current) {
      throw invalidPartitions(`Topic "${name}" has ${current} partitions, more than the ${count} requested`);
    }
    if (count > MAX_PARTITIONS)
      throw invalidPartitions(`Topic "${name}" can have at most ${MAX_PARTITIONS} partitions`);
    if (assignments !== null) {
      if (assignments.length !== count - current) {
        throw new MiniKafkaError(
          'INVALID_REPLICA_ASSIGNMENT',
          `${assignments.length} replica assignments given for ${count - current} new partitions of topic "${name}"`,
        );
      }
      checkAssignments(assignments, name);
    }
    if (validateOnly) return this.logs.addPartitions(name, count, true);
    const grown = await this.logs.addPartitions(name, count);
    this.parts.coordinator.partitionsChanged(name);
    this.parts.logger.info({ topic: name, partitions: count }, 'partitions added');
    return grown;
  }

  /** The configs of a topic or of this broker; only those in `names` when given (unknown names are left out). */
  describeConfigs(resource: ConfigResource, names: readonly string[] | null = null): ConfigEntry[] {
    let entries: ConfigEntry[];
    if (resource.type === 'topic') {
      assertValidTopicName(resource.name);
      if (!this.logs.hasTopic(resource.name)) throw unknownTopic(resource.name);
      entries = this.logs.describeTopicConfigs(resource.name);
    } else {
      this.checkBroker(resource.name);
      const listener = this.parts.advertised();
      entries = describeBrokerConfigs(this.parts.config, this.logs.defaultConfig, { nodeId: NODE_ID, listener });
    }
    return names === null ? entries : entries.filter((entry) => names.includes(entry.name));
  }

  /**
   * Changes a topic's configs, live: `{ ops }` changes the configs named
   * (IncrementalAlterConfigs, PATCH), `{ replace }` sets exactly these (AlterConfigs). The
   * broker's configs are read-only: INVALID_REQUEST naming them.
   */
  async alterConfigs(resource: ConfigResource, change: TopicConfigChange, validateOnly = false): Promise<void> {
    const names = 'ops' in change ? change.ops.map((op) => op.name) : Object.keys(change.replace);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice !== undefined) throw invalid(`Config ${twice.slice(0, 64)} is named more than once`);
    if (resource.type === 'broker') {
      this.checkBroker(resource.name);
      if (names.length === 0) return;
      const known = names.filter(isBrokerConfig);
      throw invalid(
        known.length > 0
          ? `Broker configs are read-only while the broker runs: ${known.join(', ')} (set them at startup)`
          : `Unknown or read-only broker config: ${names[0]!.slice(0, 64)}`,
      );
    }
    assertValidTopicName(resource.name);
    if (!this.logs.hasTopic(resource.name)) throw unknownTopic(resource.name);
    await this.logs.alterTopicConfigs(resource.name, change, validateOnly);
    if (!validateOnly) this.parts.logger.info({ topic: resource.name, configs: names }, 'topic configs altered');
  }

  /** Kafka's DeleteRecords for one partition: -1 means the high watermark. Resolves to the new log start offset. */
  async deleteRecords(topic: string, partition: number, offset: number): Promise<number> {
    const log = this.logs.getLog(topic, partition);
    const logStartOffset = await log.deleteRecords(offset === -1 ? log.highWatermark : offset);
    this.parts.logger.info({ topic, partition, logStartOffset }, 'records deleted');
    return logStartOffset;
  }

  describeCluster(): DescribeClusterResponse {
    const listener = this.parts.advertised();
    return {
      clusterId: CLUSTER_ID,
      controllerId: NODE_ID,
      brokers: [{ nodeId: NODE_ID, host: listener?.host ?? null, port: listener?.port ?? null, rack: null }],
    };
  }

  /** The one log directory (the data directory) with its size and free space, and each partition's size. */
  async describeLogDirs(
    topics: readonly { topic: string; partitions: readonly number[] }[] | null = null,
  ): Promise<LogDir> {
    const { dataDir } = this.logs;
    let totalBytes = -1;
    let usableBytes = -1;
    if (dataDir !== undefined) {
      const stats = await statfs(dataDir);
      totalBytes = stats.blocks * stats.bsize;
      usableBytes = stats.bavail * stats.bsize;
    }
    const wanted = topics ?? this.logs.listTopics().map((t) => ({ topic: t.name, partitions: null }));
    const described: LogDir['topics'] = [];
    for (const { topic, partitions } of wanted) {
      const stored = this.logs.getTopic(topic);
      if (stored === undefined) continue;
      const indexes = partitions ?? Array.from({ length: stored.partitions }, (_, i) => i);
      const present = indexes.filter((p) => Number.isSafeInteger(p) && p >= 0 && p < stored.partitions);
      if (present.length === 0) continue;
      described.push({
        topic,
        partitions: present.map((partition) => ({
          partition,
          sizeBytes: this.logs.getLog(topic, partition).size,
          offsetLag: 0,
        })),
      });
    }
    return { path: dataDir ?? '(memory)', totalBytes, usableBytes, topics: described };
  }

  private checkBroker(name: string): void {
    if (name !== '' && name !== String(NODE_ID)) {
      throw invalid(`Unknown broker ${name.slice(0, 64)}: this is broker ${NODE_ID}`);
    }
  }
}

/** The ops of an HTTP PATCH: set these, delete those. */
export function configOps(set: Readonly<Record<string, string>>, remove: readonly string[]): ConfigOp[] {
  return [
    ...Object.entries(set).map(([name, value]): ConfigOp => ({ name, op: 'SET', value })),
    ...remove.map((name): ConfigOp => ({ name, op: 'DELETE', value: null })),
  ];
}

function checkReplicationFactor(factor: number): void {
  if (factor === -1 || factor === 1) return;
  throw new MiniKafkaError(
    'INVALID_REPLICATION_FACTOR',
    factor < 1
      ? `Replication factor must be larger than 0 (or -1 for the default), not ${factor}`
      : `Replication factor ${factor} is larger than the 1 broker available`,
  );
}

function checkAssignments(assignments: readonly (readonly number[])[], topic: string): void {
  for (const replicas of assignments) {
    if (replicas.length !== 1 || replicas[0] !== NODE_ID) {
      throw new MiniKafkaError(
        replicas.length > 1 ? 'INVALID_REPLICATION_FACTOR' : 'INVALID_REPLICA_ASSIGNMENT',
        `Replica assignment [${replicas.slice(0, 8).join(', ')}] for topic "${topic}" is not possible: broker ${NODE_ID} is the only one`,
      );
    }
  }
}

function unknownTopic(name: string): MiniKafkaError {
  return new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${name}" does not exist`, {
    details: { topic: name },
  });
}

function invalidPartitions(message: string): MiniKafkaError {
  return new MiniKafkaError('INVALID_PARTITIONS', message);
}
