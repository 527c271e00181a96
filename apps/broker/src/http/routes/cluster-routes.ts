/**
 * /v1/broker (version, uptime, listeners, every setting with its source, disk use),
 * /v1/cluster (the one broker and where Kafka clients reach it), /v1/brokers/{id}/configs
 * (the broker's configs under Kafka's names, read-only: PATCH is INVALID_REQUEST) and
 * /v1/log-dirs (the data directory's size and free space, each partition's size). The
 * AdminService answers them, as it answers DescribeCluster, DescribeConfigs and DescribeLogDirs.
 */
import {
  alterConfigsRequest,
  type BrokerInfoResponse,
  type DescribeClusterResponse,
  type DescribeConfigsResponse,
  type DescribeLogDirsResponse,
} from '@mini-kafka/protocol';
import { Hono } from 'hono';
import { brokerVersion } from '../../broker-version.js';
import type { BrokerConfig } from '../../config/broker-config.js';
import { CLUSTER_ID, NODE_ID } from '../../kafka/kafka-context.js';
import { CLUSTER } from '../../security/acl.js';
import { AdminService, configOps } from '../../services/admin-service.js';
import type { AppContext, Env } from '../app-context.js';
import { requireAllowed } from '../authorize.js';
import { readJson } from '../read-body.js';

export function clusterRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const admin = new AdminService(ctx);

  app.get('/broker', async (c) => {
    requireAllowed(ctx, c, 'Describe', CLUSTER);
    const logDir = await admin.describeLogDirs();
    const topics = logDir.topics.map(({ topic, partitions }) => ({
      topic,
      sizeBytes: partitions.reduce((sum, partition) => sum + partition.sizeBytes, 0),
    }));
    const advertised = ctx.advertised();
    const body: BrokerInfoResponse = {
      version: brokerVersion(),
      nodeId: NODE_ID,
      clusterId: CLUSTER_ID,
      startedAt: new Date(ctx.startedAt).toISOString(),
      uptimeMs: Math.max(0, ctx.clock.now() - ctx.startedAt),
      listeners: {
        http: ctx.httpUrl,
        kafka: advertised === undefined ? null : `${advertised.host}:${advertised.port}`,
      },
      config: (Object.keys(ctx.config) as (keyof BrokerConfig)[]).map((name) => ({
        name,
        // A secret is shown as set, never as it is.
        value: name === 'clusterSaslPassword' && ctx.config[name] !== undefined ? '[hidden]' : ctx.config[name],
        source: ctx.configSources[name] ?? 'default',
      })),
      disk: {
        path: logDir.path,
        totalBytes: logDir.totalBytes,
        usableBytes: logDir.usableBytes,
        usedBytes: topics.reduce((sum, topic) => sum + topic.sizeBytes, 0),
        topics,
      },
    };
    return c.json(body);
  });

  app.get('/cluster', (c) => {
    requireAllowed(ctx, c, 'Describe', CLUSTER);
    return c.json(admin.describeCluster() satisfies DescribeClusterResponse);
  });

  app.get('/brokers/:id/configs', (c) => {
    const name = c.req.param('id');
    requireAllowed(ctx, c, 'DescribeConfigs', CLUSTER);
    const body: DescribeConfigsResponse = {
      resource: { type: 'broker', name },
      configs: admin.describeConfigs({ type: 'broker', name }),
    };
    return c.json(body);
  });

  app.patch('/brokers/:id/configs', async (c) => {
    requireAllowed(ctx, c, 'AlterConfigs', CLUSTER);
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
    requireAllowed(ctx, c, 'Describe', CLUSTER);
    const body: DescribeLogDirsResponse = { logDirs: [await admin.describeLogDirs()] };
    return c.json(body);
  });

  return app;
}
