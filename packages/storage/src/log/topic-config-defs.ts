/**
 * Kafka's topic configs, one definition each: its type, the broker config that sets its
 * default (Kafka's synonym), a line of documentation, and what Mini Kafka does with it:
 * - `honoured`: a `LogConfig` setting; the log acts on it (and on a change, live);
 * - `accepted`: stored and reported, but with one broker and no compaction it changes nothing;
 * - `fixed`: only the value Mini Kafka behaves as is accepted (`cleanup.policy=delete`);
 *   any other value is INVALID_CONFIG, saying why.
 * Names and defaults are Kafka 3.9's; a name not listed here is an unknown config.
 */
import type { ConfigType } from '@mini-kafka/protocol/core';
import type { NumericLogConfigKey } from './log-config.js';

const LONG_MAX = '9223372036854775807';

interface Common {
  name: string;
  type: ConfigType;
  /** The broker config that sets the default, when Kafka has one. */
  brokerName?: string;
  doc: string;
}

export interface HonouredConfig extends Common {
  support: 'honoured';
  field: NumericLogConfigKey;
}

export interface AcceptedConfig extends Common {
  support: 'accepted';
  default: string;
  /** The least value accepted, for numbers. */
  min?: number;
  /** The most, for numbers (defaults to the type's largest). */
  max?: number;
  /** The values accepted, for enumerations. */
  values?: readonly string[];
}

export interface FixedConfig extends Common {
  support: 'fixed';
  /** The one value accepted, which is also the default. */
  default: string;
  /** Why no other value is possible, for the error message. */
  why: string;
  /** The values Kafka itself would accept, so any other one is reported as invalid rather than unsupported. */
  kafkaValues?: readonly string[];
}

export type TopicConfigDef = HonouredConfig | AcceptedConfig | FixedConfig;

const NO_COMPACTION = 'it only matters to log compaction, which Mini Kafka does not do';

