/** Kafka error codes for handler answers, from the one error table in @mini-kafka/protocol. */
import { ERROR_CODES, toMiniKafkaError } from '@mini-kafka/protocol/core';

export const NONE = 0;
export const code = (type: keyof typeof ERROR_CODES): number => ERROR_CODES[type].code;

/** The Kafka error code for anything thrown while serving one partition or topic. */
export function errorCodeOf(error: unknown): number {
  return toMiniKafkaError(error).code;
}
