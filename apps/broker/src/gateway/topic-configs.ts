/**
 * The /v1 API's topic settings (`segmentBytes`, `retentionMs`, ...) under Kafka's config
 * names, both ways, for a cluster that only knows Kafka's: the storage package's table of
 * honoured configs names each one's field. `flush` has no per-topic Kafka config a gateway
 * could honour: refused, naming the cluster as the place to set durability.
 */
import { MiniKafkaError, type TopicConfig } from '@mini-kafka/protocol';
import { TOPIC_CONFIG_DEFS } from '@mini-kafka/storage';

const FIELDS = new Map(
  TOPIC_CONFIG_DEFS.flatMap((def) => (def.support === 'honoured' ? [[def.field as string, def.name] as const] : [])),
);
const NAMES = new Map([...FIELDS].map(([field, name]) => [name, field]));

/** `config` (the /v1 names) as Kafka configs, merged under `configs` (Kafka's names win). */
export function kafkaConfigs(
  config: TopicConfig | undefined,
  configs: Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(config ?? {})) {
    if (value === undefined) continue;
    const name = FIELDS.get(field);
    if (name === undefined) {
      throw new MiniKafkaError('INVALID_CONFIG', `"${field}" cannot be set through a gateway: the cluster decides it`, {
        details: { config: field },
      });
    }
    out[name] = String(value);
  }
  return { ...out, ...configs };
}

/** The /v1 settings among Kafka configs (those the /v1 API names). */
export function topicConfigOf(
  entries: readonly { name: string; value: string | null }[],
): Partial<Record<string, number>> {
  const config: Partial<Record<string, number>> = {};
  for (const { name, value } of entries) {
    const field = NAMES.get(name);
    if (field !== undefined && value !== null && Number.isFinite(Number(value))) config[field] = Number(value);
  }
  return config;
}
