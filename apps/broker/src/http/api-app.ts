/**
 * One HTTP API as its own Hono app: the cross-site browser guard, the broker-state guard, the API's routes, a 404 for
 * every other path under it, and its own error handler, so every answer of the API
 * (503 while starting or stopping, 400, 404, 500) has the API's error shape.
 *
 * How Hono 4 composes this: `parent.route(prefix, api)` copies the api's routes into the
 * parent and wraps each one in the api's `onError` (which must therefore be set before
 * mounting, as here); the api's `notFound` is not carried over, hence the catch-all route
 * added last. A request is thus answered by the app whose prefix it falls under.
 */
import { Hono } from 'hono';
import type { Logger } from '../logger.js';
import type { BrokerState, Env } from './app-context.js';
import { refuseCrossSite } from './browser-guard.js';
import { answerErrors, answerNoRoute, type ErrorShape } from './errors.js';
import { requireReady } from './require-ready.js';

export interface ApiAppOptions {
  shape: ErrorShape;
  state: () => BrokerState;
  logger: Logger;
  /** Web origins whose browser requests are served (browser-guard.ts). */
  allowedOrigins: readonly string[];
  /** Adds the API's routes; none while the broker is starting. */
  routes?: (api: Hono<Env>) => void;
}

export function apiApp({ shape, state, logger, allowedOrigins, routes }: ApiAppOptions): Hono<Env> {
  const api = new Hono<Env>();
  api.onError(answerErrors(shape, logger));
  api.use('*', refuseCrossSite(allowedOrigins));
  api.use('*', requireReady(state));
  routes?.(api);
  api.all('*', answerNoRoute(shape));
  return api;
}
