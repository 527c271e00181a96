/**
 * Per-topic metadata, stored durably as `<dataDir>/<topic>/topic.json`:
 *   { "version": 1, "name": "orders", "partitions": 3, "config": { ...overrides }, "createdAt": 1700000000000 }
 * The file is replaced atomically, and written last when a topic is created, so its
 * presence is the commit point: a topic directory without it was never acknowledged.
 */
import { MiniKafkaError, topicNameProblem } from '@mini-kafka/protocol';
import { type LogConfig, resolveLogConfig } from './log-config.js';

export const TOPIC_METADATA_FILE = 'topic.json';
export const MAX_PARTITIONS = 10_000;

export interface TopicMetadata {
  name: string;
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

/** Parses topic.json; throws a plain Error saying what is wrong. */
export function parseTopicMetadata(bytes: Buffer, directoryName: string): TopicMetadata {
  const data: unknown = JSON.parse(bytes.toString('utf8'));
  if (typeof data !== 'object' || data === null) throw new Error('not a JSON object');
  const { name, partitions, config, createdAt } = data as Record<string, unknown>;
  if (topicNameProblem(name) !== undefined || name !== directoryName)
    throw new Error('name does not match its directory');
  checkPartitionCount(partitions, directoryName);
  if (typeof config !== 'object' || config === null) throw new Error('config is not an object');
  resolveLogConfig(config as Partial<LogConfig>);
  return {
    name: name as string,
    partitions: partitions as number,
    config: config as Partial<LogConfig>,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}
