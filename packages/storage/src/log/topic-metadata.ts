/**
 * Per-topic metadata, stored durably as `<dataDir>/<topic>/topic.json`:
 *   { "version": 1, "name": "orders", "topicId": "0b5c…-…", "partitions": 3,
 *     "config": { ...overrides }, "acceptedConfigs": { "preallocate": "true" }, "createdAt": 1700000000000 }
 * The file is replaced atomically, and written last when a topic is created, so its
 * presence is the commit point: a topic directory without it was never acknowledged.
 * `topicId` is the topic's stable id (a random UUID, Kafka's topic id), made when the topic
 * is created; files written before ids existed have none, and get one when loaded.
 * `config` holds the LogConfig settings the topic overrides; `acceptedConfigs` the Kafka
 * topic configs that are stored and reported but change nothing here (topic-config-defs.ts).
 */
import { MiniKafkaError, topicNameProblem } from '@mini-kafka/protocol/core';
import { type LogConfig, resolveLogConfig } from './log-config.js';
import { parseTopicConfigs } from './topic-configs.js';

/** Accepted-only configs as stored: known names, valid values, none the log acts on. */
function checkAcceptedConfigs(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('acceptedConfigs is not an object');
  }
  const entries = Object.entries(value);
  if (entries.some(([, v]) => typeof v !== 'string'))
    throw new Error('acceptedConfigs holds a value that is not a string');
  const parsed = parseTopicConfigs(Object.fromEntries(entries) as Record<string, string>);
  if (Object.keys(parsed.log).length > 0) throw new Error('acceptedConfigs holds a setting of the log');
  return parsed.accepted;
}

export const TOPIC_METADATA_FILE = 'topic.json';
export const MAX_PARTITIONS = 10_000;

export interface TopicMetadata {
  name: string;
  /** The topic's stable id: a random (version 4) UUID in its canonical lowercase form. */
  topicId: string;
  partitions: number;
  /** Settings that differ from the manager's defaults. */
  config: Partial<LogConfig>;
  /** Accepted-only Kafka topic configs set on this topic, by Kafka name. */
  acceptedConfigs: Record<string, string>;
  createdAt: number;
}

export function checkPartitionCount(partitions: unknown, topic: string): number {
  if (
    typeof partitions !== 'number' ||
    !Number.isSafeInteger(partitions) ||
    partitions < 1 ||
    partitions > MAX_PARTITIONS
  ) {
    throw new MiniKafkaError(
      'INVALID_PARTITIONS',
      `Topic "${topic}" needs between 1 and ${MAX_PARTITIONS} partitions`,
      {
        details: { topic, limit: MAX_PARTITIONS },
      },
    );
  }
  return partitions;
}

export function serializeTopicMetadata(metadata: TopicMetadata): Buffer {
  return Buffer.from(`${JSON.stringify({ version: 1, ...metadata }, null, 2)}\n`);
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Kafka reserves the all-zero id (no topic) and 0…01 (its metadata topic). */
const RESERVED_IDS = new Set(['00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000001']);

/** Whether `id` is a usable topic id: a canonical lowercase UUID, not one Kafka reserves. */
export function isValidTopicId(id: unknown): id is string {
  return typeof id === 'string' && UUID_PATTERN.test(id) && !RESERVED_IDS.has(id);
}

/**
 * Parses topic.json; throws a plain Error saying what is wrong. A file without a topic id
 * (written before ids existed) parses with `topicId: undefined`, for the caller to assign one.
 */
export function parseTopicMetadata(
  bytes: Buffer,
  directoryName: string,
): Omit<TopicMetadata, 'topicId'> & { topicId: string | undefined } {
  const data: unknown = JSON.parse(bytes.toString('utf8'));
  if (typeof data !== 'object' || data === null) throw new Error('not a JSON object');
  const { name, topicId, partitions, config, acceptedConfigs = {}, createdAt } = data as Record<string, unknown>;
  if (topicNameProblem(name) !== undefined || name !== directoryName)
    throw new Error('name does not match its directory');
  checkPartitionCount(partitions, directoryName);
  if (typeof config !== 'object' || config === null) throw new Error('config is not an object');
  resolveLogConfig(config as Partial<LogConfig>);
  if (topicId !== undefined && !isValidTopicId(topicId)) throw new Error('topicId is not a UUID');
  const accepted = checkAcceptedConfigs(acceptedConfigs);
  return {
    name: name as string,
    topicId,
    partitions: partitions as number,
    config: config as Partial<LogConfig>,
    acceptedConfigs: accepted,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}
