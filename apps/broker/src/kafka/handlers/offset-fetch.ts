/**
 * OffsetFetch (9) v0–8: a group's committed offsets (either kind of group), -1 with empty
 * metadata and no error where nothing is committed; `topics: null` (v2+) asks for every
 * committed one. An invalid group id (24) or a coordinator shutting down (15) is answered
 * on every requested partition, and at the top from v2. v8 asks for several groups at once
 * and gets an answer per group (the coordinator answers both shapes; the codec writes the
 * version's).
 *
 * Authorization, as Kafka's: a group the session may not Describe is
 * GROUP_AUTHORIZATION_FAILED (30) on its partitions and, v2+, at the top (v8: the group's);
 * a topic asked for without Describe on it is TOPIC_AUTHORIZATION_FAILED on its partitions;
 * asking for every topic leaves out those the session may not Describe.
 */
import { OffsetFetch, type OffsetFetchResponse, type OffsetFetchResponseGroup } from '@mini-kafka/kafka-protocol';
import { mayOnGroup, mayOnTopic } from '../access.js';
import { code, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import type { KafkaContext, RequestSource } from '../kafka-context.js';

type Topics = NonNullable<OffsetFetchResponseGroup['topics']>;

/** Every partition of `topics` answered with `errorCode` and no offset. */
const refuse = (topics: Topics, errorCode: number): Topics =>
  topics.map((topic) => ({
    name: topic.name,
    partitions: (topic.partitions ?? []).map((p) => ({
      partitionIndex: p.partitionIndex,
      committedOffset: -1,
      metadata: '',
      errorCode,
    })),
  }));

/** One group's answer as the session may see it. */
function visible(
  group: OffsetFetchResponseGroup,
  askedAll: boolean,
  source: RequestSource,
  ctx: KafkaContext,
): OffsetFetchResponseGroup {
  const asked = group.topics ?? [];
  if (!mayOnGroup(ctx, source, 'Describe', group.groupId ?? '')) {
    const errorCode = code('GROUP_AUTHORIZATION_FAILED');
    return { groupId: group.groupId, errorCode, topics: askedAll ? [] : refuse(asked, errorCode) };
  }
  const topics = asked.flatMap((topic) => {
    if (mayOnTopic(ctx, source, 'Describe', topic.name ?? '')) return [topic];
    return askedAll ? [] : refuse([topic], code('TOPIC_AUTHORIZATION_FAILED'));
  });
  return { ...group, topics };
}

export const offsetFetchHandler = defineHandler({
  codec: OffsetFetch,
  minVersion: 0,
  maxVersion: 8,
  handle: async (request, source, ctx): Promise<OffsetFetchResponse> => {
    const answer = ctx.coordinator.kafkaOffsetFetch(request);
    const groups = (answer.groups ?? []).map((group, i) =>
      visible(group, (request.groups[i]?.topics ?? null) === null, source, ctx),
    );
    const first = groups[0];
    return {
      ...answer,
      errorCode: first?.errorCode ?? answer.errorCode ?? NONE,
      topics: first?.topics ?? answer.topics ?? [],
      groups,
    };
  },
});
