/**
 * The routes of the tutorial design Mini Kafka grew from, exactly as its clients call
 * them: query parameters in, snake_case JSON out, `{"detail": "..."}` on errors.
 *
 * Delivery is the tutorial's: a poll does not move a group's position, only an ack does
 * (an ack of offset N commits N + 1, Kafka's "next offset to read"), so an unacknowledged
 * message comes again on the next poll. Members join groups through the same coordinator
 * as /v1 (round-robin assignor); any request from a member is its heartbeat. A consumer
 * polling without a group reads the whole topic as a group of its own.
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
import { type Context, Hono } from 'hono';
import { countServedRecords } from '../../metrics/served.js';
import { groupResource, topicResource } from '../../security/acl.js';
import { isPartitionReadError } from '../../services/member-fetch.js';
import { holdRecords, leaseRead } from '../../services/read-lease.js';
import { assertWellFormed } from '../../services/record-json.js';
import type { AppContext, Env } from '../app-context.js';
import { requireAllowed, requireCreate, requireWrite } from '../authorize.js';
import { holdUntilAnswered } from '../hold-until-answered.js';
import { offsetParam, topicParam } from '../params.js';
import { parseQuery, readJson } from '../read-body.js';

/** The group a consumer reading without one belongs to: its own. */
export function soloGroupId(consumer: string): string {
  return `__solo.${consumer}`;
}

function toMessage(partition: number, record: StoredRecord): TutorialMessage {
  return {
    message_id: record.offset,
    message_offset: record.offset,
    partition_id: partition,
    data: record.value === null ? null : record.value.toString('utf8'),
  };
}

function notFound(detail: string): MiniKafkaError {
  return new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', detail);
}

