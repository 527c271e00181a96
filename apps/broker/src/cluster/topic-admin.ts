/**
 * Topic administration on a cluster, in the /v1 API's shapes: list and describe topics
 * (Metadata, and ListOffsets for each partition's start, end and last stable offset),
 * create (CreateTopics, validate-only too), delete, add partitions, describe and alter
 * configs (DescribeConfigs, IncrementalAlterConfigs) and delete records. Refusals are the
 * cluster's own codes as MiniKafkaErrors, so the HTTP answers name Kafka's errors.
 */
import {
  CreatePartitions,
  CreateTopics,
  DeleteRecords,
  DeleteTopics,
  DescribeConfigs,
  IncrementalAlterConfigs,
} from '@mini-kafka/kafka-protocol';
import { type ConfigEntry, MiniKafkaError } from '@mini-kafka/protocol';
import type { ClusterClient } from './cluster-client.js';
import { throwIfError } from './cluster-errors.js';
import { listOffset } from './partition-io.js';

const TOPIC_RESOURCE = 2;
const ADMIN_TIMEOUT_MS = 30_000;
/** Kafka's config sources (DescribeConfigs v1+) as the /v1 API names them; dynamic broker configs read as broker ones. */
const SOURCES: Record<number, ConfigEntry['source']> = {
  1: 'TOPIC_CONFIG',
  2: 'STATIC_BROKER_CONFIG',
  3: 'STATIC_BROKER_CONFIG',
  4: 'STATIC_BROKER_CONFIG',
  5: 'DEFAULT_CONFIG',
  6: 'STATIC_BROKER_CONFIG',
};
const TYPES = ['STRING', 'BOOLEAN', 'STRING', 'INT', 'SHORT', 'LONG', 'DOUBLE', 'LIST', 'CLASS', 'PASSWORD'] as const;

export interface ClusterTopic {
  name: string;
  topicId: string | null;
  partitions: number;
  internal: boolean;
}

export interface ClusterPartition {
  partition: number;
  leader: number;
  logStartOffset: number;
  highWatermark: number;
  lastStableOffset: number;
}

function unknownTopic(topic: string): MiniKafkaError {
  return new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${topic}" does not exist`, { details: { topic } });
}

