/**
 * The typed errors of idempotent appends, each naming the partition, the producer id and
 * the numbers that disagree (never a payload). Codes are Kafka's: a producer's retry of a
 * batch it already wrote is not an error at all (it gets the original offsets).
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { describeLog } from './log-errors.js';
import type { LogName } from './partition-log.js';

function details(tp: LogName, producerId: number, extra: Record<string, number> = {}) {
  return {
    ...(tp.topic !== undefined && { topic: tp.topic }),
    ...(tp.partition !== undefined && { partition: tp.partition }),
    producerId,
    ...extra,
  };
}

export function invalidProducerEpoch(tp: LogName, producerId: number, epoch: number, current: number): MiniKafkaError {
  return new MiniKafkaError(
    'INVALID_PRODUCER_EPOCH',
    `Producer ${producerId} wrote to ${describeLog(tp)} with epoch ${epoch}, older than its current epoch ${current}`,
    { details: details(tp, producerId, { producerEpoch: epoch, currentEpoch: current }) },
  );
}

export function outOfOrderSequence(
  tp: LogName,
  producerId: number,
  sequence: number,
  expected: number | undefined,
): MiniKafkaError {
  const wanted = expected === undefined ? 'a new epoch must start at sequence 0' : `expected ${expected}`;
  return new MiniKafkaError(
    'OUT_OF_ORDER_SEQUENCE_NUMBER',
    `Producer ${producerId} sent sequence ${sequence} to ${describeLog(tp)}; ${wanted}`,
    { details: details(tp, producerId, { sequence, ...(expected !== undefined && { expected }) }) },
  );
}

/** A batch whose producer fields break a rule (mixed producers, negative sequence, transactional). */
export function invalidProducerBatch(tp: LogName, index: number, reason: string): MiniKafkaError {
  return new MiniKafkaError('INVALID_RECORD', `Batch ${index} of the append to ${describeLog(tp)} ${reason}`, {
    details: {
      ...(tp.topic !== undefined && { topic: tp.topic }),
      ...(tp.partition !== undefined && { partition: tp.partition }),
    },
  });
}

/** A non-transactional batch from a producer with a transaction open in the partition. */
export function invalidTxnState(tp: LogName, producerId: number): MiniKafkaError {
  return new MiniKafkaError(
    'INVALID_TXN_STATE',
    `Producer ${producerId} wrote a non-transactional batch to ${describeLog(tp)} while its transaction there is open`,
    { details: details(tp, producerId) },
  );
}
