/**
 * /v1/groups: join, heartbeat, leave, fetch from positions, seek, commit (fenced by
 * generation), committed offsets, offset resets and deletes, describe, list (by state),
 * delete. The Kafka admin APIs (ListGroups, DescribeGroups, DeleteGroups, OffsetDelete)
 * call the same coordinator methods.
 *
 * A member fetch with `Accept: application/vnd.kafka.record-batch` is answered with the
 * stored batches in a fetch frame (RecordBatchService), the SDK's binary transport; the
 * same positions move, and commits are the same JSON requests.
 */

import type { PartitionResult } from '@mini-kafka/coordinator';
import {
  type CommittedOffsetsResponse,
  commitRequest,
  committedOffsetsQuery,
  deleteOffsetsQuery,
  errorTypeForCode,
  type GroupDescription,
  type HeartbeatResponse,
  heartbeatRequest,
  type JoinGroupResponse,
  joinGroupRequest,
  type ListGroupsResponse,
  listGroupsQuery,
  type MemberFetchResponse,
  MiniKafkaError,
  memberFetchQuery,
  parseRecordBatchAccept,
  partitionFetchError,
  resetOffsetsRequest,
  seekRequest,
} from '@mini-kafka/protocol';
import { Hono } from 'hono';
import { brokerInflaters } from '../../compression/codecs.js';
import { countServedBatches, countServedRecords } from '../../metrics/served.js';
import { groupResource, topicResource } from '../../security/acl.js';
import { fetchForMember } from '../../services/member-fetch.js';
import { resolveResetTarget } from '../../services/offset-reset.js';
import { RecordBatchService } from '../../services/record-batch-service.js';
import { recordToJson } from '../../services/record-json.js';
import type { AppContext, Env } from '../app-context.js';
import { allows, requireAllowed, requireCreate } from '../authorize.js';
import { answerFetchFrame } from '../fetch-frame-answer.js';
import { groupParam, memberParam } from '../group-params.js';
import { holdUntilAnswered } from '../hold-until-answered.js';
import { jsonWithRecords } from '../json-records.js';
import { parseQuery, readJson } from '../read-body.js';

/** A partition OffsetDelete refused, as the HTTP API's error (nothing was deleted: one topic, one answer). */
function offsetDeleteError(group: string, refused: PartitionResult): MiniKafkaError {
  const type = errorTypeForCode(refused.errorCode) ?? 'UNKNOWN_SERVER_ERROR';
  const message =
    type === 'GROUP_SUBSCRIBED_TO_TOPIC'
      ? `A member of group "${group}" subscribes to topic "${refused.topic}"; its offsets stay`
      : `Cannot delete the offset of ${refused.topic}-${refused.partition} of group "${group}"`;
  return new MiniKafkaError(type, message, {
    details: { group, topic: refused.topic, partition: refused.partition },
  });
}

