/**
 * The Hono application: /health, the tutorial routes under /topics, the /v1 API, one
 * error handler, and 503 for everything but /health while the broker starts or stops.
 */
import { MiniKafkaError } from '@mini-kafka/protocol';
import { Hono } from 'hono';
import type { AppContext, Env } from './app-context.js';
import { errorResponse } from './errors.js';
import { groupRoutes } from './routes/group-routes.js';
import { topicRoutes } from './routes/topic-routes.js';
import { tutorialRoutes } from './routes/tutorial-routes.js';

export function createApp(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/health', (c) => {
    const state = ctx.state();
    return c.json({ status: state === 'ready' ? 'ok' : state }, state === 'ready' ? 200 : 503);
  });

  app.use('*', async (c, next) => {
    const state = ctx.state();
    if (state !== 'ready') {
      throw new MiniKafkaError(
        'BROKER_NOT_AVAILABLE',
        state === 'starting' ? 'The broker is starting' : 'The broker is stopping',
      );
    }
    await next();
    // A request that was in flight when shutdown began closes its connection when answered.
    if (ctx.state() === 'stopping') c.header('Connection', 'close');
  });

  app.route('/topics', tutorialRoutes(ctx));
  app.route('/v1/topics', topicRoutes(ctx));
  app.route('/v1/groups', groupRoutes(ctx));

  app.notFound((c) => {
    const message = `No route for ${c.req.method} ${c.req.path.slice(0, 200)}`;
    if (c.req.path.startsWith('/v1/')) return c.json({ error: { code: 42, name: 'INVALID_REQUEST', message } }, 404);
    return c.json({ detail: message }, 404);
  });

  app.onError((error, c) => errorResponse(c, error, ctx.logger));
  return app;
}