export function tutorialRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const { logs, coordinator, config } = ctx;
  /** Which group each consumer joined for each topic, so an ack without group_id finds it. */
  const joinedGroups = new Map<string, string>();
  const membership = (topic: string, consumer: string): string => `${topic}\u0000${consumer}`;

  const requireTopic = (topic: string): number => {
    const described = logs.getTopic(topic);
    if (described === undefined) throw notFound(`Topic ${topic} not found`);
    return described.partitions;
  };

  /** Joins (idempotently) `consumer` to `group` for `topic`, keeping any other topics it reads. */
  const joinFor = async (topic: string, group: string, consumer: string): Promise<TopicPartition[]> => {
    const current = coordinator.memberTopics(group, consumer);
    const topics = current === undefined ? [topic] : [...new Set([...current, topic])];
    const joined = await coordinator.join(group, {
      memberId: consumer,
      clientId: consumer,
      topics,
      sessionTimeoutMs: config.sessionTimeoutMs,
      assignor: 'roundrobin',
    });
    if (!group.startsWith('__solo.')) joinedGroups.set(membership(topic, consumer), group);
    return joined.assignment;
  };

  /**
   * The next message of a partition after the group's committed position, if any, read within
   * a lease of the fetch memory budget, held until the answer to `c` is written.
   */
  const nextMessage = async (
    c: Context<Env>,
    group: string,
    topic: string,
    partition: number,
  ): Promise<StoredRecord | undefined> => {
    const log = logs.getLog(topic, partition);
    const committed = coordinator.committed(group, topic).find((entry) => entry.partition === partition)?.offset;
    const position = committed === undefined || committed < log.logStartOffset ? log.logStartOffset : committed;
    // Committed data only: the tutorial's consumers never see an open or aborted transaction's records.
    if (position >= log.lastStableOffset) return undefined;
    const limit = { maxRecords: 1, maxBytes: 1 };
    const { lease, limits } = await leaseRead(ctx.fetchMemory, [log], limit, c.req.raw.signal);
    holdUntilAnswered(c, lease);
    if (limits.maxRecords === 0) return undefined;
    const { records } = await log.read(position, { ...limits, isolation: 'read_committed' });
    holdRecords(lease, records);
    return records[0];
  };

  /**
   * The next message of each partition that has one. A partition that cannot be read (damage,
   * failing storage) does not hide the others' messages: it is passed over while another
   * partition answers, and its error is the answer when none does (the tutorial's answers have
   * no room for both; the broker's log and topic describe name the damage either way).
   */
  const nextMessages = async (
    c: Context<Env>,
    group: string,
    topic: string,
    assignment: readonly { partition: number }[],
  ): Promise<{ partition: number; record: StoredRecord }[]> => {
    const found: { partition: number; record: StoredRecord }[] = [];
    let unreadable: unknown;
    for (const { partition } of assignment) {
      try {
        const record = await nextMessage(c, group, topic, partition);
        if (record !== undefined) found.push({ partition, record });
      } catch (error) {
        if (!isPartitionReadError(error)) throw error;
        unreadable ??= error;
      }
    }
    if (found.length === 0 && unreadable !== undefined) throw unreadable;
    return found;
  };

  app.post('/:topic/create', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    requireCreate(ctx, c, topic);
    const { num_partitions = config.defaultPartitions } = parseQuery(tutorialCreateQuery, c.req.query());
    const { created, topic: described } = await logs.createTopic(topic, { partitions: num_partitions }, true);
    if (created) ctx.logger.info({ topic, partitions: num_partitions }, 'topic created');
    return c.json({ topic, num_partitions: described.partitions, created } satisfies TutorialCreateResponse);
  });

  app.post('/:topic/messages', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    requireWrite(ctx, c, topic);
    const query = c.req.query();
    const fields =
      query.message !== undefined
        ? parseQuery(tutorialProduceFields, query)
        : await readJson(c, tutorialProduceFields, config.maxRequestBytes, 'message');
    const key = fields.key === undefined || fields.key === '' ? null : fields.key;
    assertWellFormed(fields.message, 'message');
    if (key !== null) assertWellFormed(key, 'key');
    const [result] = await ctx.produce.produce(topic, [{ key, value: fields.message }]);
    const body: TutorialProduceResponse = {
      message_id: result!.offset,
      message_offset: result!.offset,
      partition_id: result!.partition,
    };
    return c.json(body);
  });

  app.post('/:topic/groups/:group/subscribe', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const group = parseQuery(tutorialGroupPath, { group: c.req.param('group') }).group;
    const { consumer_id } = parseQuery(tutorialConsumerQuery, c.req.query());
    requireAllowed(ctx, c, 'Read', topicResource(topic));
    requireAllowed(ctx, c, 'Read', groupResource(group));
    requireTopic(topic);
    const assignment = await joinFor(topic, group, consumer_id);
    const partitions = assignment.filter((tp) => tp.topic === topic).map((tp) => tp.partition);
    return c.json({ assigned_partitions: partitions } satisfies TutorialSubscribeResponse);
  });

  app.get('/:topic/messages', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const { consumer_id, group_id } = parseQuery(tutorialPollQuery, c.req.query());
    const group = group_id ?? soloGroupId(consumer_id);
    requireAllowed(ctx, c, 'Read', topicResource(topic));
    requireAllowed(ctx, c, 'Read', groupResource(group));
    requireTopic(topic);
    const assignment = (await joinFor(topic, group, consumer_id)).filter((tp) => tp.topic === topic);

    if (group_id !== undefined) {
      if (assignment.length === 0) {
        return c.json({ detail: `Consumer ${consumer_id} has no partitions of ${topic} in group ${group_id}` }, 404);
      }
      const found = await nextMessages(c, group, topic, assignment);
      countServedRecords(
        ctx.metrics,
        'http',
        topic,
        found.map(({ record }) => record),
      );
      return c.json(found.map(({ partition, record }) => toMessage(partition, record)));
    }

    // No group: the next unacknowledged message of the whole topic, oldest timestamp first.
    let best: { partition: number; record: StoredRecord } | undefined;
    for (const found of await nextMessages(c, group, topic, assignment)) {
      if (best === undefined || found.record.timestamp < best.record.timestamp) best = found;
    }
    if (best === undefined) return c.json({ detail: 'No new messages' }, 404);
    countServedRecords(ctx.metrics, 'http', topic, [best.record]);
    return c.json(toMessage(best.partition, best.record));
  });

  app.post('/:topic/messages/:offset/ack', async (c) => {
    const topic = topicParam(c.req.param('topic'));
    const offset = offsetParam(c.req.param('offset'));
    const { consumer_id, partition_id, group_id } = parseQuery(tutorialAckQuery, c.req.query());
    const group = group_id ?? joinedGroups.get(membership(topic, consumer_id)) ?? soloGroupId(consumer_id);
    requireAllowed(ctx, c, 'Read', topicResource(topic));
    requireAllowed(ctx, c, 'Read', groupResource(group));
    requireTopic(topic);
    logs.getLog(topic, partition_id); // a partition the topic lacks: 404 before anything changes
    // A solo consumer not joined yet commits into its still empty group first, then joins: an ack
    // the commit rule refuses then leaves no member, group or rebalance behind.
    const joinAfter = group.startsWith('__solo.') && coordinator.memberTopics(group, consumer_id) === undefined;
    // The coordinator's commit rule refuses a commit past the log end: an ack of a message not written yet.
    try {
      await coordinator.commit(group, joinAfter ? {} : { memberId: consumer_id }, [
        { topic, partition: partition_id, offset: offset + 1 },
      ]);
      if (joinAfter) await joinFor(topic, group, consumer_id);
    } catch (error) {
      if (isMiniKafkaError(error, 'UNKNOWN_MEMBER_ID')) {
        throw new MiniKafkaError('UNKNOWN_MEMBER_ID', `Consumer ${consumer_id} is not a member of group ${group}`);
      }
      if (isMiniKafkaError(error, 'OFFSET_OUT_OF_RANGE')) {
        throw new MiniKafkaError(
          'OFFSET_OUT_OF_RANGE',
          `Offset ${offset} of ${topic}-${partition_id} cannot be acknowledged: no such message yet`,
          { details: { topic, partition: partition_id, offset } },
        );
      }
      throw error;
    }
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
