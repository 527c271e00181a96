/**
 * Counts every HTTP request the app answers, with its latency, under the route pattern that
 * answered it (`/v1/topics/:topic/records`, never the path itself, so the labels stay few);
 * a path no route knows counts under its API's catch-all (`/v1/*`). Latency runs to the
 * handler's answer: a streamed body's time on the wire is not in it. `/health` is answered
 * before the app and is not counted.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { BrokerMetrics } from '../metrics/broker-metrics.js';
import type { Env } from './app-context.js';

export function recordRequests(metrics: BrokerMetrics): MiddlewareHandler<Env> {
  return async (c, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      metrics.httpRequest(c.req.method, routePath(c), c.res.status, (performance.now() - start) / 1000);
    }
  };
}