/** Every topic but the cluster's internal ones, by name. */
export async function listTopics(client: ClusterClient): Promise<ClusterTopic[]> {
  const metadata = await client.metadata(undefined, { refresh: true });
  return [...metadata.topics.values()]
    .filter((topic) => !topic.internal && !topic.name.startsWith('__'))
    .map((topic) => ({
      name: topic.name,
      topicId: topic.topicId,
      partitions: topic.partitions.length,
      internal: false,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The topic, or UNKNOWN_TOPIC_OR_PARTITION. */
export async function requireTopic(client: ClusterClient, topic: string, refresh = false): Promise<ClusterTopic> {
  const found = (await client.metadata([topic], { refresh })).topics.get(topic);
  if (found === undefined) throw unknownTopic(topic);
  return { name: found.name, topicId: found.topicId, partitions: found.partitions.length, internal: found.internal };
}

/** Each partition's leader, start, end (high watermark) and last stable offset. */
export async function describeTopicPartitions(client: ClusterClient, topic: string): Promise<ClusterPartition[]> {
  const found = (await client.metadata([topic], { refresh: true })).topics.get(topic);
  if (found === undefined) throw unknownTopic(topic);
  return Promise.all(
    found.partitions.map(async ({ partition, leader }) => {
      const [start, end, stable] = await Promise.all([
        listOffset(client, topic, partition, -2),
        listOffset(client, topic, partition, -1),
        listOffset(client, topic, partition, -1, 'read_committed'),
      ]);
      return {
        partition,
        leader,
        logStartOffset: start.offset,
        highWatermark: end.offset,
        lastStableOffset: stable.offset,
      };
    }),
  );
}

export interface NewClusterTopic {
  name: string;
  partitions?: number;
  replicationFactor?: number;
  configs?: Readonly<Record<string, string>>;
}

export interface CreatedClusterTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs: { name: string; value: string | null }[];
}

export async function createTopic(
  client: ClusterClient,
  topic: NewClusterTopic,
  validateOnly = false,
): Promise<CreatedClusterTopic> {
  const answer = await client.send(
    CreateTopics,
    {
      topics: [
        {
          name: topic.name,
          numPartitions: topic.partitions ?? -1,
          replicationFactor: topic.replicationFactor ?? -1,
          assignments: [],
          configs: Object.entries(topic.configs ?? {}).map(([name, value]) => ({ name, value })),
        },
      ],
      timeoutMs: ADMIN_TIMEOUT_MS,
      validateOnly,
    },
    { kind: 'controller' },
    { minVersion: 4 },
  );
  const result = answer.topics[0];
  if (result === undefined) throw unknownTopic(topic.name);
  throwIfError(result.errorCode, `Creating topic "${topic.name}"`, { topic: topic.name }, result.errorMessage);
  client.invalidate(topic.name);
  return {
    name: topic.name,
    partitions: result.numPartitions > 0 ? result.numPartitions : (topic.partitions ?? -1),
    replicationFactor: result.replicationFactor > 0 ? result.replicationFactor : (topic.replicationFactor ?? -1),
    configs: (result.configs ?? []).map(({ name, value }) => ({ name, value })),
  };
}

export async function deleteTopic(client: ClusterClient, name: string): Promise<void> {
  const answer = await client.send(
    DeleteTopics,
    (version) =>
      version >= 6
        ? { topics: [{ name }], topicNames: [], timeoutMs: ADMIN_TIMEOUT_MS }
        : { topics: [], topicNames: [name], timeoutMs: ADMIN_TIMEOUT_MS },
    { kind: 'controller' },
  );
  const result = answer.responses[0];
  if (result !== undefined)
    throwIfError(result.errorCode, `Deleting topic "${name}"`, { topic: name }, result.errorMessage);
  client.invalidate(name);
}

/** Grows the topic to `count` partitions in all. */
export async function createPartitions(
  client: ClusterClient,
  topic: string,
  count: number,
  validateOnly = false,
): Promise<void> {
  const answer = await client.send(
    CreatePartitions,
    { topics: [{ name: topic, count, assignments: null }], timeoutMs: ADMIN_TIMEOUT_MS, validateOnly },
    { kind: 'controller' },
  );
  const result = answer.results[0];
  if (result !== undefined)
    throwIfError(result.errorCode, `Adding partitions to "${topic}"`, { topic }, result.errorMessage);
  client.invalidate(topic);
}

/** The topic's configs in the /v1 API's shape (with synonyms when the cluster gives them). */
export async function describeTopicConfigs(client: ClusterClient, topic: string): Promise<ConfigEntry[]> {
  const answer = await client.send(
    DescribeConfigs,
    {
      resources: [{ resourceType: TOPIC_RESOURCE, resourceName: topic, configurationKeys: null }],
      includeSynonyms: true,
      includeDocumentation: true,
    },
    { kind: 'any' },
  );
  const result = answer.results[0];
  if (result === undefined) throw unknownTopic(topic);
  throwIfError(result.errorCode, `Describing the configs of "${topic}"`, { topic }, result.errorMessage);
  return result.configs
    .map((config) => ({
      name: config.name,
      value: config.isSensitive ? null : config.value,
      source: SOURCES[config.configSource] ?? 'DEFAULT_CONFIG',
      readOnly: config.readOnly,
      sensitive: config.isSensitive,
      type: TYPES[config.configType] ?? 'STRING',
      documentation: config.documentation ?? '',
      synonyms: config.synonyms.map((synonym) => ({
        name: synonym.name,
        value: config.isSensitive ? null : synonym.value,
        source: SOURCES[synonym.source] ?? 'DEFAULT_CONFIG',
      })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name)) as ConfigEntry[];
}

/** Sets and deletes topic configs (IncrementalAlterConfigs: SET 0, DELETE 1). */
export async function alterTopicConfigs(
  client: ClusterClient,
  topic: string,
  set: Readonly<Record<string, string>>,
  remove: readonly string[],
  validateOnly = false,
): Promise<void> {
  const configs = [
    ...Object.entries(set).map(([name, value]) => ({ name, configOperation: 0, value })),
    ...remove.map((name) => ({ name, configOperation: 1, value: null })),
  ];
  const answer = await client.send(
    IncrementalAlterConfigs,
    { resources: [{ resourceType: TOPIC_RESOURCE, resourceName: topic, configs }], validateOnly },
    { kind: 'any' },
  );
  const result = answer.responses[0];
  if (result !== undefined)
    throwIfError(result.errorCode, `Changing the configs of "${topic}"`, { topic }, result.errorMessage);
}

/** Deletes the records before `offset` (-1: all); answers the partition's new start. */
export async function deleteRecords(
  client: ClusterClient,
  topic: string,
  partition: number,
  offset: number,
): Promise<number> {
  const answer = await client.send(
    DeleteRecords,
    { topics: [{ name: topic, partitions: [{ partitionIndex: partition, offset }] }], timeoutMs: ADMIN_TIMEOUT_MS },
    { kind: 'leader', topic, partition },
  );
  const result = answer.topics[0]?.partitions[0];
  if (result === undefined) throw unknownTopic(topic);
  throwIfError(result.errorCode, `Deleting records of ${topic}-${partition}`, { topic, partition });
  return result.lowWatermark;
}