export const TOPIC_CONFIG_DEFS: readonly TopicConfigDef[] = [
  {
    name: 'cleanup.policy',
    type: 'LIST',
    brokerName: 'log.cleanup.policy',
    support: 'fixed',
    default: 'delete',
    kafkaValues: ['delete', 'compact', 'compact,delete', 'delete,compact'],
    why: 'log compaction is not implemented; old segments are deleted by retention (delete)',
    doc: 'What happens to old segments: delete (retention.ms, retention.bytes). compact is not supported.',
  },
  {
    name: 'compression.gzip.level',
    type: 'INT',
    brokerName: 'compression.gzip.level',
    support: 'accepted',
    default: '-1',
    min: -1,
    max: 9,
    doc: 'The gzip level when the broker recompresses; batches are stored as produced, so unused.',
  },
  {
    name: 'compression.lz4.level',
    type: 'INT',
    brokerName: 'compression.lz4.level',
    support: 'accepted',
    default: '9',
    min: 1,
    max: 17,
    doc: 'The lz4 level when the broker recompresses; batches are stored as produced, so unused.',
  },
  {
    name: 'compression.type',
    type: 'STRING',
    brokerName: 'compression.type',
    support: 'fixed',
    default: 'producer',
    kafkaValues: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'],
    why: 'batches are stored as the producer compressed them (producer)',
    doc: 'How stored batches are compressed: producer (as the producer sent them). Recompression is not supported.',
  },
  {
    name: 'compression.zstd.level',
    type: 'INT',
    brokerName: 'compression.zstd.level',
    support: 'accepted',
    default: '3',
    min: -131072,
    max: 22,
    doc: 'The zstd level when the broker recompresses; batches are stored as produced, so unused.',
  },
  {
    name: 'delete.retention.ms',
    type: 'LONG',
    brokerName: 'log.cleaner.delete.retention.ms',
    support: 'accepted',
    default: '86400000',
    min: 0,
    doc: `How long tombstones are kept by compaction; ${NO_COMPACTION}.`,
  },
  {
    name: 'file.delete.delay.ms',
    type: 'LONG',
    brokerName: 'log.segment.delete.delay.ms',
    support: 'accepted',
    default: '60000',
    min: 0,
    doc: 'How long a deleted segment lingers; Mini Kafka deletes at once (readers keep an open segment).',
  },
  {
    name: 'flush.messages',
    type: 'LONG',
    brokerName: 'log.flush.interval.messages',
    support: 'accepted',
    default: LONG_MAX,
    min: 1,
    doc: "Records between fsyncs; Mini Kafka's flush policy (always, interval, never) decides instead.",
  },
  {
    name: 'flush.ms',
    type: 'LONG',
    brokerName: 'log.flush.interval.ms',
    support: 'honoured',
    field: 'flushIntervalMs',
    doc: 'Milliseconds between fsyncs under the interval flush policy.',
  },
  {
    name: 'follower.replication.throttled.replicas',
    type: 'LIST',
    brokerName: 'follower.replication.throttled.replicas',
    support: 'accepted',
    default: '',
    doc: 'Replicas whose replication is throttled; there are no followers here.',
  },
  {
    name: 'index.interval.bytes',
    type: 'INT',
    brokerName: 'log.index.interval.bytes',
    support: 'honoured',
    field: 'indexIntervalBytes',
    doc: 'Bytes appended between offset index entries (new segments).',
  },
  {
    name: 'leader.replication.throttled.replicas',
    type: 'LIST',
    brokerName: 'leader.replication.throttled.replicas',
    support: 'accepted',
    default: '',
    doc: 'Replicas whose replication is throttled; there are no followers here.',
  },
  {
    name: 'local.retention.bytes',
    type: 'LONG',
    brokerName: 'log.local.retention.bytes',
    support: 'accepted',
    default: '-2',
    min: -2,
    doc: 'Local retention under tiered storage, which Mini Kafka does not have.',
  },
  {
    name: 'local.retention.ms',
    type: 'LONG',
    brokerName: 'log.local.retention.ms',
    support: 'accepted',
    default: '-2',
    min: -2,
    doc: 'Local retention under tiered storage, which Mini Kafka does not have.',
  },
  {
    name: 'max.compaction.lag.ms',
    type: 'LONG',
    brokerName: 'log.cleaner.max.compaction.lag.ms',
    support: 'accepted',
    default: LONG_MAX,
    min: 1,
    doc: `The longest a record waits for compaction; ${NO_COMPACTION}.`,
  },
  {
    name: 'max.message.bytes',
    type: 'INT',
    brokerName: 'message.max.bytes',
    support: 'honoured',
    field: 'maxBatchBytes',
    doc: 'The largest record batch an append may carry.',
  },
  {
    name: 'message.downconversion.enable',
    type: 'BOOLEAN',
    brokerName: 'log.message.downconversion.enable',
    support: 'accepted',
    default: 'true',
    doc: 'Down-conversion for old consumers; Mini Kafka serves RecordBatch v2 only.',
  },
  {
    name: 'message.timestamp.after.max.ms',
    type: 'LONG',
    brokerName: 'log.message.timestamp.after.max.ms',
    support: 'accepted',
    default: LONG_MAX,
    min: 0,
    doc: "How far a record's timestamp may be ahead of the broker's clock; stored, not enforced.",
  },
  {
    name: 'message.timestamp.before.max.ms',
    type: 'LONG',
    brokerName: 'log.message.timestamp.before.max.ms',
    support: 'accepted',
    default: LONG_MAX,
    min: 0,
    doc: "How far a record's timestamp may be behind the broker's clock; stored, not enforced.",
  },
  {
    name: 'message.timestamp.difference.max.ms',
    type: 'LONG',
    brokerName: 'log.message.timestamp.difference.max.ms',
    support: 'accepted',
    default: LONG_MAX,
    min: 0,
    doc: "Deprecated: how far a record's timestamp may be from the broker's clock; stored, not enforced.",
  },
  {
    name: 'message.timestamp.type',
    type: 'STRING',
    brokerName: 'log.message.timestamp.type',
    support: 'fixed',
    default: 'CreateTime',
    kafkaValues: ['CreateTime', 'LogAppendTime'],
    why: 'records keep the timestamp their producer gave them (CreateTime)',
    doc: "Which timestamp records carry: CreateTime (the producer's). LogAppendTime is not supported.",
  },
  {
    name: 'min.cleanable.dirty.ratio',
    type: 'DOUBLE',
    brokerName: 'log.cleaner.min.cleanable.ratio',
    support: 'accepted',
    default: '0.5',
    min: 0,
    max: 1,
    doc: `How dirty a log must be before compaction; ${NO_COMPACTION}.`,
  },
  {
    name: 'min.compaction.lag.ms',
    type: 'LONG',
    brokerName: 'log.cleaner.min.compaction.lag.ms',
    support: 'accepted',
    default: '0',
    min: 0,
    doc: `The least time a record stays uncompacted; ${NO_COMPACTION}.`,
  },
  {
    name: 'min.insync.replicas',
    type: 'INT',
    brokerName: 'min.insync.replicas',
    support: 'fixed',
    default: '1',
    why: 'one broker holds the only replica, so acks=all waits for exactly one (1)',
    doc: 'Replicas that must have a record for acks=all: 1, the only one.',
  },
  {
    name: 'preallocate',
    type: 'BOOLEAN',
    brokerName: 'log.preallocate',
    support: 'accepted',
    default: 'false',
    doc: 'Preallocate segment files; Mini Kafka grows them as it appends.',
  },
  {
    name: 'remote.storage.enable',
    type: 'BOOLEAN',
    support: 'fixed',
    default: 'false',
    kafkaValues: ['true', 'false'],
    why: 'tiered storage is not implemented (false)',
    doc: 'Tiered storage for the topic: false (not supported).',
  },
  {
    name: 'retention.bytes',
    type: 'LONG',
    brokerName: 'log.retention.bytes',
    support: 'honoured',
    field: 'retentionBytes',
    doc: 'Delete the oldest segments while a partition is larger than this; -1: no limit.',
  },
  {
    name: 'retention.ms',
    type: 'LONG',
    brokerName: 'log.retention.ms',
    support: 'honoured',
    field: 'retentionMs',
    doc: 'Delete segments whose newest record is older than this; -1: keep forever.',
  },
  {
    name: 'segment.bytes',
    type: 'INT',
    brokerName: 'log.segment.bytes',
    support: 'honoured',
    field: 'segmentBytes',
    doc: 'Roll to a new segment before one grows past this size.',
  },
  {
    name: 'segment.index.bytes',
    type: 'INT',
    brokerName: 'log.index.size.max.bytes',
    support: 'accepted',
    default: '10485760',
    min: 4,
    doc: 'The largest offset index file; Mini Kafka sizes indexes to their entries.',
  },
  {
    name: 'segment.jitter.ms',
    type: 'LONG',
    brokerName: 'log.roll.jitter.ms',
    support: 'accepted',
    default: '0',
    min: 0,
    doc: 'Random jitter on segment.ms; Mini Kafka rolls at segment.ms exactly.',
  },
  {
    name: 'segment.ms',
    type: 'LONG',
    brokerName: 'log.roll.ms',
    support: 'honoured',
    field: 'segmentMs',
    doc: 'Roll a segment whose first record is older than this.',
  },
  {
    name: 'unclean.leader.election.enable',
    type: 'BOOLEAN',
    brokerName: 'unclean.leader.election.enable',
    support: 'accepted',
    default: 'false',
    doc: 'Elect an out-of-sync replica as leader; there is only one replica.',
  },
];

const BY_NAME = new Map(TOPIC_CONFIG_DEFS.map((def) => [def.name, def]));

/** The definition of Kafka topic config `name`, or `undefined` for a name Kafka does not have. */
export function topicConfigDef(name: string): TopicConfigDef | undefined {
  return BY_NAME.get(name);
}

/** The Kafka name of a `LogConfig` setting, or `undefined` for one Kafka has not (the flush policy). */
export function kafkaNameOf(field: string): string | undefined {
  return TOPIC_CONFIG_DEFS.find((def) => def.support === 'honoured' && def.field === field)?.name;
}
