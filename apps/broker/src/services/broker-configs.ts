/**
 * The broker's own configs under Kafka's names, as DescribeConfigs (resource BROKER) and
 * GET /v1/brokers/{id}/configs report them. All are read-only: they are set when the broker
 * starts (flags, environment, config file). A value that differs from the broker's default
 * is STATIC_BROKER_CONFIG, the rest DEFAULT_CONFIG.
 */
import type { ConfigEntry, ConfigSynonym, ConfigType } from '@mini-kafka/protocol/core';
import type { LogConfig } from '@mini-kafka/storage';
import { type BrokerConfig, brokerConfigSchema } from '../config/broker-config.js';

interface BrokerConfigDef {
  name: string;
  type: ConfigType;
  doc: string;
  /** The value, from the broker's settings and its logs' defaults. */
  value: (config: BrokerConfig, log: LogConfig, node: BrokerNode) => string;
  /** Whether the value was set at startup rather than left at the default. */
  set?: (config: BrokerConfig) => boolean;
}

export interface BrokerNode {
  nodeId: number;
  /** The advertised Kafka listener, when it is on. */
  listener: { host: string; port: number } | undefined;
}

const DEFAULTS = brokerConfigSchema.parse({});
const changed =
  (...keys: (keyof BrokerConfig)[]) =>
  (config: BrokerConfig): boolean =>
    keys.some((key) => config[key] !== DEFAULTS[key]);
const fixed = (value: string) => () => value;

const DEFS: readonly BrokerConfigDef[] = [
  {
    name: 'advertised.listeners',
    type: 'STRING',
    doc: 'Where Kafka clients connect.',
    value: (_c, _l, node) =>
      node.listener === undefined ? '' : `PLAINTEXT://${node.listener.host}:${node.listener.port}`,
    set: changed('advertisedHost', 'kafkaPort'),
  },
  {
    name: 'auto.create.topics.enable',
    type: 'BOOLEAN',
    doc: 'Create a topic on first produce or metadata request.',
    value: (c) => String(c.autoCreateTopics),
    set: changed('autoCreateTopics'),
  },
  { name: 'compression.type', type: 'STRING', doc: 'Batches are stored as produced.', value: fixed('producer') },
  { name: 'default.replication.factor', type: 'INT', doc: 'One broker, one replica.', value: fixed('1') },
  { name: 'delete.topic.enable', type: 'BOOLEAN', doc: 'Topics can be deleted.', value: fixed('true') },
  {
    name: 'fetch.max.bytes',
    type: 'INT',
    doc: 'The most bytes one fetch answers with (the first batch always whole).',
    value: (c) => String(c.fetchMaxBytes),
    set: changed('fetchMaxBytes'),
  },
  {
    name: 'group.initial.rebalance.delay.ms',
    type: 'INT',
    doc: 'How long the first rebalance of an empty group waits for more members.',
    value: (c) => String(c.groupInitialRebalanceDelayMs),
    set: changed('groupInitialRebalanceDelayMs'),
  },
  {
    name: 'transaction.max.timeout.ms',
    type: 'INT',
    doc: 'The longest transaction timeout a transactional producer may ask for.',
    value: (c) => String(c.transactionMaxTimeoutMs),
    set: changed('transactionMaxTimeoutMs'),
  },
  { name: 'log.cleanup.policy', type: 'LIST', doc: 'Old segments are deleted by retention.', value: fixed('delete') },
  {
    name: 'log.dirs',
    type: 'STRING',
    doc: 'The data directory.',
    value: (c) => (c.inMemory ? '' : c.dataDir),
    set: changed('dataDir', 'inMemory'),
  },
  {
    name: 'log.flush.interval.ms',
    type: 'LONG',
    doc: 'Milliseconds between fsyncs under the interval flush policy.',
    value: (_c, log) => String(log.flushIntervalMs),
    set: changed('flushIntervalMs'),
  },
  {
    name: 'log.message.timestamp.type',
    type: 'STRING',
    doc: "Records keep their producer's timestamps.",
    value: fixed('CreateTime'),
  },
  {
    name: 'log.retention.bytes',
    type: 'LONG',
    doc: 'Default retention.bytes of topics.',
    value: (_c, log) => String(log.retentionBytes),
    set: changed('retentionBytes'),
  },
  {
    name: 'log.retention.check.interval.ms',
    type: 'LONG',
    doc: 'How often retention runs.',
    value: (c) => String(c.retentionCheckIntervalMs),
    set: changed('retentionCheckIntervalMs'),
  },
  {
    name: 'log.retention.ms',
    type: 'LONG',
    doc: 'Default retention.ms of topics.',
    value: (_c, log) => String(log.retentionMs),
    set: changed('retentionMs'),
  },
  {
    name: 'log.roll.ms',
    type: 'LONG',
    doc: 'Default segment.ms of topics.',
    value: (_c, log) => String(log.segmentMs),
    set: changed('segmentMs'),
  },
  {
    name: 'log.segment.bytes',
    type: 'INT',
    doc: 'Default segment.bytes of topics.',
    value: (_c, log) => String(log.segmentBytes),
    set: changed('segmentBytes'),
  },
  {
    name: 'message.max.bytes',
    type: 'INT',
    doc: 'Default max.message.bytes of topics: the largest record batch.',
    value: (_c, log) => String(log.maxBatchBytes),
    set: changed('maxMessageBytes'),
  },
  { name: 'min.insync.replicas', type: 'INT', doc: 'One broker, one replica.', value: fixed('1') },
  {
    name: 'node.id',
    type: 'INT',
    doc: "This broker's id.",
    value: (_c, _l, node) => String(node.nodeId),
  },
  {
    name: 'num.partitions',
    type: 'INT',
    doc: 'Partitions of a topic created without a count.',
    value: (c) => String(c.defaultPartitions),
    set: changed('defaultPartitions'),
  },
  { name: 'offsets.topic.replication.factor', type: 'SHORT', doc: 'One broker, one replica.', value: fixed('1') },
  {
    name: 'socket.request.max.bytes',
    type: 'INT',
    doc: 'The largest request accepted.',
    value: (c) => String(c.maxRequestBytes),
    set: changed('maxRequestBytes'),
  },
  { name: 'unclean.leader.election.enable', type: 'BOOLEAN', doc: 'There is one replica.', value: fixed('false') },
];

/** Whether `name` is one of the broker configs reported here. */
export function isBrokerConfig(name: string): boolean {
  return DEFS.some((def) => def.name === name);
}

/** Every broker config with its value, source and synonyms; all read-only. */
export function describeBrokerConfigs(config: BrokerConfig, log: LogConfig, node: BrokerNode): ConfigEntry[] {
  return DEFS.map((def) => {
    const value = def.value(config, log, node);
    const isSet = def.set?.(config) ?? false;
    const synonyms: ConfigSynonym[] = [
      { name: def.name, value, source: isSet ? 'STATIC_BROKER_CONFIG' : 'DEFAULT_CONFIG' },
    ];
    return {
      name: def.name,
      value,
      source: synonyms[0]!.source,
      readOnly: true,
      sensitive: false,
      type: def.type,
      documentation: def.doc,
      synonyms,
    };
  });
}
