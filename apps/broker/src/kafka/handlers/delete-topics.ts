/**
 * DeleteTopics (20) v0–6, answered by the AdminService as DELETE /v1/topics/{topic} is.
 *
 * Behaviour: each topic is deleted with its data, and the groups' assignments and
 * committed offsets of it are dropped. An unknown name is UNKNOWN_TOPIC_OR_PARTITION; an
 * unknown id UNKNOWN_TOPIC_ID (answered with a null name); a topic named twice in one
 * request is INVALID_REQUEST. A topic created again under the same name gets a new id.
 * Version notes: up to v5 topics are named (`topicNames`); from v6 each entry gives a
 * name or (with a null name) a topic id, not both (INVALID_REQUEST). Error messages from
 * v5, topic ids in the answer from v6.
 */
import { type DeletableTopicResult, DeleteTopics, ZERO_UUID } from '@mini-kafka/kafka-protocol';
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { assertOnTopic, mayOnTopic } from '../access.js';
import { adminService, duplicateEntry, failure, repeated } from '../admin-answers.js';
import { NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const deleteTopicsHandler = defineHandler({
  codec: DeleteTopics,
  minVersion: 0,
  maxVersion: 6,
  async handle(request, source, ctx) {
    const admin = adminService(ctx);
    const entries =
      source.apiVersion >= 6 ? request.topics : request.topicNames.map((name) => ({ name, topicId: ZERO_UUID }));
    const twice = repeated(entries.map((e) => e.name ?? (e.topicId === ZERO_UUID ? null : e.topicId)));
    const responses: DeletableTopicResult[] = [];
    for (const { name, topicId } of entries) {
      try {
        if (twice.has(name ?? topicId)) throw duplicateEntry('topic', name ?? topicId);
        if (name !== null && topicId !== ZERO_UUID) {
          throw new MiniKafkaError('INVALID_REQUEST', 'A topic is named by its name or by its id, not both');
        }
        if (name === null && topicId === ZERO_UUID) {
          throw new MiniKafkaError('INVALID_REQUEST', 'A topic needs a name or an id');
        }
        // By id, a topic the session may not Describe is not told apart from one that does not exist.
        const known = name ?? ctx.logs.topicName(topicId);
        if (name === null && known !== undefined && !mayOnTopic(ctx, source, 'Describe', known))
          throw new MiniKafkaError('UNKNOWN_TOPIC_ID', `No topic has id ${topicId}`);
        if (known !== undefined) assertOnTopic(ctx, source, 'Delete', known);
        const deleted = await admin.deleteTopic(name !== null ? { name } : { topicId });
        responses.push({ name: deleted.name, topicId: deleted.topicId, errorCode: NONE, errorMessage: null });
      } catch (error) {
        // Before v6 a name is never null; from v6 an entry by id has none until it is found.
        responses.push({ name: name ?? (source.apiVersion >= 6 ? null : ''), topicId, ...failure(error) });
      }
    }
    return { throttleTimeMs: 0, responses };
  },
});
