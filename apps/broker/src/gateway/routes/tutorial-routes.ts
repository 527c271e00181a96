/**
 * The tutorial's routes over a cluster, with the local broker's paths, shapes, errors and
 * delivery: a poll does not move the group's position, only an ack does (it commits offset
 * + 1 to the cluster). Each consumer is a static member of the cluster's group named by its
 * consumer_id, held by the gateway it last reached: a request through another gateway takes
 * it over (no rebalance), so a balancer without sticky sessions is served correctly, only
 * slower. A consumer polling without a group reads the topic as a group of its own.
 */
import {
  isMiniKafkaError,
  MiniKafkaError,
  type TopicPartition,
  type TutorialAckResponse,
  type TutorialCreateResponse,
  type TutorialMessage,
  type TutorialProduceResponse,
  type TutorialSubscribeResponse,
  tutorialAckQuery,
  tutorialConsumerQuery,
  tutorialCreateQuery,
  tutorialGroupPath,
  tutorialPollQuery,
  tutorialProduceFields,
} from '@mini-kafka/protocol';
import type { StoredRecord } from '@mini-kafka/storage';
import { Hono } from 'hono';
import { decodeFetched, fetch, listOffset } from '../../cluster/partition-io.js';
import { createTopic, requireTopic } from '../../cluster/topic-admin.js';
import type { Env } from '../../http/app-context.js';
import { offsetParam, topicParam } from '../../http/params.js';
import { parseQuery, readJson } from '../../http/read-body.js';
import { soloGroupId } from '../../http/routes/tutorial-routes.js';
import { assertWellFormed } from '../../services/record-json.js';
import type { GatewayContext } from '../gateway-context.js';

function toMessage(partition: number, record: StoredRecord): TutorialMessage {
  return {
    message_id: record.offset,
    message_offset: record.offset,
    partition_id: partition,
    data: record.value === null ? null : record.value.toString('utf8'),
  };
}

