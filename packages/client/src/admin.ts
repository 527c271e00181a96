/**
 * Admin: topics, partitions, offsets, configs, consumer groups and the cluster over the
 * broker's /v1 API. Method names follow kafkajs where one exists (createTopics,
 * fetchTopicOffsets, fetchOffsets, resetOffsets, setOffsets, describeGroups, listGroups,
 * describeCluster, deleteTopicRecords...), with simpler single-item forms beside them
 * (createTopic, describeTopic, describeGroup, deleteRecords...). Configs are read and changed
 * as the routes do (describeTopicConfigs, alterTopicConfigs), not with kafkajs's alterConfigs:
 * that one sends Kafka's AlterConfigs, which resets every config it does not name, while the
 * route sets and deletes only the named ones. Offsets are numbers. ACLs are `admin.acls`
 * (admin-acls.ts); `whoami()` names the principal the broker takes the client for. Kafka's
 * transaction tools are `admin.transactions` and `producers(topic, partition)` (admin-transactions.ts).
 */
import {
  type AlterConfigsRequest,
  type CommittedOffset,
  type CommittedOffsetsResponse,
  type DeleteRecordsResponse,
  type DescribeClusterResponse,
  type DescribeConfigsResponse,
  type DescribeLogDirsResponse,
  type GroupDescription,
  isMiniKafkaError,
  type ListGroupsResponse,
  type ListTopicsResponse,
  MiniKafkaError,
  type ResetTarget,
  type TopicDescription,
} from '@mini-kafka/protocol';
import { AdminAcls, type WhoAmI } from './admin-acls.js';
import type {
  ClusterDescription,
  CreateTopicOptions,
  DeleteGroupOffsetsOptions,
  DeleteTopicRecordsOptions,
  ListGroupsOptions,
  NewTopic,
  PartitionOffsets,
  ResetOffsetsOptions,
  SetOffsetsOptions,
  TimestampOffset,
  TopicCommittedOffsets,
} from './admin-options.js';
import { AdminTransactions, describeProducers, type PartitionProducer } from './admin-transactions.js';
import { type ClientOptions, createTransport } from './client-options.js';
import { type HttpTransport, route } from './http-transport.js';

export class Admin {
  private readonly transport: HttpTransport;
  /** ACLs: `list(filter)`, `create(bindings)`, `delete(filter)` (admin-acls.ts). */
  readonly acls: AdminAcls;
  /** Transactions: `list(filter)`, `describe(transactionalId)` (admin-transactions.ts). */
  readonly transactions: AdminTransactions;

  constructor(config: ClientOptions) {
    this.transport = createTransport(config);
    this.acls = new AdminAcls(this.transport);
    this.transactions = new AdminTransactions(this.transport);
  }

  /**
   * The producers `topic`-`partition` remembers (Kafka's DescribeProducers): id, epoch, last
   * sequence and timestamp, and the first offset of an open transaction (-1 when none), which
   * holds the partition's last stable offset back.
   */
  producers(topic: string, partition: number): Promise<PartitionProducer[]> {
    return describeProducers(this.transport, topic, partition);
  }

  /** The principal the broker takes this client for, whether it authenticated, and whether it is a super user. */
  whoami(): Promise<WhoAmI> {
    return this.transport.request<WhoAmI>('GET', '/v1/whoami');
  }

