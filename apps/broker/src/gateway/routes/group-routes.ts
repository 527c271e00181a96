/**
 * /v1/groups over a cluster: the local broker's routes and shapes, answered by GatewayGroups.
 * Joining answers `baseUrl`, the gateway holding the member: the member's own requests
 * (heartbeat, records, seek, commit, leave) go there; another gateway answers them
 * UNKNOWN_MEMBER_ID, and the SDK then rejoins. Member fetches answer JSON, also to a
 * RecordBatch Accept (the SDK reads either).
 */
import {
  type CommittedOffsetsResponse,
  commitRequest,
  committedOffsetsQuery,
  deleteOffsetsQuery,
  heartbeatRequest,
  joinGroupRequest,
  type ListGroupsResponse,
  listGroupsQuery,
  type MemberFetchResponse,
  memberFetchQuery,
  resetOffsetsRequest,
  seekRequest,
} from '@mini-kafka/protocol';
import { Hono } from 'hono';
import type { Env } from '../../http/app-context.js';
import { groupParam, memberParam } from '../../http/group-params.js';
import { jsonWithRecords } from '../../http/json-records.js';
import { parseQuery, readJson } from '../../http/read-body.js';
import { recordToJson } from '../../services/record-json.js';
import type { GatewayContext } from '../gateway-context.js';

export function groupRoutes(ctx: GatewayContext): Hono<Env> {
  const app = new Hono<Env>();
  const { groups, config } = ctx;
  const limit = config.maxRequestBytes;

  app.get('/', async (c) => {
    const { state } = parseQuery(listGroupsQuery, c.req.query());
    return c.json({ groups: await groups.list(state) } satisfies ListGroupsResponse);
  });

  app.get('/:group', async (c) => c.json(await groups.describe(groupParam(c))));

  app.delete('/:group', async (c) => {
    await groups.deleteGroup(groupParam(c));
    return c.body(null, 204);
  });

  app.post('/:group/members', async (c) => {
    const group = groupParam(c);
    const request = await readJson(c, joinGroupRequest, limit);
    for (const topic of request.topics) await ctx.produce.ensureTopic(topic);
    const joined = await groups.join(group, {
      ...(request.memberId !== undefined && { memberId: request.memberId }),
      ...(request.clientId !== undefined && { clientId: request.clientId }),
      topics: request.topics,
      sessionTimeoutMs: request.sessionTimeoutMs ?? config.sessionTimeoutMs,
      ...(request.assignor !== undefined && { assignor: request.assignor }),
      autoOffsetReset: request.autoOffsetReset ?? 'earliest',
    });
    return c.json(joined);
  });

  app.post('/:group/members/:member/heartbeat', async (c) => {
    const group = groupParam(c);
    const member = memberParam(c);
    const { generationId } = await readJson(c, heartbeatRequest, limit);
    return c.json(groups.heartbeat(group, member, generationId));
  });

  app.delete('/:group/members/:member', async (c) => {
    await groups.leave(groupParam(c), memberParam(c));
    return c.body(null, 204);
  });

  app.get('/:group/members/:member/records', async (c) => {
    const group = groupParam(c);
    const member = memberParam(c);
    const query = parseQuery(memberFetchQuery, c.req.query());
    const fetched = await groups.fetch(group, member, query.generationId, {
      maxRecords: query.maxRecords,
      maxBytes: Math.min(query.maxBytes, config.fetchMaxBytes),
      waitMs: query.waitMs,
      isolation: query.isolation ?? 'read_committed',
    });
    const body: MemberFetchResponse = {
      generationId: fetched.generationId,
      rebalanceRequired: fetched.rebalanceRequired,
      records: [],
    };
    return jsonWithRecords(c, body, fetched.records, ({ topic, partition, record }) =>
      recordToJson(topic, partition, record, query.encoding),
    );
  });

  app.post('/:group/members/:member/seek', async (c) => {
    const group = groupParam(c);
    const member = memberParam(c);
    const request = await readJson(c, seekRequest, limit);
    await groups.seek(group, member, request);
    return c.body(null, 204);
  });

  app.post('/:group/offsets', async (c) => {
    const group = groupParam(c);
    const request = await readJson(c, commitRequest, limit);
    await groups.commit(
      group,
      {
        ...(request.memberId !== undefined && { memberId: request.memberId }),
        ...(request.generationId !== undefined && { generationId: request.generationId }),
      },
      request.offsets,
    );
    const body: CommittedOffsetsResponse = { groupId: group, offsets: await groups.committed(group) };
    return c.json(body);
  });

  app.get('/:group/offsets', async (c) => {
    const group = groupParam(c);
    const { topic } = parseQuery(committedOffsetsQuery, c.req.query());
    const body: CommittedOffsetsResponse = { groupId: group, offsets: await groups.committed(group, topic) };
    return c.json(body);
  });

  app.delete('/:group/offsets', async (c) => {
    const group = groupParam(c);
    const { topic, partition } = parseQuery(deleteOffsetsQuery, c.req.query());
    await groups.deleteOffsets(group, topic, partition);
    const body: CommittedOffsetsResponse = { groupId: group, offsets: await groups.committed(group) };
    return c.json(body);
  });

  app.post('/:group/offsets/reset', async (c) => {
    const group = groupParam(c);
    const request = await readJson(c, resetOffsetsRequest, limit);
    await groups.resetOffsets(group, request.topic, request.partition, request.to);
    const body: CommittedOffsetsResponse = { groupId: group, offsets: await groups.committed(group, request.topic) };
    return c.json(body);
  });

  return app;
}
