/**
 * The error table: every error Mini Kafka reports, as data.
 *
 * `code` is Kafka's own numeric error code (the one a Kafka client would see on the
 * wire), `httpStatus` the status the HTTP API answers with, `retriable` whether a
 * client may simply try again. Names are Kafka's. Errors are not retriable unless
 * the table says so.
 */
export const ERROR_CODES = {
  UNKNOWN_SERVER_ERROR: { code: -1, httpStatus: 500, retriable: false },
  OFFSET_OUT_OF_RANGE: { code: 1, httpStatus: 416, retriable: false },
  CORRUPT_MESSAGE: { code: 2, httpStatus: 400, retriable: true },
  UNKNOWN_TOPIC_OR_PARTITION: { code: 3, httpStatus: 404, retriable: true },
  INVALID_FETCH_SIZE: { code: 4, httpStatus: 400, retriable: false },
  LEADER_NOT_AVAILABLE: { code: 5, httpStatus: 503, retriable: true },
  NOT_LEADER_OR_FOLLOWER: { code: 6, httpStatus: 503, retriable: true },
  REQUEST_TIMED_OUT: { code: 7, httpStatus: 504, retriable: true },
  BROKER_NOT_AVAILABLE: { code: 8, httpStatus: 503, retriable: true },
  MESSAGE_TOO_LARGE: { code: 10, httpStatus: 413, retriable: false },
  OFFSET_METADATA_TOO_LARGE: { code: 12, httpStatus: 400, retriable: false },
  COORDINATOR_LOAD_IN_PROGRESS: { code: 14, httpStatus: 503, retriable: true },
  COORDINATOR_NOT_AVAILABLE: { code: 15, httpStatus: 503, retriable: true },
  NOT_COORDINATOR: { code: 16, httpStatus: 503, retriable: true },
  INVALID_TOPIC_EXCEPTION: { code: 17, httpStatus: 400, retriable: false },
  RECORD_LIST_TOO_LARGE: { code: 18, httpStatus: 413, retriable: false },
  INVALID_REQUIRED_ACKS: { code: 21, httpStatus: 400, retriable: false },
  ILLEGAL_GENERATION: { code: 22, httpStatus: 409, retriable: false },
  INCONSISTENT_GROUP_PROTOCOL: { code: 23, httpStatus: 409, retriable: false },
  INVALID_GROUP_ID: { code: 24, httpStatus: 400, retriable: false },
  UNKNOWN_MEMBER_ID: { code: 25, httpStatus: 409, retriable: false },
  INVALID_SESSION_TIMEOUT: { code: 26, httpStatus: 400, retriable: false },
  REBALANCE_IN_PROGRESS: { code: 27, httpStatus: 409, retriable: false },
  INVALID_COMMIT_OFFSET_SIZE: { code: 28, httpStatus: 400, retriable: false },
  TOPIC_AUTHORIZATION_FAILED: { code: 29, httpStatus: 403, retriable: false },
  GROUP_AUTHORIZATION_FAILED: { code: 30, httpStatus: 403, retriable: false },
  CLUSTER_AUTHORIZATION_FAILED: { code: 31, httpStatus: 403, retriable: false },
  INVALID_TIMESTAMP: { code: 32, httpStatus: 400, retriable: false },
  UNSUPPORTED_SASL_MECHANISM: { code: 33, httpStatus: 400, retriable: false },
  ILLEGAL_SASL_STATE: { code: 34, httpStatus: 400, retriable: false },
  UNSUPPORTED_VERSION: { code: 35, httpStatus: 400, retriable: false },
  TOPIC_ALREADY_EXISTS: { code: 36, httpStatus: 409, retriable: false },
  INVALID_PARTITIONS: { code: 37, httpStatus: 400, retriable: false },
  INVALID_REPLICATION_FACTOR: { code: 38, httpStatus: 400, retriable: false },
  INVALID_REPLICA_ASSIGNMENT: { code: 39, httpStatus: 400, retriable: false },
  INVALID_CONFIG: { code: 40, httpStatus: 400, retriable: false },
  NOT_CONTROLLER: { code: 41, httpStatus: 503, retriable: true },
  INVALID_REQUEST: { code: 42, httpStatus: 400, retriable: false },
  UNSUPPORTED_FOR_MESSAGE_FORMAT: { code: 43, httpStatus: 400, retriable: false },
  POLICY_VIOLATION: { code: 44, httpStatus: 400, retriable: false },
  OUT_OF_ORDER_SEQUENCE_NUMBER: { code: 45, httpStatus: 409, retriable: false },
  DUPLICATE_SEQUENCE_NUMBER: { code: 46, httpStatus: 409, retriable: false },
  INVALID_PRODUCER_EPOCH: { code: 47, httpStatus: 409, retriable: false },
  INVALID_TXN_STATE: { code: 48, httpStatus: 409, retriable: false },
  INVALID_PRODUCER_ID_MAPPING: { code: 49, httpStatus: 409, retriable: false },
  INVALID_TRANSACTION_TIMEOUT: { code: 50, httpStatus: 400, retriable: false },
  CONCURRENT_TRANSACTIONS: { code: 51, httpStatus: 409, retriable: true },
  TRANSACTION_COORDINATOR_FENCED: { code: 52, httpStatus: 409, retriable: false },
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: { code: 53, httpStatus: 403, retriable: false },
  SECURITY_DISABLED: { code: 54, httpStatus: 400, retriable: false },
  OPERATION_NOT_ATTEMPTED: { code: 55, httpStatus: 400, retriable: false },
  KAFKA_STORAGE_ERROR: { code: 56, httpStatus: 500, retriable: true },
  LOG_DIR_NOT_FOUND: { code: 57, httpStatus: 404, retriable: false },
  SASL_AUTHENTICATION_FAILED: { code: 58, httpStatus: 401, retriable: false },
  UNKNOWN_PRODUCER_ID: { code: 59, httpStatus: 409, retriable: false },
  NON_EMPTY_GROUP: { code: 68, httpStatus: 409, retriable: false },
  GROUP_ID_NOT_FOUND: { code: 69, httpStatus: 404, retriable: false },
  UNSUPPORTED_COMPRESSION_TYPE: { code: 76, httpStatus: 400, retriable: false },
  MEMBER_ID_REQUIRED: { code: 79, httpStatus: 409, retriable: false },
  FENCED_INSTANCE_ID: { code: 82, httpStatus: 409, retriable: false },
  GROUP_SUBSCRIBED_TO_TOPIC: { code: 86, httpStatus: 409, retriable: false },
  INVALID_RECORD: { code: 87, httpStatus: 400, retriable: false },
  UNSTABLE_OFFSET_COMMIT: { code: 88, httpStatus: 409, retriable: true },
  PRODUCER_FENCED: { code: 90, httpStatus: 409, retriable: false },
  UNKNOWN_TOPIC_ID: { code: 100, httpStatus: 404, retriable: true },
  INCONSISTENT_TOPIC_ID: { code: 103, httpStatus: 409, retriable: true },
  TRANSACTIONAL_ID_NOT_FOUND: { code: 105, httpStatus: 404, retriable: false },
  MISMATCHED_ENDPOINT_TYPE: { code: 114, httpStatus: 400, retriable: false },
} as const satisfies Record<string, { code: number; httpStatus: number; retriable: boolean }>;

/** The symbolic name of an error, e.g. `"OFFSET_OUT_OF_RANGE"`. */
export type ErrorType = keyof typeof ERROR_CODES;

const byCode = new Map<number, ErrorType>(
  (Object.keys(ERROR_CODES) as ErrorType[]).map((type) => [ERROR_CODES[type].code, type]),
);

/** The error type for a Kafka numeric code, or `undefined` for a code not in the table. */
export function errorTypeForCode(code: number): ErrorType | undefined {
  return byCode.get(code);
}
