/**
 * A topic's configs under Kafka's names (definitions in topic-config-defs.ts): parsing and
 * checking the strings Kafka's admin APIs carry, the changes of IncrementalAlterConfigs
 * (operation by operation) and AlterConfigs, and the description DescribeConfigs answers with. A topic keeps
 * two kinds of override: `LogConfig` settings the log acts on, and accepted-only configs,
 * by Kafka name, that are stored and reported. Every refusal is INVALID_CONFIG naming the
 * config, never a value longer than a short excerpt.
 */
import {
  type ConfigEntry,
  type ConfigSynonym,
  MAX_CONFIG_VALUE_LENGTH,
  MiniKafkaError,
} from '@mini-kafka/protocol/core';
import { DEFAULT_LOG_CONFIG, LOG_CONFIG_BOUNDS, type LogConfig } from './log-config.js';
import { kafkaNameOf, TOPIC_CONFIG_DEFS, type TopicConfigDef, topicConfigDef } from './topic-config-defs.js';

/** A topic's overrides of the broker's defaults. */
export interface TopicConfigOverrides {
  /** Settings the log acts on. */
  log: Partial<LogConfig>;
  /** Accepted-only configs, by Kafka name, as normalized strings. */
  accepted: Record<string, string>;
}

/** One change of IncrementalAlterConfigs. APPEND and SUBTRACT apply to list configs only. */
export interface ConfigOp {
  name: string;
  op: 'SET' | 'DELETE' | 'APPEND' | 'SUBTRACT';
  value: string | null;
}

/**
 * A change of a topic's Kafka configs: `ops` changes the configs it names
 * (IncrementalAlterConfigs); `replace` sets exactly these, and every other Kafka config
 * goes back to its default (AlterConfigs).
 */
export type TopicConfigChange = { ops: readonly ConfigOp[] } | { replace: Readonly<Record<string, string | null>> };

const INT32 = { min: -2147483648, max: 2147483647 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

function invalid(message: string): MiniKafkaError {
  return new MiniKafkaError('INVALID_CONFIG', message);
}

const excerpt = (text: string): string => (text.length > 64 ? `${text.slice(0, 64)}…` : text);

function invalidValue(def: TopicConfigDef, value: string, problem: string): MiniKafkaError {
  return invalid(`Invalid value "${excerpt(value)}" for topic config ${def.name}: ${problem}`);
}

function requireDef(name: string): TopicConfigDef {
  const def = topicConfigDef(name);
  if (def === undefined) throw invalid(`Unknown topic config name: ${excerpt(name)}`);
  return def;
}

/** A whole number in [min, max], or the problem with `text`. */
function parseInteger(text: string, type: 'INT' | 'LONG', min?: number, max?: number | bigint): bigint | string {
  if (!/^-?\d{1,20}$/.test(text)) return `not a number of type ${type}`;
  const value = BigInt(text);
  const range = type === 'INT' ? { min: BigInt(INT32.min), max: BigInt(INT32.max) } : INT64;
  const low = min === undefined ? range.min : BigInt(min);
  const high = max === undefined ? range.max : BigInt(max);
  if (value < low || value > high) return `must be between ${low} and ${high}`;
  return value;
}

/**
 * The most a honoured config's text may say. A LONG whose bound is the largest safe
 * integer takes any value up to Kafka's Long.MAX_VALUE (Kafka's "never", the default of
 * `flush.ms` and `flush.messages`, which tools copy back when they alter configs): the log
 * acts on the bound, thousands of years in milliseconds, and the text is kept as given.
 */
function beyondSafe(def: TopicConfigDef, max: number): bigint | number {
  return def.type === 'LONG' && max === Number.MAX_SAFE_INTEGER ? INT64.max : max;
}

/** A honoured setting as Kafka says it: the bound that stands for Long.MAX_VALUE is said as Long.MAX_VALUE. */
function reported(def: TopicConfigDef, value: number): string {
  return def.type === 'LONG' && value === Number.MAX_SAFE_INTEGER ? String(INT64.max) : String(value);
}

/** The normalized string stored for `raw`, or INVALID_CONFIG. Honoured configs also give their number. */
function checkValue(def: TopicConfigDef, raw: string): { text: string; number?: number } {
  if (raw.length > MAX_CONFIG_VALUE_LENGTH) {
    throw invalid(`The value of topic config ${def.name} is longer than ${MAX_CONFIG_VALUE_LENGTH} characters`);
  }
  const text = raw.trim();
  if (def.support === 'fixed') {
    const normalized =
      def.type === 'LIST'
        ? text
            .split(',')
            .map((item) => item.trim())
            .join(',')
        : text;
    if (normalized === def.default) return { text: def.default };
    throw invalid(`Topic config ${def.name}=${excerpt(text)} is not supported: ${def.why}`);
  }
  if (def.support === 'honoured') {
    const bounds = LOG_CONFIG_BOUNDS[def.field];
    if (bounds.allowUnlimited === true && text === '-1') return { text, number: -1 };
    const parsed = parseInteger(text, def.type === 'INT' ? 'INT' : 'LONG', bounds.min, beyondSafe(def, bounds.max));
    if (typeof parsed === 'string') {
      throw invalidValue(def, text, bounds.allowUnlimited === true ? `${parsed}, or -1 for no limit` : parsed);
    }
    return { text: String(parsed), number: parsed > BigInt(bounds.max) ? bounds.max : Number(parsed) };
  }
  switch (def.type) {
    case 'INT':
    case 'LONG': {
      const parsed = parseInteger(text, def.type, def.min, def.max);
      if (typeof parsed === 'string') throw invalidValue(def, text, parsed);
      return { text: String(parsed) };
    }
    case 'BOOLEAN': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw invalidValue(def, text, 'must be true or false');
      return { text: lower };
    }
    case 'DOUBLE': {
      const number = text === '' ? Number.NaN : Number(text);
      const low = def.min ?? -Number.MAX_VALUE;
      const high = def.max ?? Number.MAX_VALUE;
      if (!Number.isFinite(number) || number < low || number > high) {
        throw invalidValue(def, text, `must be a number between ${low} and ${high}`);
      }
      return { text: String(number) };
    }
    case 'LIST':
      return { text: listItems(text).join(',') };
    default:
      if (def.values !== undefined && !def.values.includes(text)) {
        throw invalidValue(def, text, `must be one of ${def.values.join(', ')}`);
      }
      return { text };
  }
}

