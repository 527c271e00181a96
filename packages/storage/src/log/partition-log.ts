/**
 * PartitionLog: what every log implementation offers, the file-backed `Log` and the
 * `MemoryLog` alike, with the types of its answers. One conformance suite
 * (`log-conformance.case.ts`) holds every implementation to the same behaviour.
 */
import type { TopicPartition } from '@mini-kafka/protocol/core';
import type { RecordInput, StoredRecord } from '../record-batch/record.js';
import type { LogConfig } from './log-config.js';

/** Names the log in errors. Both optional: a standalone log may have neither. */
export type LogName = Partial<TopicPartition>;

export interface AppendResult {
  /** Offset assigned to the first record appended. */
  baseOffset: number;
  /** Offset assigned to the last record appended. */
  lastOffset: number;
  /** Records appended. */
  recordCount: number;
  /** The log's clock when the append was written. */
  appendTime: number;
}

/** The idempotent producer writing an `append(records, producer)`: the records get sequences from `baseSequence`. */
export interface ProducerAppendOptions {
  producerId: number;
  producerEpoch: number;
  /** The first record's sequence number; the others follow it (wrapping from 2^31 - 1 to 0). */
  baseSequence: number;
}

export type IsolationLevel = 'read_uncommitted' | 'read_committed';

/** A transaction's end, written by the transaction coordinator into each of its partitions. */
export interface TransactionMarker {
  producerId: number;
  producerEpoch: number;
  /** true: COMMIT marker (control type 1); false: ABORT (control type 0). */
  commit: boolean;
  coordinatorEpoch: number;
}

/** An aborted transaction a read_committed reader must drop: the producer's records from firstOffset on. */
export interface AbortedTransaction {
  producerId: number;
  firstOffset: number;
}

/** One producer as DescribeProducers shows it. */
export interface ProducerDescription {
  producerId: number;
  producerEpoch: number;
  /** -1 when none. */
  lastSequence: number;
  /** -1 when none. */
  lastTimestamp: number;
  coordinatorEpoch: number;
  /** First offset of its ongoing transaction in this partition, -1 when none. */
  currentTxnStartOffset: number;
}

export interface ReadOptions {
  /**
   * read_uncommitted (default): everything below the high watermark. read_committed: only
   * below the last stable offset. Raw reads return control batches (Kafka clients skip them);
   * decoded reads never return control records nor records of aborted transactions.
   */
  isolation?: IsolationLevel;
  /** Byte budget. The first batch is returned whole even when larger. Default 1 MiB. */
  maxBytes?: number;
  /**
   * Most records to return. A raw read ends with the batch holding the last of them (so it
   * may hold a few more); a decoded read returns exactly these. Default: no limit beyond maxBytes.
   */
  maxRecords?: number;
  /**
   * Where a raw read of a file log gets the buffers it reads into: one of exactly `size`
   * bytes (at most READ_WINDOW_BYTES, but for a larger batch). A caller that knows when it is
   * done with the bytes (a socket has taken them) can hand out buffers it reuses; the chunks
   * returned are views of them. Default: new buffers.
   */
  allocate?: (size: number) => Buffer;
}

export interface ReadPosition {
  /** The offset to read from next: after the last record (or batch) returned, or the requested offset. */
  nextOffset: number;
  /** Offsets below this are readable (durable under the flush policy). */
  highWatermark: number;
  logStartOffset: number;
  /** Offsets below this hold no open transaction: min(first offset of every ongoing transaction, highWatermark). */
  lastStableOffset: number;
}

export interface ReadResult extends ReadPosition {
  records: StoredRecord[];
}

export interface RawReadResult extends ReadPosition {
  /**
   * Whole, CRC-checked RecordBatch v2 batches back to back, as chunks that each hold whole
   * batches (none when nothing is there yet). They are views of the buffers the read filled,
   * never gathered into one: written out in order (a socket's writev) they are the batches as
   * stored; `Buffer.concat(chunks)` when one buffer is needed.
   */
  chunks: Buffer[];
  /** The bytes in `chunks` together. */
  size: number;
}

export interface TimestampOffset {
  offset: number;
  timestamp: number;
}

export interface PartitionLog {
  /** The first offset still stored. */
  readonly logStartOffset: number;
  /** The offset the next record appended will get. */
  readonly logEndOffset: number;
  /** Readers see offsets below this: equal to logEndOffset, or, with flush `always`, the last fsynced offset. */
  readonly highWatermark: number;
  /** Bytes stored across all segments. */
  readonly size: number;
  readonly segmentCount: number;
  /** The largest record timestamp stored, or -1 when the log is empty (ListOffsets' MAX_TIMESTAMP). */
  readonly maxTimestamp: number;
  /** min(first offset of every ongoing transaction, highWatermark). Equal to highWatermark without transactions. */
  readonly lastStableOffset: number;

