/** Kafka's numeric error codes as the Kafka-protocol group API answers them, from the shared error table. */
import { ERROR_CODES, type ErrorType } from '@mini-kafka/protocol/core';

export const NONE = 0;

export function codeOf(type: ErrorType): number {
  return ERROR_CODES[type].code;
}

/** A committed offset's metadata exceeds the limit (per partition). */
export const OFFSET_METADATA_TOO_LARGE = codeOf('OFFSET_METADATA_TOO_LARGE');
/** Another member now holds this group.instance.id. */
export const FENCED_INSTANCE_ID = codeOf('FENCED_INSTANCE_ID');

export const COORDINATOR_NOT_AVAILABLE = codeOf('COORDINATOR_NOT_AVAILABLE');
export const ILLEGAL_GENERATION = codeOf('ILLEGAL_GENERATION');
export const INCONSISTENT_GROUP_PROTOCOL = codeOf('INCONSISTENT_GROUP_PROTOCOL');
export const INVALID_GROUP_ID = codeOf('INVALID_GROUP_ID');
export const UNKNOWN_MEMBER_ID = codeOf('UNKNOWN_MEMBER_ID');
export const INVALID_SESSION_TIMEOUT = codeOf('INVALID_SESSION_TIMEOUT');
export const REBALANCE_IN_PROGRESS = codeOf('REBALANCE_IN_PROGRESS');
export const INVALID_REQUEST = codeOf('INVALID_REQUEST');
export const MEMBER_ID_REQUIRED = codeOf('MEMBER_ID_REQUIRED');
export const UNKNOWN_TOPIC_OR_PARTITION = codeOf('UNKNOWN_TOPIC_OR_PARTITION');
export const INVALID_COMMIT_OFFSET_SIZE = codeOf('INVALID_COMMIT_OFFSET_SIZE');
