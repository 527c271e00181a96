/**
 * The broker's HTTP app: the skeleton of app-shell.ts (/health, the tutorial's routes
 * under /topics, the /v1 API, each answering errors in its own shape) with the routes, and
 * the /v1 API's OpenAPI document at /openapi.json with its docs page at /docs (openapi/), and
 * the broker's metrics at /metrics, and the web console at / and /console (console/), every
 * request behind authentication (authenticate.ts) and each route behind its ACL check (authorize.ts).
 */
import type { Hono } from 'hono';
import type { AppContext, Env } from './app-context.js';
import { createShell } from './app-shell.js';
import { authenticate } from './authenticate.js';
import { consoleRoutes } from './console/console-routes.js';
import { ConsoleSessions } from './console-sessions.js';
import { openApiRoutes } from './openapi/openapi-routes.js';
import { aclRoutes } from './routes/acl-routes.js';
import { clusterRoutes } from './routes/cluster-routes.js';
import { groupRoutes } from './routes/group-routes.js';
import { metricsRoutes } from './routes/metrics-routes.js';
import { producerRoutes } from './routes/producer-routes.js';
import { topicAdminRoutes } from './routes/topic-admin-routes.js';
import { topicRoutes } from './routes/topic-routes.js';
import { transactionRoutes } from './routes/transaction-routes.js';
import { tutorialRoutes } from './routes/tutorial-routes.js';

export function createApp(ctx: AppContext): Hono<Env> {
  const sessions = new ConsoleSessions(() => ctx.clock.now());
  return createShell({
    state: ctx.state,
    logger: ctx.logger,
    allowedOrigins: ctx.config.allowedOrigins,
    metrics: ctx.metrics,
    logRequests: ctx.logger.isLevelEnabled('debug'),
    authenticate: authenticate(ctx.security, sessions),
    root: (app) => {
      metricsRoutes(app, ctx);
      app.route('/', openApiRoutes());
      consoleRoutes(app, ctx, sessions);
    },
    tutorial: (api) => api.route('/', tutorialRoutes(ctx)),
    v1: (api) => {
      api.route('/topics', topicRoutes(ctx));
      api.route('/topics', topicAdminRoutes(ctx));
      api.route('/groups', groupRoutes(ctx));
      api.route('/', clusterRoutes(ctx));
      api.route('/producers', producerRoutes(ctx));
      api.route('/', aclRoutes(ctx));
      api.route('/', transactionRoutes(ctx));
    },
  });
}
