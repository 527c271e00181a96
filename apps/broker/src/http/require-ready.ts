/**
 * The broker-state guard every HTTP app puts in front of its routes: while the broker
 * starts or stops it throws BROKER_NOT_AVAILABLE (503), which the serving app's own error
 * handler writes in its shape. A request that was in flight when shutdown began is
 * answered with `Connection: close`.
 */
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { MiddlewareHandler } from 'hono';
import type { BrokerState } from './app-context.js';

/** The error for a request that arrives while the broker is not ready. */
export function notAvailable(state: Exclude<BrokerState, 'ready'>): MiniKafkaError {
  return new MiniKafkaError(
    'BROKER_NOT_AVAILABLE',
    state === 'starting' ? 'The broker is starting' : 'The broker is stopping',
  );
}

export function requireReady(state: () => BrokerState): MiddlewareHandler {
  return async (c, next) => {
    const now = state();
    if (now !== 'ready') throw notAvailable(now);
    await next();
    if (state() === 'stopping') c.header('Connection', 'close');
  };
}
