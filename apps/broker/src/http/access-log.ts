/**
 * The access log, at debug level: one line per HTTP request the app answers, naming the
 * method, the route's pattern and the path, the status, the time to the answer and the client
 * address (never a body, a query's values or a header). Installed only when the logger logs at
 * debug, so it costs nothing otherwise.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../logger.js';
import type { Env } from './app-context.js';

export function accessLog(logger: Logger): MiddlewareHandler<Env> {
  return async (c, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      logger.debug(
        {
          method: c.req.method,
          route: routePath(c),
          path: c.req.path,
          status: c.res.status,
          ms: Math.round((performance.now() - start) * 100) / 100,
          client: c.env?.incoming?.socket.remoteAddress,
        },
        'http request',
      );
    }
  };
}
