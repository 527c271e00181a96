/**
 * Per-topic metadata, stored durably as `<dataDir>/<topic>/topic.json`:
 *   { "version": 1, "name": "orders", "topicId": "0b5c…-…", "partitions": 3,
 *     "config": { ...overrides }, "createdAt": 1700000000000 }
 * The file is replaced atomically, and written last when a topic is created, so its
 * presence is the commit point: a topic directory without it was never acknowledged.
 * `topicId` is the topic's stable id (a random UUID, Kafka's topic id), made when the topic
 * is created; files written before ids existed have none, and get one when loaded.
 */
import { MiniKafkaError, topicNameProblem } from '@mini-kafka/protocol';
import { type LogConfig, resolveLogConfig } from './log-config.js';

export const TOPIC_METADATA_FILE = 'topic.json';
export const MAX_PARTITIONS = 10_000;

export interface TopicMetadata {
  name: string;
  /** The topic's stable id: a random (version 4) UUID in its canonical lowercase form. */
  topicId: string;
  partitions: number;
  /** Settings that differ from the manager's defaults. */
  config: Partial<LogConfig>;
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
  const { name, topicId, partitions, config, createdAt } = data as Record<string, unknown>;
  if (topicNameProblem(name) !== undefined || name !== directoryName)
    throw new Error('name does not match its directory');
  checkPartitionCount(partitions, directoryName);
  if (typeof config !== 'object' || config === null) throw new Error('config is not an object');
  resolveLogConfig(config as Partial<LogConfig>);
  if (topicId !== undefined && !isValidTopicId(topicId)) throw new Error('topicId is not a UUID');
  return {
    name: name as string,
    topicId,
    partitions: partitions as number,
    config: config as Partial<LogConfig>,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}
