/**
 * The gateway's HTTP app: the broker's shell (app-shell.ts: /health, the tutorial's routes
 * under /topics and the /v1 API, each with its error shape) with the routes a cluster can
 * answer. Routes of the local broker that need its own state (ACLs, users and tokens,
 * transactions and producers' state, log directories, broker configs, the console,
 * metrics) answer 501 with the API's error body, naming the route.
 */
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { Context, Hono } from 'hono';
import type { BrokerState, Env } from '../http/app-context.js';
import { createShell } from '../http/app-shell.js';
import type { GatewayContext } from './gateway-context.js';
import { clusterRoutes } from './routes/cluster-routes.js';
import { groupRoutes } from './routes/group-routes.js';
import { producerRoutes } from './routes/producer-routes.js';
import { topicRoutes } from './routes/topic-routes.js';
import { tutorialRoutes } from './routes/tutorial-routes.js';

const NOT_SERVED = [
  '/acls',
  '/users',
  '/users/*',
  '/tokens',
  '/tokens/*',
  '/whoami',
  '/transactions',
  '/transactions/*',
  '/topics/:topic/partitions/:partition/producers',
  '/log-dirs',
  '/brokers/*',
];

function notServed(c: Context<Env>): never {
  throw new MiniKafkaError('INVALID_REQUEST', `${c.req.method} ${c.req.path} is not served by the Kafka backend`, {
    httpStatus: 501,
    details: { backend: 'kafka' },
  });
}

export function createGatewayApp(ctx: GatewayContext, state: () => BrokerState): Hono<Env> {
  return createShell({
    state,
    logger: ctx.logger,
    allowedOrigins: ctx.config.allowedOrigins,
    logRequests: ctx.logger.isLevelEnabled('debug'),
    tutorial: (api) => api.route('/', tutorialRoutes(ctx)),
    v1: (api) => {
      for (const path of NOT_SERVED) api.all(path, notServed);
      api.route('/topics', topicRoutes(ctx));
      api.route('/groups', groupRoutes(ctx));
      api.route('/producers', producerRoutes(ctx));
      api.route('/', clusterRoutes(ctx));
    },
  });
}