export function groupRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const { coordinator, logs, positions, config } = ctx;
  const batches = new RecordBatchService({
    ...ctx,
    inflaters: brokerInflaters,
    maxRecordBytes: ctx.config.maxMessageBytes,
  });

  // The coordinator answers the HTTP API's shapes; Kafka groups add a few fields (protocolType, clientHost, ...).
  app.get('/', (c) => {
    const { state } = parseQuery(listGroupsQuery, c.req.query());
    const groups = coordinator
      .listGroups({ states: state })
      .filter((g) => allows(ctx, c, 'Describe', groupResource(g.groupId)));
    return c.json({ groups } satisfies ListGroupsResponse);
  });

  app.get('/:group', (c) => {
    const group = groupParam(c);
    requireAllowed(ctx, c, 'Describe', groupResource(group));
    return c.json(coordinator.describe(group) satisfies GroupDescription);
  });

  app.delete('/:group', async (c) => {
    const group = groupParam(c);
    requireAllowed(ctx, c, 'Delete', groupResource(group));
    await coordinator.deleteGroup(group);
    positions.forgetGroup(group);
    return c.body(null, 204);
  });

  app.post('/:group/members', async (c) => {
    const group = groupParam(c);
    requireAllowed(ctx, c, 'Read', groupResource(group));
    const request = await readJson(c, joinGroupRequest, config.maxRequestBytes);
    for (const topic of request.topics) {
      requireAllowed(ctx, c, 'Read', topicResource(topic));
      if (config.autoCreateTopics && logs.getTopic(topic) === undefined) requireCreate(ctx, c, topic);
    }
    for (const topic of request.topics) await ctx.produce.ensureTopic(topic);
    const joined = await coordinator.join(group, {
      memberId: request.memberId,
      clientId: request.clientId,
      topics: request.topics,
      sessionTimeoutMs: request.sessionTimeoutMs ?? config.sessionTimeoutMs,
      assignor: request.assignor,
    });
    positions.setReset(group, joined.memberId, request.autoOffsetReset ?? 'earliest');
    const body: JoinGroupResponse = {
      groupId: group,
      memberId: joined.memberId,
      generationId: joined.generationId,
      assignor: joined.assignor,
      assignment: joined.assignment,
      sessionTimeoutMs: request.sessionTimeoutMs ?? config.sessionTimeoutMs,
    };
    return c.json(body);
  });

  app.post('/:group/members/:member/heartbeat', async (c) => {
    const group = groupParam(c);
    const member = memberParam(c);
    requireAllowed(ctx, c, 'Read', groupResource(group));
    const { generationId } = await readJson(c, heartbeatRequest, config.maxRequestBytes);
    return c.json(coordinator.heartbeat(group, member, generationId) satisfies HeartbeatResponse);
  });

  app.delete('/:group/members/:member', async (c) => {
    const group = groupParam(c);
    const member = memberParam(c);
    requireAllowed(ctx, c, 'Read', groupResource(group));
    await coordinator.leave(group, member);
    positions.forgetMember(group, member);
    return c.body(null, 204);
  });

  app.get('/:group/members/:member/records', async (c) => {
    const group = groupParam(c);
    const member = memberParam(c);
    requireAllowed(ctx, c, 'Read', groupResource(group));
    const query = parseQuery(memberFetchQuery, c.req.query());
    const state = coordinator.heartbeat(group, member, query.generationId ?? -1);
    for (const { topic } of state.assignment) requireAllowed(ctx, c, 'Read', topicResource(topic));
    const stale = query.generationId !== undefined && query.generationId !== state.generationId;
    const binary = parseRecordBatchAccept(c.req.header('accept'));
    if (binary !== undefined) {
      const frame = { version: binary.version, generationId: state.generationId, rebalanceRequired: stale };
      if (stale) return answerFetchFrame(c, { ...frame, partitions: [] });
      const { partitions, lease } = await batches.fetchForMember(group, member, state.assignment, {
        ...query,
        maxBytes: Math.min(query.maxBytes, config.fetchMaxBytes),
        memory: ctx.fetchMemory,
        codecs: binary.codecs,
        frameVersion: binary.version,
        signal: c.req.raw.signal,
      });
      countServedBatches(ctx.metrics, 'http', partitions);
      return answerFetchFrame(c, { ...frame, partitions }, lease);
    }
    const body: MemberFetchResponse = { generationId: state.generationId, rebalanceRequired: stale, records: [] };
    if (stale) return c.json(body);
    const {
      partitions: fetched,
      unreadable,
      lease,
    } = await fetchForMember(logs, coordinator, positions, group, member, state.assignment, {
      ...query,
      maxBytes: Math.min(query.maxBytes, config.fetchMaxBytes),
      memory: ctx.fetchMemory,
      signal: c.req.raw.signal,
    });
    holdUntilAnswered(c, lease);
    if (unreadable.length > 0) {
      body.errors = unreadable.map(({ topic, partition, offset, error }) => ({
        topic,
        partition,
        offset,
        error: partitionFetchError(error),
      }));
    }
    for (const { topic, records } of fetched) countServedRecords(ctx.metrics, 'http', topic, records);
    const items = fetched.flatMap(({ topic, partition, records }) =>
      records.map((record) => ({ topic, partition, record })),
    );
    return jsonWithRecords(c, body, items, ({ topic, partition, record }) =>
      recordToJson(topic, partition, record, query.encoding),
    );
  });

  app.post('/:group/members/:member/seek', async (c) => {
    const group = groupParam(c);
    const member = memberParam(c);
    requireAllowed(ctx, c, 'Read', groupResource(group));
    const request = await readJson(c, seekRequest, config.maxRequestBytes);
    requireAllowed(ctx, c, 'Read', topicResource(request.topic));
    // The member must own the partition and the offset lie within its log: the coordinator checks.
    const { topic, partition, offset } = coordinator.checkSeek(group, member, request);
    positions.set(group, member, topic, partition, offset);
    return c.body(null, 204);
  });

  app.post('/:group/offsets', async (c) => {
    const group = groupParam(c);
    requireAllowed(ctx, c, 'Read', groupResource(group));
    const request = await readJson(c, commitRequest, config.maxRequestBytes);
    for (const { topic } of request.offsets) requireAllowed(ctx, c, 'Read', topicResource(topic));
    // Fencing and the commit rule (nothing past the log end: 416) are the coordinator's.
    if (request.memberId === undefined) {
      await coordinator.commit(group, {}, request.offsets);
    } else {
      await coordinator.commit(
        group,
        { memberId: request.memberId, generationId: request.generationId },
        request.offsets,
      );
    }
    const body: CommittedOffsetsResponse = { groupId: group, offsets: coordinator.committed(group) };
    return c.json(body);
  });

  app.get('/:group/offsets', (c) => {
    const group = groupParam(c);
    requireAllowed(ctx, c, 'Describe', groupResource(group));
    const { topic } = parseQuery(committedOffsetsQuery, c.req.query());
    const offsets = coordinator
      .committed(group, topic)
      .filter((o) => allows(ctx, c, 'Describe', topicResource(o.topic)));
    const body: CommittedOffsetsResponse = { groupId: group, offsets };
    return c.json(body);
  });

  // Kafka's OffsetDelete for one topic (or one partition): refused while a member subscribes to the topic.
  app.delete('/:group/offsets', async (c) => {
    const group = groupParam(c);
    requireAllowed(ctx, c, 'Delete', groupResource(group));
    const { topic, partition } = parseQuery(deleteOffsetsQuery, c.req.query());
    requireAllowed(ctx, c, 'Read', topicResource(topic));
    const described = logs.getTopic(topic);
    if (described === undefined || (partition !== undefined && partition >= described.partitions)) {
      throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${topic}" has no such partition`, {
        details: { topic, ...(partition === undefined ? {} : { partition }) },
      });
    }
    const partitions =
      partition === undefined ? Array.from({ length: described.partitions }, (_, p) => p) : [partition];
    const results = await coordinator.deleteOffsets(
      group,
      partitions.map((p) => ({ topic, partition: p })),
    );
    const refused = results.find((r) => r.errorCode !== 0);
    if (refused !== undefined) throw offsetDeleteError(group, refused);
    for (const p of partitions) positions.forgetPartition(group, topic, p);
    const body: CommittedOffsetsResponse = { groupId: group, offsets: coordinator.committed(group) };
    return c.json(body);
  });

  app.post('/:group/offsets/reset', async (c) => {
    const group = groupParam(c);
    requireAllowed(ctx, c, 'Read', groupResource(group));
    const request = await readJson(c, resetOffsetsRequest, config.maxRequestBytes);
    requireAllowed(ctx, c, 'Read', topicResource(request.topic));
    const topic = logs.getTopic(request.topic);
    if (topic === undefined) {
      throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${request.topic}" does not exist`, {
        details: { topic: request.topic },
      });
    }
    const partitions =
      request.partition === undefined ? Array.from({ length: topic.partitions }, (_, p) => p) : [request.partition];
    const offsets = [];
    for (const partition of partitions) {
      const log = logs.getLog(request.topic, partition);
      offsets.push({ topic: request.topic, partition, offset: await resolveResetTarget(log, request.to) });
    }
    await coordinator.resetOffsets(group, offsets);
    for (const { partition } of offsets) positions.forgetPartition(group, request.topic, partition);
    const body: CommittedOffsetsResponse = { groupId: group, offsets: coordinator.committed(group, request.topic) };
    return c.json(body);
  });

  return app;
}
