/**
 * The console's changes (POST from its forms): create, alter and delete a topic, produce a
 * record, reset a group's offsets. Each refuses a request another site's page sent (only
 * the broker's own pages may post: browser-guard.ts with no allowed origins), goes through
 * the service the API uses, and redirects to a page that shows the outcome (PRG).
 */
import { MiniKafkaError, type ResetTarget } from '@mini-kafka/protocol';
import type { Hono } from 'hono';
import { groupResource, topicResource } from '../../security/acl.js';
import { AdminService, configOps } from '../../services/admin-service.js';
import { resolveResetTarget } from '../../services/offset-reset.js';
import type { AppContext, Env } from '../app-context.js';
import { requireAllowed, requireCreate } from '../authorize.js';
import { refuseCrossSite } from '../browser-guard.js';
import { topicParam } from '../params.js';
import { change, optionalInt, pairs, parseTime, readForm } from './form.js';

const topicPath = (name: string): string => `/console/topics/${encodeURIComponent(name)}`;

export function consoleActions(app: Hono<Env>, ctx: AppContext): void {
  const { logs, coordinator, positions } = ctx;
  const admin = new AdminService(ctx);
  app.post('/console/*', refuseCrossSite([]));

  app.post('/console/topics', async (c) => {
    const form = await readForm(c);
    return change(c, '/console/topics', async () => {
      const name = topicParam(form('name'));
      requireCreate(ctx, c, name);
      const partitions = optionalInt(form('partitions'), 'partitions') ?? -1;
      const configs = Object.fromEntries(pairs(form('configs'), 'configs'));
      await admin.createTopic({ name, partitions, configs });
      return { path: topicPath(name), message: `Created topic ${name}` };
    });
  });

  app.post('/console/topics/:topic/configs', async (c) => {
    const name = topicParam(c.req.param('topic'));
    const form = await readForm(c);
    return change(c, topicPath(name), async () => {
      requireAllowed(ctx, c, 'AlterConfigs', topicResource(name));
      const set = Object.fromEntries(pairs(form('set'), 'set'));
      const remove = form('delete')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      await admin.alterConfigs({ type: 'topic', name }, { ops: configOps(set, remove) });
      return { path: topicPath(name), message: 'Configs changed' };
    });
  });

  app.post('/console/topics/:topic/delete', async (c) => {
    const name = topicParam(c.req.param('topic'));
    const form = await readForm(c);
    return change(c, topicPath(name), async () => {
      requireAllowed(ctx, c, 'Delete', topicResource(name));
      if (form('confirm') !== name) throw new MiniKafkaError('INVALID_REQUEST', 'Type the topic name to delete it');
      await admin.deleteTopic({ name });
      return { path: '/console/topics', message: `Deleted topic ${name}` };
    });
  });

  app.post('/console/produce', async (c) => {
    const form = await readForm(c);
    const topic = form('topic');
    return change(c, `/console/produce`, async () => {
      const name = topicParam(topic);
      requireAllowed(ctx, c, 'Write', topicResource(name));
      if (logs.getTopic(name) === undefined) {
        throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${name}" does not exist`);
      }
      const key = form('key');
      const headers = pairs(form('headers'), 'headers', 20).map(([k, v]) => ({ key: k, value: Buffer.from(v) }));
      const [stored] = await ctx.produce.produce(name, [
        {
          key: key === '' ? null : Buffer.from(key),
          value: Buffer.from(form('value')),
          headers,
          partition: optionalInt(form('partition'), 'partition'),
        },
      ]);
      return {
        path: `/console/produce?topic=${encodeURIComponent(name)}`,
        message: `Produced to ${name} partition ${stored?.partition} at offset ${stored?.offset}`,
      };
    });
  });

  app.post('/console/groups/:group/reset', async (c) => {
    const group = c.req.param('group');
    const back = `/console/groups/${encodeURIComponent(group)}`;
    const form = await readForm(c);
    return change(c, back, async () => {
      const name = topicParam(form('topic'));
      requireAllowed(ctx, c, 'Read', groupResource(group));
      requireAllowed(ctx, c, 'Read', topicResource(name));
      const topic = logs.getTopic(name);
      if (topic === undefined) throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${name}" does not exist`);
      if (coordinator.describe(group).members.length > 0) {
        throw new MiniKafkaError('INVALID_REQUEST', `Group "${group}" has members; stop them before resetting`);
      }
      const to = form('to');
      const target: ResetTarget =
        to === 'offset'
          ? { offset: optionalInt(form('value'), 'offset') ?? 0 }
          : to === 'timestamp'
            ? { timestamp: parseTime(form('value'), 'time') }
            : to === 'latest'
              ? 'latest'
              : 'earliest';
      const partition = optionalInt(form('partition'), 'partition');
      const partitions = partition === undefined ? Array.from({ length: topic.partitions }, (_, p) => p) : [partition];
      const offsets = [];
      for (const p of partitions) {
        offsets.push({ topic: name, partition: p, offset: await resolveResetTarget(logs.getLog(name, p), target) });
      }
      await coordinator.resetOffsets(group, offsets);
      for (const { partition: p } of offsets) positions.forgetPartition(group, name, p);
      return { path: back, message: `Reset ${offsets.length} partition(s) of ${name}` };
    });
  });
}
