/**
 * OfflineLog: the stand-in for a partition whose directory could not be opened at all (an
 * unreadable file or directory, an I/O error while recovering it, damaged bytes that could
 * not be kept aside before a cut). Kafka takes such a partition's log dir offline and
 * answers KAFKA_STORAGE_ERROR for it; so does every operation here, while every other
 * partition keeps serving. Its offsets read as -1 (Kafka's "unknown") so that answers which
 * only report them (a Fetch's high watermark, a topic description) still work; its size is 0.
 * Nothing is written and nothing is closed: the directory is left exactly as found, for the
 * broker's next start to try again, or, when it is offline for want of space or file
 * descriptors, for LogManager to open it again once they are freed (offline-reopen.ts).
 */
import type { MiniKafkaError } from '@mini-kafka/protocol/core';
import { ioErrorCode, OUT_OF_FILES_CODES, OUT_OF_SPACE_CODES } from '../fs/io-errors.js';
import type { RecordInput } from '../record-batch/record.js';
import { partitionOffline } from './damage-errors.js';
import { type LogConfig, resolveLogConfig } from './log-config.js';
import type {
  AbortedTransaction,
  AppendResult,
  LogName,
  PartitionLog,
  ProducerAppendOptions,
  ProducerDescription,
  RawReadResult,
  ReadOptions,
  ReadResult,
  TimestampOffset,
  TransactionMarker,
} from './partition-log.js';

/** Why a partition could not be opened, in one line: the error's code and message. */
export function offlineReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const code = (error as NodeJS.ErrnoException).code;
  const text = code !== undefined && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
  return text.slice(0, 300);
}

export class OfflineLog implements PartitionLog {
  readonly logStartOffset = -1;
  readonly logEndOffset = -1;
  readonly highWatermark = -1;
  readonly size = 0;
  readonly segmentCount = 0;
  readonly maxTimestamp = -1;
  readonly lastStableOffset = -1;
  private settings: LogConfig;

  /**
   * @param reason why the partition is offline, one line (`offlineReason`).
   * @param cause what opening it threw.
   */
  constructor(
    private readonly name: LogName,
    readonly reason: string,
    readonly cause: unknown,
    config?: Partial<LogConfig>,
  ) {
    this.settings = resolveLogConfig(config);
  }

  /** The code of a cause that passes (no space, no file descriptors), when that is why it is offline. */
  get passingCause(): string | undefined {
    const code = ioErrorCode(this.cause);
    return code !== undefined && (OUT_OF_SPACE_CODES.has(code) || OUT_OF_FILES_CODES.has(code)) ? code : undefined;
  }

  get config(): LogConfig {
    return this.settings;
  }

  reconfigure(config: Partial<LogConfig>): void {
    this.settings = resolveLogConfig(config);
  }

  /** The KAFKA_STORAGE_ERROR every operation on it answers. */
  error(): MiniKafkaError {
    return partitionOffline(this.name, this.reason, this.passingCause);
  }

  private fail<T>(): Promise<T> {
    return Promise.reject(this.error());
  }

  append(_records: readonly RecordInput[], _producer?: ProducerAppendOptions): Promise<AppendResult> {
    return this.fail();
  }

  appendBatch(_batches: Buffer): Promise<AppendResult> {
    return this.fail();
  }

  read(_offset: number, _options?: ReadOptions): Promise<ReadResult> {
    return this.fail();
  }

  readRaw(_offset: number, _options?: ReadOptions): Promise<RawReadResult> {
    return this.fail();
  }

  appendControl(_marker: TransactionMarker): Promise<AppendResult> {
    return this.fail();
  }

  abortedTransactions(_fetchOffset: number, _upperBoundOffset: number): Promise<AbortedTransaction[]> {
    return this.fail();
  }

  producers(): ProducerDescription[] {
    return [];
  }

  offsetForTimestamp(_timestamp: number): Promise<TimestampOffset | undefined> {
    return this.fail();
  }

  waitForData(): Promise<boolean> {
    return Promise.resolve(false);
  }

  roll(): Promise<void> {
    return this.fail();
  }

  deleteOldSegments(): Promise<number> {
    return Promise.resolve(0);
  }

  deleteRecords(_offset: number): Promise<number> {
    return this.fail();
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
