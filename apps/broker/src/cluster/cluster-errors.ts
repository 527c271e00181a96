/**
 * A Kafka error code from a cluster's answer as the MiniKafkaError the HTTP API answers
 * with: Kafka's own name (so its HTTP status, retriable flag and code carry over), or
 * UNKNOWN_SERVER_ERROR for a code this project does not know, keeping the number in the
 * details. The message says what was asked; the cluster's own message is added when given.
 */
import { type ErrorDetails, errorTypeForCode, MiniKafkaError } from '@mini-kafka/protocol';

export function kafkaError(
  code: number,
  message: string,
  details: ErrorDetails = {},
  clusterMessage?: string | null,
): MiniKafkaError {
  const type = errorTypeForCode(code);
  const text = clusterMessage ? `${message}: ${clusterMessage}` : message;
  if (type === undefined)
    return new MiniKafkaError('UNKNOWN_SERVER_ERROR', text, { details: { ...details, kafkaErrorCode: code } });
  return new MiniKafkaError(type, text, { details });
}

/** Throws `kafkaError(...)` unless `code` is 0. */
export function throwIfError(
  code: number,
  message: string,
  details: ErrorDetails = {},
  clusterMessage?: string | null,
): void {
  if (code !== 0) throw kafkaError(code, message, details, clusterMessage);
}

/** Codes after which the cached metadata of a partition is stale: ask again, then retry. */
export const STALE_METADATA_CODES: ReadonlySet<number> = new Set([3, 5, 6, 74, 75]);
/** Codes after which the cached group coordinator is stale: look it up again, then retry. */
export const STALE_COORDINATOR_CODES: ReadonlySet<number> = new Set([14, 15, 16]);