  /** Kept for kafkajs familiarity: there is no connection to open. */
  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}

  /** Creates a topic; throws TOPIC_ALREADY_EXISTS when it exists. */
  createTopic(topic: string, options: CreateTopicOptions = {}): Promise<TopicDescription> {
    return this.transport.request<TopicDescription>('POST', '/v1/topics', {
      body: {
        name: topic,
        ...(options.partitions !== undefined && { partitions: options.partitions }),
        ...(options.config && { config: options.config }),
        ...(options.configs && { configs: options.configs }),
      },
    });
  }

  /** kafkajs's createTopics: creates each topic; resolves false when some already existed (those are left as they are). */
  async createTopics({ topics }: { topics: NewTopic[] }): Promise<boolean> {
    let createdAll = true;
    for (const { topic, numPartitions, config } of topics) {
      try {
        await this.createTopic(topic, {
          ...(numPartitions !== undefined && { partitions: numPartitions }),
          ...(config && { config }),
        });
      } catch (error) {
        if (!isMiniKafkaError(error, 'TOPIC_ALREADY_EXISTS')) throw error;
        createdAll = false;
      }
    }
    return createdAll;
  }

  /** The names of all topics. */
  async listTopics(): Promise<string[]> {
    const response = await this.transport.request<ListTopicsResponse>('GET', '/v1/topics');
    return response.topics.map((topic) => topic.name);
  }

  /** A topic's settings and, per partition, its log start, log end and high watermark. */
  describeTopic(topic: string): Promise<TopicDescription> {
    return this.transport.request<TopicDescription>('GET', route`/v1/topics/${topic}`);
  }

  deleteTopic(topic: string): Promise<void> {
    return this.transport.request('DELETE', route`/v1/topics/${topic}`);
  }

  /** kafkajs's deleteTopics. */
  async deleteTopics({ topics }: { topics: string[] }): Promise<void> {
    for (const topic of topics) await this.deleteTopic(topic);
  }

  /** Grows a topic to `total` partitions (partitions are never removed). */
  addPartitions(topic: string, total: number): Promise<TopicDescription> {
    return this.transport.request<TopicDescription>('POST', route`/v1/topics/${topic}/partitions`, {
      body: { partitions: total },
    });
  }

  /** kafkajs's createPartitions: `count` is the new total of each topic. */
  async createPartitions({
    topicPartitions,
  }: {
    topicPartitions: Array<{ topic: string; count: number }>;
  }): Promise<boolean> {
    for (const { topic, count } of topicPartitions) await this.addPartitions(topic, count);
    return true;
  }

  /** kafkajs's fetchTopicOffsets: per partition, the log start (`low`) and the high watermark (`high`, also `offset`). */
  async fetchTopicOffsets(topic: string): Promise<PartitionOffsets[]> {
    const description = await this.describeTopic(topic);
    return description.partitionDetails.map(({ partition, logStartOffset, highWatermark }) => ({
      partition,
      offset: highWatermark,
      high: highWatermark,
      low: logStartOffset,
    }));
  }

  /** The first offset of a partition whose timestamp is >= `timestamp` (-2: earliest, -1: latest). */
  offsetsForTimestamp(topic: string, partition: number, timestamp: number): Promise<TimestampOffset> {
    return this.transport.request<TimestampOffset>('GET', route`/v1/topics/${topic}/partitions/${partition}/offsets`, {
      query: { timestamp },
    });
  }

  /** kafkajs's fetchTopicOffsetsByTimestamp: offsetsForTimestamp for every partition (default timestamp: latest). */
  async fetchTopicOffsetsByTimestamp(
    topic: string,
    timestamp = -1,
  ): Promise<Array<{ partition: number; offset: number }>> {
    const description = await this.describeTopic(topic);
    return Promise.all(
      description.partitionDetails.map(async ({ partition }) => ({
        partition,
        offset: (await this.offsetsForTimestamp(topic, partition, timestamp)).offset,
      })),
    );
  }

  /** A topic's configs under Kafka's names (`retention.ms`...), each with its value, source and synonyms. */
  describeTopicConfigs(topic: string): Promise<DescribeConfigsResponse> {
    return this.transport.request<DescribeConfigsResponse>('GET', route`/v1/topics/${topic}/configs`);
  }

  /**
   * Changes a topic's configs, live (Kafka's IncrementalAlterConfigs): `set` gives the named configs
   * new values, `delete` returns them to the broker's default, the rest keep theirs. With
   * `validateOnly`, nothing changes. Resolves with the topic's configs as they now are.
   */
  alterTopicConfigs(topic: string, changes: AlterConfigsRequest): Promise<DescribeConfigsResponse> {
    return this.transport.request<DescribeConfigsResponse>('PATCH', route`/v1/topics/${topic}/configs`, {
      body: changes,
    });
  }

  /** Deletes the records of a partition before `offset` (-1, the default: all of them); resolves with the new log start offset. */
  deleteRecords(topic: string, partition: number, offset = -1): Promise<DeleteRecordsResponse> {
    return this.transport.request<DeleteRecordsResponse>(
      'POST',
      route`/v1/topics/${topic}/partitions/${partition}/delete-records`,
      { body: { offset } },
    );
  }

  /** kafkajs's deleteTopicRecords: deleteRecords for each partition listed, in order; resolves with each new log start. */
  async deleteTopicRecords({ topic, partitions }: DeleteTopicRecordsOptions): Promise<DeleteRecordsResponse[]> {
    if (partitions.length === 0)
      throw new MiniKafkaError('INVALID_REQUEST', 'deleteTopicRecords needs at least one partition', {
        details: { topic },
      });
    const deleted: DeleteRecordsResponse[] = [];
    for (const { partition, offset } of partitions) deleted.push(await this.deleteRecords(topic, partition, offset));
    return deleted;
  }

  /**
   * kafkajs's listGroups: `{ groups: [{ groupId, state, members, protocolType? }] }`, only those in
   * one of `states` when given (any case; a name that is not a state: INVALID_REQUEST).
   * `protocolType` is there for groups of Kafka clients (`consumer`), absent for the SDK's groups.
   */
  listGroups(options: ListGroupsOptions = {}): Promise<ListGroupsResponse> {
    const states = options.states ?? [];
    return this.transport.request<ListGroupsResponse>('GET', '/v1/groups', {
      query: { state: states.length > 0 ? states.join(',') : undefined },
    });
  }

  /** A group's state, members with their assignments, and committed offsets with lag per partition. */
  describeGroup(groupId: string): Promise<GroupDescription> {
    return this.transport.request<GroupDescription>('GET', route`/v1/groups/${groupId}`);
  }

  /** kafkajs's describeGroups. */
  async describeGroups(groupIds: string[]): Promise<{ groups: GroupDescription[] }> {
    return { groups: await Promise.all(groupIds.map((groupId) => this.describeGroup(groupId))) };
  }

  /** Deletes a group and its committed offsets; NON_EMPTY_GROUP while it has members. */
  deleteGroup(groupId: string): Promise<void> {
    return this.transport.request('DELETE', route`/v1/groups/${groupId}`);
  }

  /** kafkajs's deleteGroups. */
  async deleteGroups(groupIds: string[]): Promise<void> {
    for (const groupId of groupIds) await this.deleteGroup(groupId);
  }

  /** A group's committed offsets, of one topic or of all. Each offset is the next one the group will read. */
  async committed(groupId: string, topic?: string): Promise<CommittedOffset[]> {
    const response = await this.transport.request<CommittedOffsetsResponse>(
      'GET',
      route`/v1/groups/${groupId}/offsets`,
      {
        query: { topic },
      },
    );
    return response.offsets;
  }

  /** kafkajs's fetchOffsets: committed offsets per topic; with `topics`, every partition of each, -1 where none is committed. */
  async fetchOffsets({ groupId, topics }: { groupId: string; topics?: string[] }): Promise<TopicCommittedOffsets[]> {
    const offsets = await this.committed(groupId);
    const names = topics ?? [...new Set(offsets.map((entry) => entry.topic))];
    return Promise.all(
      names.map(async (topic) => {
        const committed = offsets.filter((entry) => entry.topic === topic);
        const partitions =
          topics === undefined ? committed.map((entry) => entry.partition) : await this.partitionsOf(topic);
        return {
          topic,
          partitions: partitions.map((partition) => {
            const entry = committed.find((candidate) => candidate.partition === partition);
            return { partition, offset: entry?.offset ?? -1, metadata: entry?.metadata ?? null };
          }),
        };
      }),
    );
  }

  /** Moves a group's committed offsets of a topic (or one partition) to earliest, latest, an offset or a timestamp. */
  async resetOffsets({ groupId, topic, partition, to, earliest }: ResetOffsetsOptions): Promise<CommittedOffset[]> {
    const target: ResetTarget = to ?? (earliest === true ? 'earliest' : 'latest');
    const response = await this.transport.request<CommittedOffsetsResponse>(
      'POST',
      route`/v1/groups/${groupId}/offsets/reset`,
      {
        body: { topic, ...(partition !== undefined && { partition }), to: target },
      },
    );
    return response.offsets;
  }

  /** kafkajs's setOffsets: sets the committed offset of each partition listed; resolves with the broker's last answer. */
  async setOffsets({ groupId, topic, partitions }: SetOffsetsOptions): Promise<CommittedOffset[]> {
    if (partitions.length === 0)
      throw new MiniKafkaError('INVALID_REQUEST', 'setOffsets needs at least one partition', { details: { topic } });
    let offsets: CommittedOffset[] = [];
    for (const { partition, offset } of partitions) {
      offsets = await this.resetOffsets({ groupId, topic, partition, to: { offset } });
    }
    return offsets;
  }

  /**
   * Deletes a group's committed offsets of a topic (or one partition of it), as Kafka's OffsetDelete;
   * GROUP_SUBSCRIBED_TO_TOPIC while a member reads the topic. Resolves with the offsets the group still has.
   */
  async deleteGroupOffsets({ groupId, topic, partition }: DeleteGroupOffsetsOptions): Promise<CommittedOffset[]> {
    const response = await this.transport.request<CommittedOffsetsResponse>(
      'DELETE',
      route`/v1/groups/${groupId}/offsets`,
      { query: { topic, partition } },
    );
    return response.offsets;
  }

  /** kafkajs's describeCluster: the cluster id, the controller and the broker, with its Kafka listener (null when off). */
  async describeCluster(): Promise<ClusterDescription> {
    const cluster = await this.transport.request<DescribeClusterResponse>('GET', '/v1/cluster');
    return { ...cluster, controller: cluster.controllerId };
  }

  /** The broker's configs under Kafka's names (read-only while it runs). Default: the broker describeCluster names. */
  async describeBrokerConfigs(brokerId?: number): Promise<DescribeConfigsResponse> {
    const id = brokerId ?? (await this.describeCluster()).controllerId;
    return this.transport.request<DescribeConfigsResponse>('GET', route`/v1/brokers/${id}/configs`);
  }

  /** The broker's log directory: its path, size and free space (-1 in memory), and the bytes of each partition. */
  describeLogDirs(): Promise<DescribeLogDirsResponse> {
    return this.transport.request<DescribeLogDirsResponse>('GET', '/v1/log-dirs');
  }

  private async partitionsOf(topic: string): Promise<number[]> {
    return (await this.describeTopic(topic)).partitionDetails.map((detail) => detail.partition);
  }
}
