/**
 * What the admin handlers share: Kafka's numbers for config resources, sources and types
 * (DescribeConfigs, CreateTopics v5+), the admin service over a handler's context, and the
 * error code and message an item of an answer gets for what was thrown.
 */
import { type ConfigSource, type ConfigType, MiniKafkaError, toMiniKafkaError } from '@mini-kafka/protocol/core';
import { AdminService, type ConfigResource } from '../services/admin-service.js';
import type { KafkaContext } from './kafka-context.js';

/** ConfigResource.Type: what DescribeConfigs and the AlterConfigs APIs name. */
export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;

const SOURCES: Record<ConfigSource, number> = { TOPIC_CONFIG: 1, STATIC_BROKER_CONFIG: 4, DEFAULT_CONFIG: 5 };
const TYPES: Record<ConfigType, number> = {
  BOOLEAN: 1,
  STRING: 2,
  INT: 3,
  SHORT: 4,
  LONG: 5,
  DOUBLE: 6,
  LIST: 7,
  CLASS: 8,
  PASSWORD: 9,
};

export const configSourceCode = (source: ConfigSource): number => SOURCES[source];
export const configTypeCode = (type: ConfigType): number => TYPES[type];

/** The resource a request names; other resource types (broker loggers, groups, ...) are INVALID_REQUEST. */
export function configResource(resourceType: number, resourceName: string): ConfigResource {
  if (resourceType === RESOURCE_TOPIC) return { type: 'topic', name: resourceName };
  if (resourceType === RESOURCE_BROKER) return { type: 'broker', name: resourceName };
  throw new MiniKafkaError(
    'INVALID_REQUEST',
    `Config resource type ${resourceType} is not supported (2 topic, 4 broker)`,
  );
}

export function adminService(ctx: KafkaContext): AdminService {
  return new AdminService(ctx);
}

/** The error code and message of an answer's item for `error`. */
export function failure(error: unknown): { errorCode: number; errorMessage: string } {
  const problem = toMiniKafkaError(error);
  return { errorCode: problem.code, errorMessage: problem.message };
}

/** The names that appear more than once, for Kafka's "duplicate entries" INVALID_REQUEST. */
export function repeated(names: readonly (string | null)[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of names) {
    if (name === null) continue;
    if (seen.has(name)) twice.add(name);
    seen.add(name);
  }
  return twice;
}

export function duplicateEntry(what: string, name: string): MiniKafkaError {
  return new MiniKafkaError('INVALID_REQUEST', `The request names ${what} "${name.slice(0, 249)}" more than once`);
}
