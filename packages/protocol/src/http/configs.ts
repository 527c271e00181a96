/**
 * Configs under Kafka's names (`retention.ms`, `cleanup.policy`, ...): how a topic's or the
 * broker's settings are described, and how a topic's are changed. The same shapes answer
 * GET /v1/topics/{topic}/configs and GET /v1/brokers/{id}/configs, and Kafka's
 * DescribeConfigs is encoded from them.
 */
import * as z from 'zod';
import { MAX_CONFIG_NAME_LENGTH, MAX_CONFIG_VALUE_LENGTH, MAX_CONFIGS_PER_REQUEST } from './limits.js';

/** Where a value comes from, as Kafka's DescribeConfigs names it. */
export type ConfigSource = 'TOPIC_CONFIG' | 'STATIC_BROKER_CONFIG' | 'DEFAULT_CONFIG';
/** A config's type, as Kafka's DescribeConfigs (v3+) names it. */
export type ConfigType = 'BOOLEAN' | 'STRING' | 'INT' | 'SHORT' | 'LONG' | 'DOUBLE' | 'LIST' | 'CLASS' | 'PASSWORD';

export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: ConfigSource;
}

export interface ConfigEntry {
  /** Kafka's name, e.g. `retention.ms`. */
  name: string;
  /** The value in force, as Kafka writes it (`604800000`, `delete`, `true`); null for a sensitive one. */
  value: string | null;
  source: ConfigSource;
  /** True for what cannot be changed here (every broker config). */
  readOnly: boolean;
  sensitive: boolean;
  type: ConfigType;
  /** What it does, and what Mini Kafka does with it. */
  documentation: string;
  /** Where the value could come from, the one in force first: the topic's, the broker's, the default. */
  synonyms: ConfigSynonym[];
}

export interface DescribeConfigsResponse {
  resource: { type: 'topic' | 'broker'; name: string };
  configs: ConfigEntry[];
}

export const configName = z.string().min(1).max(MAX_CONFIG_NAME_LENGTH);
/** A value as JSON gives it: strings as they are, numbers and booleans written as Kafka would. */
export const configValue = z
  .union([z.string().max(MAX_CONFIG_VALUE_LENGTH), z.number(), z.boolean()])
  .transform((value) => String(value));

/**
 * PATCH /v1/topics/{topic}/configs: Kafka's IncrementalAlterConfigs. `set` gives configs new
 * values, `delete` returns them to the broker's default; the rest keep theirs. With
 * `validateOnly`, the answer is the same and nothing changes.
 */
export const alterConfigsRequest = z
  .strictObject({
    set: z.record(configName, configValue).default({}),
    delete: z.array(configName).max(MAX_CONFIGS_PER_REQUEST).default([]),
    validateOnly: z.boolean().default(false),
  })
  .check((ctx) => {
    const names = [...Object.keys(ctx.value.set), ...ctx.value.delete];
    if (names.length > MAX_CONFIGS_PER_REQUEST) {
      ctx.issues.push({ code: 'custom', message: `At most ${MAX_CONFIGS_PER_REQUEST} configs`, input: ctx.value });
    }
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice !== undefined) {
      ctx.issues.push({
        code: 'custom',
        message: `Config "${twice.slice(0, 64)}" is named more than once`,
        input: ctx.value,
      });
    }
  });
export type AlterConfigsRequest = z.input<typeof alterConfigsRequest>;
