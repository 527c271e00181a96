/**
 * Session timeout settings: Kafka's group.min/max.session.timeout.ms and the default for
 * members that do not ask for one, checked once when the coordinator opens.
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import type { GroupCoordinatorOptions } from '../coordinator-options.js';

export interface SessionTimeouts {
  default: number;
  min: number;
  max: number;
}

export const DEFAULT_SESSION_TIMEOUTS: Readonly<SessionTimeouts> = Object.freeze({
  default: 10_000,
  min: 1_000,
  max: 1_800_000,
});

export function resolveSessionTimeouts(options: GroupCoordinatorOptions): SessionTimeouts {
  const min = options.minSessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUTS.min;
  const max = options.maxSessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUTS.max;
  const fallback = options.defaultSessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUTS.default;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 1 || max < min) {
    throw new MiniKafkaError('INVALID_CONFIG', 'Session timeout bounds must be integers with 1 <= min <= max');
  }
  if (!Number.isSafeInteger(fallback) || fallback < min || fallback > max) {
    throw new MiniKafkaError('INVALID_CONFIG', `The default session timeout must be between ${min} and ${max} ms`);
  }
  return { default: fallback, min, max };
}
