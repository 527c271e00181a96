/**
 * ClusterClient: what the gateway and the mirror know of a Kafka-protocol cluster. It
 * bootstraps from a list of `host:port`, keeps the cluster's metadata (brokers, the
 * controller, each topic's partitions and their leaders) and one connection per broker,
 * opened on first use and reopened after a failure, and sends each request where it
 * belongs: any broker, the controller, a partition's leader, or a group's coordinator
 * (FindCoordinator, cached). Answers whose top-level code says the coordinator moved are
 * resent after looking it up again; partition-level codes are the caller's (partition-io.ts
 * invalidates and retries them). Nothing here auto-creates a topic.
 */
import type { ConnectionOptions } from 'node:tls';
import { type DecodedResponseOf, FindCoordinator, Metadata, type RequestInputOf } from '@mini-kafka/kafka-protocol';
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { Logger } from '../logger.js';
import { type AnyCodec, BrokerConnection, type RequestOptions } from './broker-connection.js';
import { kafkaError, STALE_COORDINATOR_CODES } from './cluster-errors.js';
import type { SaslSettings } from './sasl-client.js';

export interface ClusterClientOptions {
  bootstrapServers: readonly string[];
  clientId?: string;
  requestTimeoutMs?: number;
  tls?: ConnectionOptions;
  sasl?: SaslSettings;
  logger?: Logger;
}

export type Target =
  | { kind: 'any' }
  | { kind: 'controller' }
  | { kind: 'leader'; topic: string; partition: number }
  | { kind: 'group'; groupId: string }
  | { kind: 'node'; nodeId: number };

export interface PartitionMetadata {
  partition: number;
  leader: number;
  errorCode: number;
}
export interface TopicMetadata {
  name: string;
  topicId: string | null;
  internal: boolean;
  partitions: PartitionMetadata[];
}
export interface ClusterMetadata {
  clusterId: string | null;
  controllerId: number;
  brokers: { nodeId: number; host: string; port: number }[];
  topics: Map<string, TopicMetadata>;
}

const COORDINATOR_RETRIES = 8;
const METADATA_TTL_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function parseAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const port = Number(address.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new MiniKafkaError('INVALID_CONFIG', `"${address}" is not a host:port bootstrap server`);
  }
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port };
}

export class ClusterClient {
  private readonly connections = new Map<string, Promise<BrokerConnection>>();
  private readonly coordinators = new Map<string, number>();
  private brokers = new Map<number, { host: string; port: number }>();
  private clusterId: string | null = null;
  private controllerId = -1;
  private readonly topics = new Map<string, { metadata: TopicMetadata | undefined; at: number }>();
  private closed = false;
  readonly clientId: string;
  readonly requestTimeoutMs: number;

