/**
 * The HTTP app's skeleton (`/health` is the HTTP server's own, http-server.ts): the
 * tutorial's routes under /topics and the /v1 API,
 * each an app of its own with its own error shape (api-app.ts), the broker's own routes
 * (`/metrics`), every request counted in the metrics (and, at debug level, in the access
 * log), and everything else,
 * answered like the tutorial's routes (`{"detail": "..."}`). Without routes it is what the
 * server answers while the broker starts (every API's 503, in its shape).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';
import type { BrokerMetrics } from '../metrics/broker-metrics.js';
import { accessLog } from './access-log.js';
import { apiApp } from './api-app.js';
import type { BrokerState, Env } from './app-context.js';
import { answerErrors, answerNoRoute, tutorialErrors, v1Errors } from './errors.js';
import { recordRequests } from './record-requests.js';
import { requireReady } from './require-ready.js';

export interface ShellOptions {
  state: () => BrokerState;
  logger: Logger;
  /** Adds the tutorial's routes, relative to /topics. */
  tutorial?: (api: Hono<Env>) => void;
  /** Adds the /v1 routes, relative to /v1. */
  v1?: (api: Hono<Env>) => void;
  /** Adds routes outside both APIs (`/metrics`, `/openapi.json`, `/docs`), served once the broker is ready. */
  root?: (app: Hono<Env>) => void;
  /** Web origins whose browser requests are served (browser-guard.ts); `*` for any. Default none. */
  allowedOrigins?: readonly string[];
  /** Counts every request answered (record-requests.ts). */
  metrics?: BrokerMetrics;
  /** Sets who is asking, or answers 401 (authenticate.ts); before every route but /health. */
  authenticate?: MiddlewareHandler<Env>;
  /** Logs every request answered at debug level (access-log.ts). */
  logRequests?: boolean;
}

export function createShell({
  state,
  logger,
  tutorial,
  v1,
  root,
  allowedOrigins = [],
  metrics,
  logRequests = false,
  authenticate,
}: ShellOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.onError(answerErrors(tutorialErrors, logger));
  if (metrics !== undefined) app.use('*', recordRequests(metrics));
  if (logRequests) app.use('*', accessLog(logger));
  if (authenticate !== undefined) app.use('*', authenticate);

  app.route('/topics', apiApp({ shape: tutorialErrors, state, logger, allowedOrigins, routes: tutorial }));
  app.route('/v1', apiApp({ shape: v1Errors, state, logger, allowedOrigins, routes: v1 }));

  // Paths outside both APIs.
  app.use('*', requireReady(state));
  root?.(app);
  app.all('*', answerNoRoute(tutorialErrors));
  return app;
}