  /**
   * Encodes records and appends them in one write: one batch, or as many as needed to keep
   * each under `maxBatchBytes`, with consecutive offsets. Timestamps default to the log's
   * clock. A record too large for a batch of its own is MESSAGE_TOO_LARGE, and then nothing
   * of the append is written. With `producer`, the batches carry its id, epoch and sequences
   * and go through the same producer checks as `appendBatch` (a retry is answered with the
   * original offsets and writes nothing).
   */
  append(records: readonly RecordInput[], producer?: ProducerAppendOptions): Promise<AppendResult>;
  /**
   * Appends ready-made RecordBatch v2 bytes (one or more whole batches). Every batch is
   * validated first (log-validator.ts: size, magic, CRC, offsets, no control batches), so
   * nothing is written unless all pass; base offsets are patched in place. Batches with a
   * producer id (idempotent producers) are checked against the partition's producer state
   * (producer-append-info.ts): a duplicate of one of the producer's last 5 batches is
   * answered with its original offsets and append time and writes nothing; a stale epoch is
   * INVALID_PRODUCER_EPOCH, a sequence gap OUT_OF_ORDER_SEQUENCE_NUMBER. A transactional batch
   * (attributes bit 4) needs a producer id and a sequence (else INVALID_RECORD) and opens the
   * producer's transaction here if none is open; a non-transactional batch from a producer with
   * an open transaction is INVALID_TXN_STATE.
   */
  appendBatch(batches: Buffer): Promise<AppendResult>;
  /** Decoded records from `offset`. OFFSET_OUT_OF_RANGE outside [logStartOffset, logEndOffset]. */
  read(offset: number, options?: ReadOptions): Promise<ReadResult>;
  /** Raw batch bytes from the batch holding `offset`. Same range rule as `read`. */
  readRaw(offset: number, options?: ReadOptions): Promise<RawReadResult>;
  /** The first record whose timestamp is >= `timestamp`, or `undefined` when there is none. */
  offsetForTimestamp(timestamp: number): Promise<TimestampOffset | undefined>;
  /**
   * Resolves once offset `offset` is readable (below the high watermark; below the last stable
   * offset with read_committed), or after `timeoutMs`.
   */
  waitForData(offset: number, timeoutMs: number, signal?: AbortSignal, isolation?: IsolationLevel): Promise<boolean>;
  /**
   * Writes one control batch (transactional + control bits, one COMMIT/ABORT record, see
   * control-batches.ts) carrying the producer's id and epoch, base sequence -1. Ends the
   * producer's ongoing transaction here, if any: an abort also records an aborted transaction
   * {producerId, firstOffset, lastOffset = the marker's offset} durably (the file log's
   * per-segment .txnindex). An epoch below the producer's is INVALID_PRODUCER_EPOCH (nothing
   * written); a higher one becomes the producer's epoch. A marker for a producer with no
   * ongoing transaction here is still written (as Kafka does).
   */
  appendControl(marker: TransactionMarker): Promise<AppendResult>;
  /**
   * The aborted transactions a read_committed Fetch from `fetchOffset` must return: those whose
   * marker is at or after `fetchOffset` and whose firstOffset is below `upperBoundOffset`, by firstOffset.
   */
  abortedTransactions(fetchOffset: number, upperBoundOffset: number): Promise<AbortedTransaction[]>;
  /** The producers the partition remembers (unexpired), by producer id. */
  producers(): ProducerDescription[];
  /** Starts a new segment now (no effect on an empty active segment). */
  roll(): Promise<void>;
  /**
   * Applies retention; resolves to the number of segments deleted. Never deletes the active
   * segment. Segments wholly below the log start offset go too.
   */
  deleteOldSegments(): Promise<number>;
  /**
   * Kafka's DeleteRecords: moves the log start offset up to `offset` (at most the high
   * watermark, else OFFSET_OUT_OF_RANGE), durably, and deletes the segments wholly below it
   * (rolling first when that is every record). Reads below it are OFFSET_OUT_OF_RANGE from
   * then on; an offset at or below the current start changes nothing. Resolves to the new
   * log start offset.
   */
  deleteRecords(offset: number): Promise<number>;
  /** The settings in force. */
  readonly config: LogConfig;
  /** Applies new settings live: retention, rolling and the batch size limit follow them from now on. */
  reconfigure(config: Partial<LogConfig>): void;
  /** Makes every append so far durable. */
  flush(): Promise<void>;
  /** Waits for pending appends, flushes and closes. Further calls fail. */
  close(): Promise<void>;
}