  private constructor(private readonly options: ClusterClientOptions) {
    this.clientId = options.clientId ?? 'mini-kafka-gateway';
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /** Connects to the first bootstrap server that answers and reads the cluster's brokers. */
  static async connect(options: ClusterClientOptions): Promise<ClusterClient> {
    if (options.bootstrapServers.length === 0) {
      throw new MiniKafkaError('INVALID_CONFIG', 'No bootstrap servers: give at least one host:port');
    }
    const client = new ClusterClient(options);
    await client.metadata([], { refresh: true });
    return client;
  }

  /** One request at the highest version both sides speak; group answers are resent when the coordinator moved. */
  async send<C extends AnyCodec>(
    codec: C,
    request: RequestInputOf<C> | ((version: number) => RequestInputOf<C>),
    target: Target,
    options: RequestOptions = {},
  ): Promise<DecodedResponseOf<C>> {
    const lane = options.lane ?? '';
    if (target.kind !== 'group') return (await this.connectionFor(target, lane)).request(codec, request, options);
    for (let attempt = 0; ; attempt++) {
      const connection = await this.coordinatorConnection(target.groupId, lane);
      let answer: DecodedResponseOf<C>;
      try {
        answer = await connection.request(codec, request, options);
      } catch (error) {
        if (
          !(error instanceof MiniKafkaError) ||
          error.type !== 'BROKER_NOT_AVAILABLE' ||
          attempt >= COORDINATOR_RETRIES
        ) {
          throw error;
        }
        this.coordinators.delete(target.groupId);
        await sleep(Math.min(1_000, 50 * 2 ** attempt));
        continue;
      }
      const code = (answer as { errorCode?: number }).errorCode;
      if (code === undefined || !STALE_COORDINATOR_CODES.has(code) || attempt >= COORDINATOR_RETRIES) return answer;
      this.coordinators.delete(target.groupId);
      await sleep(Math.min(1_000, 50 * 2 ** attempt));
    }
  }

  /** Metadata for `topics` (every topic when omitted); cached, `refresh` asks the cluster. */
  async metadata(topics?: readonly string[], options: { refresh?: boolean } = {}): Promise<ClusterMetadata> {
    const now = Date.now();
    const fresh = (name: string): boolean => {
      const cached = this.topics.get(name);
      return cached !== undefined && now - cached.at < METADATA_TTL_MS;
    };
    if (options.refresh === true || topics === undefined || !topics.every(fresh)) await this.refresh(topics);
    const wanted = topics ?? [...this.topics.keys()];
    const result = new Map<string, TopicMetadata>();
    for (const name of wanted) {
      const metadata = this.topics.get(name)?.metadata;
      if (metadata !== undefined) result.set(name, metadata);
    }
    return {
      clusterId: this.clusterId,
      controllerId: this.controllerId,
      brokers: [...this.brokers].map(([nodeId, address]) => ({ nodeId, ...address })),
      topics: result,
    };
  }

  /** The topic's partition count, or undefined when it does not exist. */
  async partitionCount(topic: string): Promise<number | undefined> {
    return (await this.metadata([topic])).topics.get(topic)?.partitions.length;
  }

  /** Forgets cached metadata (of one topic, or all): the next use asks the cluster again. */
  invalidate(topic?: string): void {
    if (topic === undefined) this.topics.clear();
    else this.topics.delete(topic);
  }

  /** Closes the connections of a lane (a group member that ended, a long poll that answered). */
  closeLane(lane: string): void {
    for (const [key, connection] of this.connections) {
      if (!key.startsWith(`${lane}|`)) continue;
      this.connections.delete(key);
      void connection.then(
        (open) => open.close(),
        () => undefined,
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const open = [...this.connections.values()];
    this.connections.clear();
    for (const connection of open) (await connection.catch(() => undefined))?.close();
  }

  private async refresh(topics: readonly string[] | undefined): Promise<void> {
    const names = topics === undefined ? null : [...topics];
    const answer = await (await this.connectionFor({ kind: 'any' })).request(Metadata, (version) => ({
      topics: names === null ? null : names.map((name) => ({ name })),
      allowAutoTopicCreation: false,
      ...(version >= 8 && version <= 10 && { includeClusterAuthorizedOperations: false }),
      includeTopicAuthorizedOperations: false,
    }));
    this.brokers = new Map(answer.brokers.map((b) => [b.nodeId, { host: b.host, port: b.port }]));
    this.clusterId = answer.clusterId ?? null;
    this.controllerId = answer.controllerId;
    const at = Date.now();
    if (names === null) this.topics.clear();
    for (const name of names ?? []) this.topics.set(name, { metadata: undefined, at });
    for (const topic of answer.topics) {
      if (topic.name === null) continue;
      if (topic.errorCode !== 0) {
        this.topics.set(topic.name, { metadata: undefined, at });
        continue;
      }
      const partitions = topic.partitions
        .map((p) => ({ partition: p.partitionIndex, leader: p.leaderId, errorCode: p.errorCode }))
        .sort((a, b) => a.partition - b.partition);
      const topicId = typeof topic.topicId === 'string' ? topic.topicId : null;
      this.topics.set(topic.name, {
        metadata: { name: topic.name, topicId, internal: topic.isInternal, partitions },
        at,
      });
    }
  }

  private async connectionFor(target: Exclude<Target, { kind: 'group' }>, lane = ''): Promise<BrokerConnection> {
    switch (target.kind) {
      case 'any':
        return this.anyConnection();
      case 'node':
        return this.nodeConnection(target.nodeId, lane);
      case 'controller': {
        if (this.controllerId < 0) await this.refresh([]);
        return this.controllerId < 0 ? this.anyConnection() : this.nodeConnection(this.controllerId, lane);
      }
      case 'leader': {
        const metadata = (await this.metadata([target.topic])).topics.get(target.topic);
        const leader = metadata?.partitions.find((p) => p.partition === target.partition)?.leader;
        if (metadata === undefined || leader === undefined) {
          throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `${target.topic}-${target.partition} does not exist`, {
            details: { topic: target.topic, partition: target.partition },
          });
        }
        if (leader < 0) {
          this.invalidate(target.topic);
          throw new MiniKafkaError('LEADER_NOT_AVAILABLE', `${target.topic}-${target.partition} has no leader now`, {
            details: { topic: target.topic, partition: target.partition },
          });
        }
        return this.nodeConnection(leader, lane);
      }
    }
  }

  private async coordinatorConnection(groupId: string, lane: string): Promise<BrokerConnection> {
    let nodeId = this.coordinators.get(groupId);
    if (nodeId === undefined) {
      nodeId = await this.findCoordinator(groupId);
      this.coordinators.set(groupId, nodeId);
    }
    return this.nodeConnection(nodeId, lane);
  }

  private async findCoordinator(groupId: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const answer = await (await this.anyConnection()).request(FindCoordinator, (version) =>
        version >= 4 ? { keyType: 0, coordinatorKeys: [groupId] } : { key: groupId, keyType: 0 },
      );
      const found = answer.coordinators.length > 0 ? answer.coordinators[0]! : answer;
      if (found.errorCode === 0) {
        this.brokers.set(found.nodeId, { host: found.host, port: found.port });
        return found.nodeId;
      }
      if (!STALE_COORDINATOR_CODES.has(found.errorCode) || attempt >= COORDINATOR_RETRIES) {
        throw kafkaError(found.errorCode, `No coordinator for group "${groupId}"`, { group: groupId });
      }
      await sleep(Math.min(1_000, 50 * 2 ** attempt));
    }
  }

  private async anyConnection(): Promise<BrokerConnection> {
    for (const [key, connection] of this.connections) {
      if (!key.startsWith('|')) continue;
      const open = await connection.catch(() => undefined);
      if (open?.usable) return open;
      if (this.connections.get(key) === connection) this.connections.delete(key);
    }
    const known = [...this.brokers.values()].map(({ host, port }) => `${host}:${port}`);
    let lastError: unknown;
    for (const address of [...new Set([...known, ...this.options.bootstrapServers])]) {
      try {
        return await this.open(address);
      } catch (error) {
        lastError = error;
      }
    }
    throw new MiniKafkaError(
      'BROKER_NOT_AVAILABLE',
      `No broker of the cluster answers (bootstrap: ${this.options.bootstrapServers.join(',')})`,
      { cause: lastError },
    );
  }

  private nodeConnection(nodeId: number, lane = ''): Promise<BrokerConnection> {
    const address = this.brokers.get(nodeId);
    if (address === undefined) {
      this.invalidate();
      return Promise.reject(
        new MiniKafkaError('LEADER_NOT_AVAILABLE', `Broker ${nodeId} is not in the cluster's metadata`, {
          details: { nodeId },
        }),
      );
    }
    return this.open(`${address.host}:${address.port}`, lane);
  }

  private async open(address: string, lane = ''): Promise<BrokerConnection> {
    if (this.closed) throw new MiniKafkaError('BROKER_NOT_AVAILABLE', 'The cluster client is closed');
    const key = `${lane}|${address}`;
    const existing = this.connections.get(key);
    if (existing !== undefined) {
      const connection = await existing.catch(() => undefined);
      if (connection?.usable) return connection;
      if (this.connections.get(key) === existing) this.connections.delete(key);
    }
    const { host, port } = parseAddress(address);
    const opening = BrokerConnection.open({
      host,
      port,
      clientId: this.clientId,
      requestTimeoutMs: this.requestTimeoutMs,
      ...(this.options.tls !== undefined && { tls: this.options.tls }),
      ...(this.options.sasl !== undefined && { sasl: this.options.sasl }),
    });
    this.connections.set(key, opening);
    opening.catch(() => {
      if (this.connections.get(key) === opening) this.connections.delete(key);
    });
    return opening;
  }
}
