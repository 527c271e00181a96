/**
 * `GET /metrics`: the broker's metrics in Prometheus's text format (metrics/*.ts), for a
 * Prometheus server to scrape (`metrics_path: /metrics`). The process's own metrics join with
 * the first scrape.
 */
import type { Hono } from 'hono';
import { METRICS_CONTENT_TYPE } from '../../metrics/broker-metrics.js';
import { addProcessMetrics } from '../../metrics/process-metrics.js';
import type { AppContext, Env } from '../app-context.js';

export function metricsRoutes(app: Hono<Env>, { metrics }: Pick<AppContext, 'metrics'>): void {
  app.get('/metrics', async (c) => {
    await addProcessMetrics(metrics.registry);
    return c.body(await metrics.scrape(), 200, { 'content-type': METRICS_CONTENT_TYPE });
  });
}
