/**
 * /v1/cluster and /v1/broker over a cluster: the cluster's brokers and controller (its
 * Metadata), and this gateway's own version, uptime, listener and settings (the cluster
 * password never shown).
 */

import type { DescribeClusterResponse } from '@mini-kafka/protocol';
import { Hono } from 'hono';
import { brokerVersion } from '../../broker-version.js';
import type { BrokerConfig } from '../../config/broker-config.js';
import type { Env } from '../../http/app-context.js';
import type { GatewayContext } from '../gateway-context.js';

export function clusterRoutes(ctx: GatewayContext): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/cluster', async (c) => {
    const metadata = await ctx.client.metadata([], { refresh: true });
    const body: DescribeClusterResponse = {
      clusterId: metadata.clusterId ?? '',
      controllerId: metadata.controllerId,
      brokers: metadata.brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port, rack: null })),
    };
    return c.json(body);
  });

  app.get('/broker', (c) =>
    c.json({
      version: brokerVersion(),
      backend: 'kafka',
      bootstrapServers: ctx.config.bootstrapServers,
      startedAt: new Date(ctx.startedAt).toISOString(),
      uptimeMs: Math.max(0, Date.now() - ctx.startedAt),
      listeners: { http: ctx.url(), kafka: null },
      config: (Object.keys(ctx.config) as (keyof BrokerConfig)[]).map((name) => ({
        name,
        value: name === 'clusterSaslPassword' && ctx.config[name] !== undefined ? '[hidden]' : ctx.config[name],
      })),
    }),
  );

  return app;
}
