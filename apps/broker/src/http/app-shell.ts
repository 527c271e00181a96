/**
 * The HTTP app's skeleton (`/health` is the HTTP server's own, http-server.ts): the
 * tutorial's routes under /topics and the /v1 API,
 * each an app of its own with its own error shape (api-app.ts), and everything else,
 * answered like the tutorial's routes (`{"detail": "..."}`). Without routes it is what the
 * server answers while the broker starts (every API's 503, in its shape).
 */
import { Hono } from 'hono';
import type { Logger } from '../logger.js';
import { apiApp } from './api-app.js';
import type { BrokerState, Env } from './app-context.js';
import { answerErrors, answerNoRoute, tutorialErrors, v1Errors } from './errors.js';
import { requireReady } from './require-ready.js';

export interface ShellOptions {
  state: () => BrokerState;
  logger: Logger;
  /** Adds the tutorial's routes, relative to /topics. */
  tutorial?: (api: Hono<Env>) => void;
  /** Adds the /v1 routes, relative to /v1. */
  v1?: (api: Hono<Env>) => void;
  /** Adds routes outside both APIs (/openapi.json, /docs), served once the broker is ready. */
  outside?: (app: Hono<Env>) => void;
  /** Web origins whose browser requests are served (browser-guard.ts); `*` for any. Default none. */
  allowedOrigins?: readonly string[];
}

export function createShell({ state, logger, tutorial, v1, outside, allowedOrigins = [] }: ShellOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.onError(answerErrors(tutorialErrors, logger));

  app.route('/topics', apiApp({ shape: tutorialErrors, state, logger, allowedOrigins, routes: tutorial }));
  app.route('/v1', apiApp({ shape: v1Errors, state, logger, allowedOrigins, routes: v1 }));

  // Paths outside both APIs.
  app.use('*', requireReady(state));
  outside?.(app);
  app.all('*', answerNoRoute(tutorialErrors));
  return app;
}
