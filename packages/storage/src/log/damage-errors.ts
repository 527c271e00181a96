/**
 * The errors a damaged partition answers with, each naming the topic, partition and offsets.
 *
 * - Reads that reach offsets missing from the stored log, or a stored batch whose framing
 *   is broken: CORRUPT_MESSAGE, what Kafka answers when a fetch meets a corrupt record
 *   (its CorruptRecordException). Clients do not skip it: the Java consumer throws
 *   "Encountered corrupt message when fetching offset ...", so the application (or an
 *   operator seeking past the range) decides. KAFKA_STORAGE_ERROR would be wrong here: it
 *   is retriable and tells a client to refresh metadata and try again, forever. Over HTTP
 *   it is a 500: the stored data is bad, not the request.
 * - A partition whose directory could not be opened at all: KAFKA_STORAGE_ERROR, what Kafka
 *   answers for a partition on an offline log dir.
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { describeLog } from './log-errors.js';
import type { LogName } from './partition-log.js';

function names(tp: LogName): { topic?: string; partition?: number } {
  return {
    ...(tp.topic === undefined ? {} : { topic: tp.topic }),
    ...(tp.partition === undefined ? {} : { partition: tp.partition }),
  };
}

/** A read at `offset` reached offsets `from` to `to` (inclusive), which the stored log does not have. */
export function missingOffsets(tp: LogName, offset: number, from: number, to: number): MiniKafkaError {
  return new MiniKafkaError(
    'CORRUPT_MESSAGE',
    `Offsets ${from} to ${to} of ${describeLog(tp)} are missing from its stored log (damaged); a read at offset ${offset} cannot go on`,
    { details: { ...names(tp), offset, missingFrom: from, missingTo: to }, httpStatus: 500 },
  );
}

/** A seek by time reached offsets `from` to `to` (inclusive), which the stored log does not have, before its answer. */
export function timeLookupAcrossDamage(tp: LogName, timestamp: number, from: number, to: number): MiniKafkaError {
  return new MiniKafkaError(
    'CORRUPT_MESSAGE',
    `Offsets ${from} to ${to} of ${describeLog(tp)} are missing from its stored log (damaged); a seek by time to ${timestamp} cannot tell whether they hold its answer`,
    { details: { ...names(tp), timestamp, missingFrom: from, missingTo: to }, httpStatus: 500 },
  );
}

/** The stored batch a read at `offset` needs has an impossible length: nothing from there on can be framed. */
export function brokenFraming(tp: LogName, offset: number): MiniKafkaError {
  return new MiniKafkaError(
    'CORRUPT_MESSAGE',
    `The stored log of ${describeLog(tp)} is damaged at offset ${offset}: a batch length is impossible`,
    { details: { ...names(tp), offset }, httpStatus: 500 },
  );
}

/**
 * Every operation on a partition that could not be opened. `ioError`, the code of a cause
 * that passes (ENOSPC, EMFILE, ...), is in the details (507 or 503 over HTTP): such a
 * partition opens again by itself once space or descriptors are freed (offline-reopen.ts).
 */
export function partitionOffline(tp: LogName, reason: string, ioError?: string): MiniKafkaError {
  const remedy = ioError === undefined ? 'restart the broker once it is fixed' : 'it opens again once that is freed';
  return new MiniKafkaError(
    'KAFKA_STORAGE_ERROR',
    `${describeLog(tp)} is offline: its directory could not be opened (${reason}); ${remedy}`,
    { details: ioError === undefined ? names(tp) : { ...names(tp), ioError } },
  );
}
