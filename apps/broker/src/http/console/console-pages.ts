/**
 * The console's pages (GET): the overview, topics, a topic, its messages, groups, a group,
 * transactions and the produce form. They read the broker's parts directly, as the /v1 routes do.
 */
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { Context, Hono } from 'hono';
import { CLUSTER, groupResource, topicResource, transactionalIdResource } from '../../security/acl.js';
import { AdminService } from '../../services/admin-service.js';
import { fetchPartition } from '../../services/fetch-service.js';
import type { AppContext, Env } from '../app-context.js';
import { allows, requireAllowed } from '../authorize.js';
import { partitionParam, topicParam } from '../params.js';
import { describeTopic } from '../topic-description.js';
import { withPrincipal } from './console-login.js';
import { optionalInt, parseTime } from './form.js';
import { groupListPage, groupPage } from './group-pages.js';
import { CONSOLE_CONTENT_SECURITY_POLICY, flashFrom, type Html } from './layout.js';
import { MAX_MESSAGES, messagePage } from './message-page.js';
import { overviewPage } from './overview-page.js';
import { producePage } from './produce-page.js';
import { viewFormat } from './record-view.js';
import type { ThroughputSampler } from './throughput-sampler.js';
import { topicListPage, topicPage } from './topic-pages.js';
import { transactionListPage } from './transaction-pages.js';

/** Bytes read for one page of messages at most. */
const MAX_PAGE_BYTES = 1024 * 1024;

const HEADERS = { 'Content-Security-Policy': CONSOLE_CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-store' };

export function consolePages(app: Hono<Env>, ctx: AppContext, sampler: ThroughputSampler): void {
  const { logs, coordinator } = ctx;
  const admin = new AdminService(ctx);
  const send = async (c: Context<Env>, body: Html) => c.html(withPrincipal(c, String(await body)), 200, HEADERS);

  // The overview is the cluster's (every topic and group): Describe on the cluster; others start at their topics.
  app.get('/', async (c) => {
    if (!allows(ctx, c, 'Describe', CLUSTER)) return c.redirect('/console/topics', 302);
    return send(c, overviewPage(ctx, await sampler.totals(), sampler.rates()));
  });

  app.get('/console', (c) => c.redirect('/', 302));

  app.get('/console/topics', (c) => {
    const rows = logs
      .listTopics()
      .filter((t) => allows(ctx, c, 'Describe', topicResource(t.name)))
      .map((t) => {
        let records = 0;
        let sizeBytes = 0;
        for (let p = 0; p < t.partitions; p++) {
          const log = logs.getLog(t.name, p);
          records += Math.max(0, log.highWatermark - log.logStartOffset);
          sizeBytes += Math.max(0, log.size);
        }
        return { name: t.name, partitions: t.partitions, records, sizeBytes };
      });
    return send(c, topicListPage(rows, flashFrom(c.req.query())));
  });

  app.get('/console/topics/:topic', (c) => {
    const name = topicParam(c.req.param('topic'));
    requireAllowed(ctx, c, 'Describe', topicResource(name));
    const topic = describeTopic(logs, name);
    return send(c, topicPage(topic, admin.describeConfigs({ type: 'topic', name }), flashFrom(c.req.query())));
  });

  app.get('/console/topics/:topic/messages', async (c) => {
    const name = topicParam(c.req.param('topic'));
    requireAllowed(ctx, c, 'Read', topicResource(name));
    const topic = describeTopic(logs, name);
    const query = c.req.query();
    const partition = query.partition ? partitionParam(query.partition) : 0;
    if (partition >= topic.partitions) {
      throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${name}" has no partition ${partition}`);
    }
    const log = logs.getLog(name, partition);
    const at = query.time ? query.time.slice(0, 40) : undefined;
    let offset = optionalInt(query.offset ?? '', 'offset') ?? log.logStartOffset;
    if (at !== undefined) offset = (await log.offsetForTimestamp(parseTime(at, 'time')))?.offset ?? log.highWatermark;
    offset = Math.min(Math.max(offset, log.logStartOffset), log.highWatermark);
    const { result, lease } = await fetchPartition(logs, name, partition, offset, {
      maxRecords: MAX_MESSAGES,
      maxBytes: MAX_PAGE_BYTES,
      waitMs: 0,
      memory: ctx.fetchMemory,
    });
    try {
      return send(
        c,
        messagePage({
          topic: name,
          partitions: topic.partitions,
          partition,
          offset,
          format: viewFormat(query.format),
          records: result.records.slice(0, MAX_MESSAGES),
          nextOffset: result.nextOffset,
          logStartOffset: result.logStartOffset,
          highWatermark: result.highWatermark,
          at,
        }),
      );
    } finally {
      lease.release();
    }
  });

  app.get('/console/groups', (c) => {
    const groups = coordinator.listGroups({}).filter((g) => allows(ctx, c, 'Describe', groupResource(g.groupId)));
    return send(c, groupListPage(groups, flashFrom(c.req.query())));
  });

  app.get('/console/groups/:group', (c) => {
    const group = c.req.param('group');
    requireAllowed(ctx, c, 'Describe', groupResource(group));
    return send(c, groupPage(coordinator.describe(group), flashFrom(c.req.query())));
  });

  app.get('/console/transactions', (c) => {
    const ids = ctx.transactions
      .listTransactions()
      .map((t) => t.transactionalId)
      .filter((id) => allows(ctx, c, 'Describe', transactionalIdResource(id)))
      .sort();
    const described = ctx.transactions.describeTransactions(ids).filter((t) => t.error === null);
    return send(c, transactionListPage(described, flashFrom(c.req.query())));
  });

  app.get('/console/produce', (c) => {
    const topics = logs
      .listTopics()
      .map((t) => t.name)
      .filter((name) => allows(ctx, c, 'Write', topicResource(name)));
    return send(c, producePage(topics, c.req.query('topic'), flashFrom(c.req.query())));
  });
}
