/**
 * The log validator: the one place that decides whether ready-made RecordBatch bytes may
 * be appended, as Kafka's LogValidator does. Both log implementations run it in
 * `appendBatch`, before any offset is assigned or any byte written, so every producer
 * (the Kafka Produce handler, direct users of the log) meets the same rules and an
 * append is all or nothing. Pure functions over bytes: no I/O, no state, never a change to
 * the bytes checked, so they may run anywhere, concurrently with anything.
 *
 * The batches of an append are checked in order, each rule in the order below; the first
 * broken rule decides the error, which names the batch by its index in the append and,
 * for sizes, the size and the limit (never a payload):
 *
 *   rule                                                                   error
 *    1. the append holds at least one byte                                 INVALID_RECORD
 *    2. 12 bytes (baseOffset, batchLength) are there to frame the batch    CORRUPT_MESSAGE
 *    3. batchLength covers at least a bare header (49)                     CORRUPT_MESSAGE
 *    4. the batch (batchLength + 12) is at most maxBatchBytes              MESSAGE_TOO_LARGE
 *    5. the bytes hold the 61-byte header                                  CORRUPT_MESSAGE
 *    6. magic is 2 (RecordBatch v2; older message sets are refused)        UNSUPPORTED_VERSION
 *    7. the bytes hold the whole batch                                     CORRUPT_MESSAGE
 *    8. the CRC-32C of attributes..end matches                             CORRUPT_MESSAGE
 *    9. lastOffsetDelta >= 0 and 0 <= recordsCount <= lastOffsetDelta + 1  INVALID_RECORD
 *   10. not a control batch (attributes bit 5): clients may not write them INVALID_RECORD
 *   11. uncompressed: exactly recordsCount records with offset deltas
 *       0, 1, 2, ..., filling the batch to its last byte                   INVALID_RECORD
 *
 * Rules 2 to 9 are `checkBatch` (record-batch/batch-check.ts), which recovery and readers
 * share. Compressed batches are not inflated (rule 11 does not apply to them): they are
 * stored and served as sent, and only decoding them checks their records.
 *
 * Records (`append(records)`) are encoded here too, by `encodeForAppend`, into as many
 * batches as needed to keep each under maxBatchBytes. Only rules 1 (no records) and 4 (one
 * record too large for a batch of its own) can fail for them: the encoder cannot break the
 * others, so its bytes are never checked again (no second CRC pass).
 */
import { checkBatch, isControlBatch } from '../record-batch/batch-check.js';
import { batchAttributes, batchSize, COMPRESSION_CODEC_MASK, LOG_OVERHEAD } from '../record-batch/batch-header.js';
import { type EncodeBatchOptions, encodeRecordBatches } from '../record-batch/encode.js';
import type { RecordInput } from '../record-batch/record.js';
import { hasSequentialRecordOffsets } from '../record-batch/record-offsets.js';
import { invalidBatch } from './log-errors.js';
import type { LogName } from './partition-log.js';

/** Checks every batch of an append; throws the typed error of the first broken rule. */
export function validateBatches(tp: LogName, batches: Buffer, maxBatchBytes: number): void {
  if (batches.length === 0) throw invalidBatch(tp, 'empty', 0);
  let position = 0;
  for (let index = 0; position < batches.length; index++) {
    const problem = checkBatch(batches, position, batches.length, maxBatchBytes);
    if (problem !== undefined) {
      const size = batches.length - position >= LOG_OVERHEAD ? batchSize(batches, position) : undefined;
      throw invalidBatch(tp, problem, index, size, maxBatchBytes);
    }
    if (isControlBatch(batches, position)) throw invalidBatch(tp, 'control-batch', index);
    const compressed = (batchAttributes(batches, position) & COMPRESSION_CODEC_MASK) !== 0;
    if (!compressed && !hasSequentialRecordOffsets(batches, position)) {
      throw invalidBatch(tp, 'record-offsets', index);
    }
    position += batchSize(batches, position);
  }
}

/**
 * Encodes the records of one append into batches of at most `maxBatchBytes`, back to back in
 * one buffer, with consecutive offsets. Records without a timestamp get `timestamp`.
 */
export function encodeForAppend(
  tp: LogName,
  records: readonly RecordInput[],
  timestamp: number,
  maxBatchBytes: number,
  producer: Pick<EncodeBatchOptions, 'producerId' | 'producerEpoch' | 'baseSequence'> = {},
): Buffer {
  if (records.length === 0) throw invalidBatch(tp, 'empty', 0);
  const batches = encodeRecordBatches(records, { ...producer, timestamp, maxBatchBytes });
  // Only a batch of one record can be over the limit: read sizes, nothing else.
  let position = 0;
  for (let index = 0; position < batches.length; index++) {
    const size = batchSize(batches, position);
    if (size > maxBatchBytes) throw invalidBatch(tp, 'invalid-size', index, size, maxBatchBytes);
    position += size;
  }
  return batches;
}