export function tutorialRoutes(ctx: GatewayContext): Hono<Env> {
  const app = new Hono<Env>();
  const { client, groups, config } = ctx;
  const joinedGroups = new Map<string, string>();
  const membership = (topic: string, consumer: string): string => `${topic}\u0000${consumer}`;

  const requireTutorialTopic = async (topic: string): Promise<number> => {
    try {
      return (await requireTopic(client, topic)).partitions;
    } catch (error) {
      if (isMiniKafkaError(error, 'UNKNOWN_TOPIC_OR_PARTITION')) {
        throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic ${topic} not found`);
      }
      throw error;
    }
  };

  const joinFor = async (topic: string, group: string, consumer: string): Promise<TopicPartition[]> => {
    const assignment = await groups.tutorialJoin(group, consumer, topic);
    if (!group.startsWith('__solo.')) joinedGroups.set(membership(topic, consumer), group);
    return assignment.filter((tp) => tp.topic === topic);
  };

  /** The next committed message of each partition after the group's committed offset, if any. */
  const nextMessages = async (group: string, topic: string, assignment: readonly TopicPartition[]) => {
    const committed = await groups.committed(group, topic);
    const wants = await Promise.all(
      assignment.map(async ({ partition }) => {
        const at = committed.find((c) => c.partition === partition)?.offset;
        const start = (await listOffset(client, topic, partition, -2)).offset;
        return { topic, partition, offset: at === undefined || at < start ? start : at, maxBytes: 64 * 1024 };
      }),
    );
    if (wants.length === 0) return [];
    const fetched = await fetch(client, wants, { maxWaitMs: 0, maxBytes: 1024 * 1024, isolation: 'read_committed' });
    const found: { partition: number; record: StoredRecord }[] = [];
    for (const partition of fetched) {
      if (partition.errorCode !== 0) continue;
      const [record] = decodeFetched(partition, 'read_committed', 1);
      if (record !== undefined) found.push({ partition: partition.partition, record });
    }
    return found;
  };

  app.post('/:topic/create', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const { num_partitions = config.defaultPartitions } = parseQuery(tutorialCreateQuery, c.req.query());
    try {
      await createTopic(client, { name: topic, partitions: num_partitions });
      return c.json({ topic, num_partitions, created: true } satisfies TutorialCreateResponse);
    } catch (error) {
      if (!isMiniKafkaError(error, 'TOPIC_ALREADY_EXISTS')) throw error;
      const existing = await requireTopic(client, topic, true);
      return c.json({ topic, num_partitions: existing.partitions, created: false } satisfies TutorialCreateResponse);
    }
  });

  app.post('/:topic/messages', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const query = c.req.query();
    const fields =
      query.message !== undefined
        ? parseQuery(tutorialProduceFields, query)
        : await readJson(c, tutorialProduceFields, config.maxRequestBytes, 'message');
    const key = fields.key === undefined || fields.key === '' ? null : fields.key;
    assertWellFormed(fields.message, 'message');
    if (key !== null) assertWellFormed(key, 'key');
    const [result] = await ctx.produce.produce(topic, [{ key, value: fields.message }]);
    return c.json({
      message_id: result!.offset,
      message_offset: result!.offset,
      partition_id: result!.partition,
    } satisfies TutorialProduceResponse);
  });

  app.post('/:topic/groups/:group/subscribe', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const group = parseQuery(tutorialGroupPath, { group: c.req.param('group') }).group;
    const { consumer_id } = parseQuery(tutorialConsumerQuery, c.req.query());
    await requireTutorialTopic(topic);
    const assignment = await joinFor(topic, group, consumer_id);
    return c.json({ assigned_partitions: assignment.map((tp) => tp.partition) } satisfies TutorialSubscribeResponse);
  });

  app.get('/:topic/messages', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const { consumer_id, group_id } = parseQuery(tutorialPollQuery, c.req.query());
    const group = group_id ?? soloGroupId(consumer_id);
    await requireTutorialTopic(topic);
    const assignment = await joinFor(topic, group, consumer_id);
    if (group_id !== undefined) {
      if (assignment.length === 0) {
        return c.json({ detail: `Consumer ${consumer_id} has no partitions of ${topic} in group ${group_id}` }, 404);
      }
      const found = await nextMessages(group, topic, assignment);
      return c.json(found.map(({ partition, record }) => toMessage(partition, record)));
    }
    let best: { partition: number; record: StoredRecord } | undefined;
    for (const found of await nextMessages(group, topic, assignment)) {
      if (best === undefined || found.record.timestamp < best.record.timestamp) best = found;
    }
    if (best === undefined) return c.json({ detail: 'No new messages' }, 404);
    return c.json(toMessage(best.partition, best.record));
  });

  app.post('/:topic/messages/:offset/ack', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const offset = offsetParam(c.req.param('offset'));
    const { consumer_id, partition_id, group_id } = parseQuery(tutorialAckQuery, c.req.query());
    const group = group_id ?? joinedGroups.get(membership(topic, consumer_id)) ?? soloGroupId(consumer_id);
    const partitions = await requireTutorialTopic(topic);
    if (partition_id >= partitions)
      throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic ${topic} has no partition ${partition_id}`);
    const end = (await listOffset(client, topic, partition_id, -1)).offset;
    if (offset + 1 > end) {
      throw new MiniKafkaError(
        'OFFSET_OUT_OF_RANGE',
        `Offset ${offset} of ${topic}-${partition_id} cannot be acknowledged: no such message yet`,
        { details: { topic, partition: partition_id, offset } },
      );
    }
    // The consumer commits as the group member it is (taken over here if another gateway held it).
    if (!groups.holds(group, consumer_id)) await joinFor(topic, group, consumer_id);
    await groups.commit(group, { memberId: consumer_id }, [{ topic, partition: partition_id, offset: offset + 1 }]);
    const body: TutorialAckResponse = {
      acknowledged: true,
      group_id: group,
      partition_id,
      message_offset: offset,
      next_offset: offset + 1,
    };
    return c.json(body);
  });

  return app;
}
