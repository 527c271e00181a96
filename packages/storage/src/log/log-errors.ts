/** The typed errors logs raise, each naming the topic, partition, offset or limit involved. */
import { type ErrorDetails, MiniKafkaError } from '@mini-kafka/protocol/core';
import { describeIoError, ioErrorCode } from '../fs/io-errors.js';
import type { BatchProblem } from '../record-batch/batch-check.js';
import type { LogName } from './partition-log.js';

export function describeLog(tp: LogName): string {
  if (tp.topic === undefined) return 'log';
  return tp.partition === undefined ? `topic "${tp.topic}"` : `${tp.topic}-${tp.partition}`;
}

function details(tp: LogName, extra: ErrorDetails = {}): ErrorDetails {
  const base: ErrorDetails = {};
  if (tp.topic !== undefined) base.topic = tp.topic;
  if (tp.partition !== undefined) base.partition = tp.partition;
  return { ...base, ...extra };
}

export function offsetOutOfRange(tp: LogName, offset: number, start: number, end: number): MiniKafkaError {
  return new MiniKafkaError(
    'OFFSET_OUT_OF_RANGE',
    `Offset ${offset} is out of range for ${describeLog(tp)}: valid offsets are ${start} to ${end}`,
    { details: details(tp, { offset, logStartOffset: start, logEndOffset: end }) },
  );
}

/** A read whose segments retention or DeleteRecords deleted under it `attempts` times in a row: retriable. */
export function segmentsDeletedUnderRead(tp: LogName, attempts: number): MiniKafkaError {
  return new MiniKafkaError(
    'KAFKA_STORAGE_ERROR',
    `${describeLog(tp)}: segments were deleted under this read ${attempts} times in a row; try again`,
    { details: details(tp), httpStatus: 503 },
  );
}

export function logClosed(tp: LogName): MiniKafkaError {
  return new MiniKafkaError('KAFKA_STORAGE_ERROR', `${describeLog(tp)} is closed`, { details: details(tp) });
}

export function logFailed(tp: LogName, cause: unknown): MiniKafkaError {
  const code = ioErrorCode(cause);
  return new MiniKafkaError(
    'KAFKA_STORAGE_ERROR',
    `${describeLog(tp)} failed to write or sync: ${describeIoError(code)}; it accepts no appends until that is repaired`,
    { details: details(tp, code === undefined ? {} : { ioError: code }), cause },
  );
}

export function writeFailed(tp: LogName, cause: unknown): MiniKafkaError {
  const code = ioErrorCode(cause);
  return new MiniKafkaError(
    'KAFKA_STORAGE_ERROR',
    `Append to ${describeLog(tp)} failed: ${describeIoError(code)}; nothing was written`,
    { details: details(tp, code === undefined ? {} : { ioError: code }), cause },
  );
}

/** Why an append is refused: a problem `checkBatch` finds, or one of the validator's own rules. */
export type AppendProblem = BatchProblem | 'control-batch' | 'record-offsets' | 'empty';

export function invalidBatch(
  tp: LogName,
  problem: AppendProblem,
  index: number,
  size?: number,
  limit?: number,
): MiniKafkaError {
  const where = `batch ${index} of the append to ${describeLog(tp)}`;
  switch (problem) {
    case 'invalid-size':
      if (size !== undefined && limit !== undefined && size > limit) {
        return new MiniKafkaError('MESSAGE_TOO_LARGE', `The ${where} is ${size} bytes; the limit is ${limit}`, {
          details: details(tp, { size, limit }),
        });
      }
      return new MiniKafkaError('CORRUPT_MESSAGE', `The ${where} has an invalid length`, { details: details(tp) });
    case 'truncated':
      return new MiniKafkaError('CORRUPT_MESSAGE', `The ${where} is truncated`, { details: details(tp) });
    case 'unsupported-magic':
      return new MiniKafkaError('UNSUPPORTED_VERSION', `The ${where} is not RecordBatch v2 (magic 2)`, {
        details: details(tp),
      });
    case 'crc-mismatch':
      return new MiniKafkaError('CORRUPT_MESSAGE', `The ${where} fails its CRC check`, { details: details(tp) });
    case 'invalid-offset-delta':
      return new MiniKafkaError(
        'INVALID_RECORD',
        `The ${where} has a record count that does not match its offset delta`,
        {
          details: details(tp),
        },
      );
    case 'record-offsets':
      return new MiniKafkaError(
        'INVALID_RECORD',
        `The ${where} has records whose count or offset deltas (0, 1, 2, ...) do not match its header`,
        { details: details(tp) },
      );
    case 'control-batch':
      return new MiniKafkaError('INVALID_RECORD', `The ${where} is a control batch, which clients may not produce`, {
        details: details(tp),
      });
    case 'empty':
      return new MiniKafkaError('INVALID_RECORD', `The append to ${describeLog(tp)} holds no records`, {
        details: details(tp),
      });
  }
}

export function corruptStoredBatch(tp: LogName, offset: number): MiniKafkaError {
  return new MiniKafkaError(
    'CORRUPT_MESSAGE',
    `The stored batch at offset ${offset} of ${describeLog(tp)} fails its CRC check and is not returned`,
    // The stored data is bad, not the request: a 500, as for missing offsets (damage-errors.ts).
    { details: details(tp, { offset }), httpStatus: 500 },
  );
}