function listItems(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * Parses configs given under Kafka's names (CreateTopics, AlterConfigs): each must be a
 * known topic config with a valid value. A null value is INVALID_CONFIG, as in Kafka.
 */
export function parseTopicConfigs(configs: Readonly<Record<string, string | null>>): TopicConfigOverrides {
  const overrides: TopicConfigOverrides = { log: {}, accepted: {} };
  for (const [name, value] of Object.entries(configs)) {
    const def = requireDef(name);
    if (value === null) throw invalid(`Null value not supported for topic config ${def.name}`);
    const checked = checkValue(def, value);
    if (def.support === 'honoured') overrides.log[def.field] = checked.number!;
    else overrides.accepted[def.name] = checked.text;
  }
  return overrides;
}

/** A topic's overrides under Kafka's names, as strings (settings without a Kafka name left out). */
export function kafkaOverrides(overrides: TopicConfigOverrides): Record<string, string> {
  const named: Record<string, string> = {};
  for (const [field, value] of Object.entries(overrides.log)) {
    const name = kafkaNameOf(field);
    if (name !== undefined && value !== undefined) named[name] = String(value);
  }
  return { ...named, ...overrides.accepted };
}

/**
 * The overrides after IncrementalAlterConfigs' operations, in order: SET a value, DELETE
 * (back to the default), APPEND to or SUBTRACT from a list. The result still needs
 * `parseTopicConfigs`, which checks every value.
 */
export function applyConfigOps(
  current: Readonly<Record<string, string>>,
  ops: readonly ConfigOp[],
): Record<string, string> {
  const next = { ...current };
  for (const { name, op, value } of ops) {
    const def = requireDef(name);
    if (op === 'DELETE') {
      delete next[def.name];
      continue;
    }
    if (value === null) throw invalid(`Null value not supported for topic config ${def.name}`);
    if (op === 'SET') {
      next[def.name] = value;
      continue;
    }
    if (def.type !== 'LIST') {
      throw invalid(
        `Config value ${op === 'APPEND' ? 'append' : 'subtract'} is not allowed for config key: ${def.name}`,
      );
    }
    const items = listItems(next[def.name] ?? (def.support === 'honoured' ? '' : def.default));
    const changes = listItems(value);
    const result =
      op === 'APPEND'
        ? [...items, ...changes.filter((item) => !items.includes(item))]
        : items.filter((item) => !changes.includes(item));
    next[def.name] = result.join(',');
  }
  return next;
}

/**
 * A topic's overrides after `change`, every value checked (any unknown config or invalid
 * value is INVALID_CONFIG). Settings without a Kafka name (the flush policy) keep their values.
 */
export function changeTopicConfigs(current: TopicConfigOverrides, change: TopicConfigChange): TopicConfigOverrides {
  const named = 'ops' in change ? applyConfigOps(kafkaOverrides(current), change.ops) : change.replace;
  const parsed = parseTopicConfigs(named);
  const unnamed = Object.entries(current.log).filter(([field]) => kafkaNameOf(field) === undefined);
  return { log: { ...Object.fromEntries(unnamed), ...parsed.log }, accepted: parsed.accepted };
}

/**
 * Every topic config as DescribeConfigs reports it: the value in force and its source (the
 * topic's override; the broker's setting where it differs from Kafka's default; the
 * default), with its synonyms, most specific first.
 */
export function describeTopicConfigs(overrides: TopicConfigOverrides, defaults: Readonly<LogConfig>): ConfigEntry[] {
  return TOPIC_CONFIG_DEFS.map((def): ConfigEntry => {
    const synonyms: ConfigSynonym[] = [];
    const brokerName = def.brokerName ?? def.name;
    if (def.support === 'honoured') {
      const topicValue = overrides.log[def.field];
      if (topicValue !== undefined)
        synonyms.push({ name: def.name, value: reported(def, topicValue), source: 'TOPIC_CONFIG' });
      if (defaults[def.field] !== DEFAULT_LOG_CONFIG[def.field]) {
        synonyms.push({ name: brokerName, value: reported(def, defaults[def.field]), source: 'STATIC_BROKER_CONFIG' });
      }
      synonyms.push({
        name: brokerName,
        value: reported(def, DEFAULT_LOG_CONFIG[def.field]),
        source: 'DEFAULT_CONFIG',
      });
    } else {
      const topicValue = overrides.accepted[def.name];
      if (topicValue !== undefined) synonyms.push({ name: def.name, value: topicValue, source: 'TOPIC_CONFIG' });
      synonyms.push({ name: brokerName, value: def.default, source: 'DEFAULT_CONFIG' });
    }
    const inForce = synonyms[0]!;
    return {
      name: def.name,
      value: inForce.value,
      source: inForce.source,
      readOnly: false,
      sensitive: false,
      type: def.type,
      documentation: def.doc,
      synonyms,
    };
  });
}
