/**
 * /v1/topics/{topic}/configs (GET: every config under Kafka's names, with source and
 * synonyms; PATCH: set and delete configs, live, as Kafka's IncrementalAlterConfigs) and
 * /v1/topics/{topic}/partitions/{partition}/delete-records (Kafka's DeleteRecords). The
 * AdminService answers them, as it answers the Kafka admin APIs.
 */
import {
  alterConfigsRequest,
  type DeleteRecordsResponse,
  type DescribeConfigsResponse,
  deleteRecordsRequest,
} from '@mini-kafka/protocol';
import { Hono } from 'hono';
import { topicResource } from '../../security/acl.js';
import { AdminService, configOps } from '../../services/admin-service.js';
import type { AppContext, Env } from '../app-context.js';
import { requireAllowed } from '../authorize.js';
import { partitionParam, topicParam } from '../params.js';
import { readJson } from '../read-body.js';

export function topicAdminRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const admin = new AdminService(ctx);
  const limit = ctx.config.maxRequestBytes;

  const describe = (name: string): DescribeConfigsResponse => ({
    resource: { type: 'topic', name },
    configs: admin.describeConfigs({ type: 'topic', name }),
  });

  app.get('/:topic/configs', (c) => {
    const name = topicParam(c.req.param('topic'));
    requireAllowed(ctx, c, 'DescribeConfigs', topicResource(name));
    return c.json(describe(name));
  });

  app.patch('/:topic/configs', async (c) => {
    const name = topicParam(c.req.param('topic'));
    requireAllowed(ctx, c, 'AlterConfigs', topicResource(name));
    const request = await readJson(c, alterConfigsRequest, limit);
    await admin.alterConfigs(
      { type: 'topic', name },
      { ops: configOps(request.set, request.delete) },
      request.validateOnly,
    );
    return c.json(describe(name));
  });

  app.post('/:topic/partitions/:partition/delete-records', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const partition = partitionParam(c.req.param('partition'));
    requireAllowed(ctx, c, 'Delete', topicResource(topic));
    const { offset } = await readJson(c, deleteRecordsRequest, limit);
    const body: DeleteRecordsResponse = {
      topic,
      partition,
      logStartOffset: await admin.deleteRecords(topic, partition, offset),
    };
    return c.json(body);
  });

  return app;
}
