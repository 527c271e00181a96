/**
 * `GET /metrics`: the broker's metrics in Prometheus's text format (metrics/*.ts), for a
 * Prometheus server to scrape (`metrics_path: /metrics`). The process's own metrics join with
 * the first scrape.
 */
import type { Hono } from 'hono';
import { METRICS_CONTENT_TYPE } from '../../metrics/broker-metrics.js';
import { addProcessMetrics } from '../../metrics/process-metrics.js';
import { CLUSTER } from '../../security/acl.js';
import type { AppContext, Env } from '../app-context.js';
import { notAuthorized, sessionOf } from '../authorize.js';

export function metricsRoutes(app: Hono<Env>, ctx: Pick<AppContext, 'metrics' | 'security'>): void {
  const { metrics } = ctx;
  app.get('/metrics', async (c) => {
    // Describe on the cluster (with authentication on, a scraper sends a token with that ACL).
    if (!ctx.security.authorizer.authorize(sessionOf(c), 'Describe', CLUSTER)) throw notAuthorized('Describe', CLUSTER);
    await addProcessMetrics(metrics.registry);
    return c.body(await metrics.scrape(), 200, { 'content-type': METRICS_CONTENT_TYPE });
  });
}
