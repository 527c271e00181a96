/**
 * Telling the broker's refusals apart: an authentication failure (HTTP 401, Kafka's
 * SASL_AUTHENTICATION_FAILED: no token, or one that is unknown or revoked) from an
 * authorization failure (HTTP 403, Kafka's *_AUTHORIZATION_FAILED: the principal is known but
 * no ACL lets it do this). Both are MiniKafkaErrors that are never retried.
 */
import { type ErrorType, isMiniKafkaError, type MiniKafkaError } from '@mini-kafka/protocol';

const AUTHORIZATION_FAILED: ReadonlySet<ErrorType> = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);

/** The broker did not accept the client's credentials (or it sent none). */
export function isAuthenticationError(error: unknown): error is MiniKafkaError {
  return isMiniKafkaError(error, 'SASL_AUTHENTICATION_FAILED');
}

/** The broker knows the principal, and no ACL allows it the operation. */
export function isAuthorizationError(error: unknown): error is MiniKafkaError {
  return isMiniKafkaError(error) && AUTHORIZATION_FAILED.has(error.type);
}
