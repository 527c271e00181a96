/**
 * Per-log settings, with Kafka's names in the comments and Kafka's defaults where they
 * fit a single-node broker. `resolveLogConfig` fills defaults and rejects nonsense
 * with INVALID_CONFIG, so a bad topic config never reaches the disk.
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { BATCH_HEADER_SIZE, LOG_OVERHEAD } from '../record-batch/batch-header.js';

export type FlushPolicy = 'always' | 'interval' | 'never';

export interface LogConfig {
  /** segment.bytes: roll to a new segment before one grows past this. Default 1 GiB. */
  segmentBytes: number;
  /** segment.ms: roll a segment whose first batch is older than this. Default 7 days. */
  segmentMs: number;
  /** retention.ms: delete segments whose newest record is older than this; -1 keeps forever. Default 7 days. */
  retentionMs: number;
  /** retention.bytes: delete oldest segments while the log is larger than this; -1 = no limit. Default -1. */
  retentionBytes: number;
  /** index.interval.bytes: bytes between offset index entries. Default 4096. */
  indexIntervalBytes: number;
  /** max.message.bytes: the largest batch accepted. Default 1 MiB + 12 bytes (LOG_OVERHEAD), as Kafka. */
  maxBatchBytes: number;
  /**
   * When appends reach stable storage. `always`: an append resolves after fdatasync
   * (concurrent appends share one); `interval`: fsync every `flushIntervalMs`; `never`:
   * only on roll and close. Default `always`.
   */
  flush: FlushPolicy;
  /** flush.ms, for the `interval` policy. Default 1000. */
  flushIntervalMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze({
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * DAY_MS,
  retentionMs: 7 * DAY_MS,
  retentionBytes: -1,
  indexIntervalBytes: 4096,
  maxBatchBytes: 1024 * 1024 + LOG_OVERHEAD,
  flush: 'always',
  flushIntervalMs: 1000,
});

/** The largest segment: positions in the offset index are int32. */
export const MAX_SEGMENT_BYTES = 0x7fffffff;

export type NumericLogConfigKey = Exclude<keyof LogConfig, 'flush'>;
export type LogConfigBounds = { min: number; max: number; allowUnlimited?: boolean };

/** The values each numeric setting accepts (and -1 for "no limit" where `allowUnlimited`). */
export const LOG_CONFIG_BOUNDS: Readonly<Record<NumericLogConfigKey, Readonly<LogConfigBounds>>> = {
  segmentBytes: { min: 1024, max: MAX_SEGMENT_BYTES },
  segmentMs: { min: 1, max: Number.MAX_SAFE_INTEGER },
  retentionMs: { min: 0, max: Number.MAX_SAFE_INTEGER, allowUnlimited: true },
  retentionBytes: { min: 0, max: Number.MAX_SAFE_INTEGER, allowUnlimited: true },
  indexIntervalBytes: { min: 0, max: MAX_SEGMENT_BYTES },
  maxBatchBytes: { min: BATCH_HEADER_SIZE, max: MAX_SEGMENT_BYTES },
  flushIntervalMs: { min: 1, max: Number.MAX_SAFE_INTEGER },
};

function invalid(message: string): MiniKafkaError {
  return new MiniKafkaError('INVALID_CONFIG', message);
}

/** Fills defaults into a partial config and checks every value. */
export function resolveLogConfig(
  partial: Partial<LogConfig> = {},
  base: Readonly<LogConfig> = DEFAULT_LOG_CONFIG,
): LogConfig {
  const config: LogConfig = { ...base };
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    if (key === 'flush') {
      if (value !== 'always' && value !== 'interval' && value !== 'never') {
        throw invalid('flush must be one of "always", "interval" or "never"');
      }
      config.flush = value;
      continue;
    }
    const bounds = LOG_CONFIG_BOUNDS[key as NumericLogConfigKey];
    if (bounds === undefined) throw invalid(`Unknown log config "${key.slice(0, 64)}"`);
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(`${key} must be an integer`);
    const unlimited = bounds.allowUnlimited === true && value === -1;
    if (!unlimited && (value < bounds.min || value > bounds.max)) {
      throw invalid(
        `${key} must be between ${bounds.min} and ${bounds.max}${bounds.allowUnlimited ? ', or -1 for no limit' : ''}`,
      );
    }
    (config as unknown as Record<string, number>)[key] = value;
  }
  return config;
}
