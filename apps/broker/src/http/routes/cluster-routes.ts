/**
 * /v1/cluster (the one broker and where Kafka clients reach it), /v1/brokers/{id}/configs
 * (the broker's configs under Kafka's names, read-only: PATCH is INVALID_REQUEST) and
 * /v1/log-dirs (the data directory's size and free space, each partition's size). The
 * AdminService answers them, as it answers DescribeCluster, DescribeConfigs and DescribeLogDirs.
 */
import {
  alterConfigsRequest,
  type DescribeClusterResponse,
  type DescribeConfigsResponse,
  type DescribeLogDirsResponse,
} from '@mini-kafka/protocol';
import { Hono } from 'hono';
import { AdminService, configOps } from '../../services/admin-service.js';
import type { AppContext, Env } from '../app-context.js';
import { readJson } from '../read-body.js';

export function clusterRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const admin = new AdminService(ctx);

  app.get('/cluster', (c) => c.json(admin.describeCluster() satisfies DescribeClusterResponse));

  app.get('/brokers/:id/configs', (c) => {
    const name = c.req.param('id');
    const body: DescribeConfigsResponse = {
      resource: { type: 'broker', name },
      configs: admin.describeConfigs({ type: 'broker', name }),
    };
    return c.json(body);
  });

  app.patch('/brokers/:id/configs', async (c) => {
    const request = await readJson(c, alterConfigsRequest, ctx.config.maxRequestBytes);
    const name = c.req.param('id');
    await admin.alterConfigs({ type: 'broker', name }, { ops: configOps(request.set, request.delete) });
    const body: DescribeConfigsResponse = {
      resource: { type: 'broker', name },
      configs: admin.describeConfigs({ type: 'broker', name }),
    };
    return c.json(body);
  });

  app.get('/log-dirs', async (c) => {
    const body: DescribeLogDirsResponse = { logDirs: [await admin.describeLogDirs()] };
    return c.json(body);
  });

  return app;
}
