/**
 * KafkaProtocolError: what every codec in this package throws when bytes do not
 * follow the grammar (a truncated field, a length prefix larger than what is left,
 * an oversize frame, an unsupported version, a value that cannot be encoded).
 *
 * It is a MiniKafkaError of type INVALID_REQUEST, so the broker can log it like any
 * other error; `reason` says what went wrong and `details` names the offset, the
 * length and the limit involved, never the payload itself. A broker that catches it
 * while decoding a request closes the connection (as Kafka does): after a framing
 * or grammar error the byte stream can no longer be trusted.
 */
import { type ErrorDetails, MiniKafkaError } from '@mini-kafka/protocol/core';

export type KafkaProtocolErrorReason =
  /** Fewer bytes left than the field needs. */
  | 'truncated'
  /** A length or count prefix that is negative (other than -1 for null) or larger than what is left. */
  | 'invalid-length'
  /** A varint longer than its type allows. */
  | 'invalid-varint'
  /** An int64 outside the range a JavaScript number holds exactly (±2^53-1). */
  | 'unsafe-integer'
  /** A size-prefixed frame larger than the configured maximum. */
  | 'frame-too-large'
  /** An API version this package does not implement. */
  | 'unsupported-version'
  /** A value that cannot be written in the requested type or version. */
  | 'invalid-value';

export class KafkaProtocolError extends MiniKafkaError {
  readonly reason: KafkaProtocolErrorReason;

  constructor(reason: KafkaProtocolErrorReason, message: string, details: ErrorDetails = {}) {
    super('INVALID_REQUEST', message, { details: { reason, ...details } });
    this.reason = reason;
  }
}

/** True when `error` is a KafkaProtocolError, optionally with the given reason. */
export function isKafkaProtocolError(error: unknown, reason?: KafkaProtocolErrorReason): error is KafkaProtocolError {
  return error instanceof KafkaProtocolError && (reason === undefined || error.reason === reason);
}
