/**
 * MiniKafkaError: the one error class every Mini Kafka package throws.
 *
 * An error is identified by its `type` (Kafka's name, e.g. OFFSET_OUT_OF_RANGE);
 * `code`, `httpStatus` and `retriable` come from the error table. `details` names
 * what went wrong (topic, partition, offset, limit) and never carries payloads.
 */
import { ERROR_CODES, type ErrorType, errorTypeForCode } from './error-codes.js';

/** Structured context of an error. Identifiers and numbers only: never message bytes. */
export interface ErrorDetails {
  topic?: string;
  partition?: number;
  offset?: number;
  group?: string;
  member?: string;
  limit?: number;
  size?: number;
  [key: string]: string | number | boolean | undefined;
}

export interface MiniKafkaErrorOptions {
  details?: ErrorDetails;
  cause?: unknown;
  /**
   * A more precise HTTP status than the table's, for a refusal only HTTP has (415 for a
   * body that is not JSON, 403 for a cross-site browser request); the Kafka type stays.
   */
  httpStatus?: number;
}

export class MiniKafkaError extends Error {
  override readonly name = 'MiniKafkaError';
  readonly type: ErrorType;
  readonly code: number;
  readonly httpStatus: number;
  readonly retriable: boolean;
  readonly details: ErrorDetails;

  constructor(type: ErrorType, message: string, options: MiniKafkaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const entry = ERROR_CODES[type];
    this.type = type;
    this.code = entry.code;
    this.httpStatus = options.httpStatus ?? entry.httpStatus;
    this.retriable = entry.retriable;
    this.details = options.details ?? {};
  }

  /** The JSON shape the HTTP API answers with: `{ code, name, message }` plus details. */
  toJSON(): { code: number; name: ErrorType; message: string; details?: ErrorDetails } {
    const body: { code: number; name: ErrorType; message: string; details?: ErrorDetails } = {
      code: this.code,
      name: this.type,
      message: this.message,
    };
    if (Object.keys(this.details).length > 0) body.details = this.details;
    return body;
  }
}

/** True when `error` is a MiniKafkaError, optionally of the given type. */
export function isMiniKafkaError(error: unknown, type?: ErrorType): error is MiniKafkaError {
  return error instanceof MiniKafkaError && (type === undefined || error.type === type);
}

/**
 * Turns anything thrown into a MiniKafkaError. Known errors pass through; an
 * object carrying a Kafka `code` keeps its type; everything else becomes
 * UNKNOWN_SERVER_ERROR with the original kept as `cause` (its message is not
 * copied, since it may hold data that must not leak).
 */
export function toMiniKafkaError(error: unknown): MiniKafkaError {
  if (error instanceof MiniKafkaError) return error;
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') {
    const type = errorTypeForCode(error.code);
    if (type !== undefined) {
      const message = 'message' in error && typeof error.message === 'string' ? error.message : type;
      return new MiniKafkaError(type, message, { cause: error });
    }
  }
  return new MiniKafkaError('UNKNOWN_SERVER_ERROR', 'Internal error', { cause: error });
}
