/**
 * CreatePartitions (37) v0–3, answered by the AdminService as POST
 * /v1/topics/{topic}/partitions is.
 *
 * Behaviour: grows each topic to `count` partitions; the same or a smaller count is
 * INVALID_PARTITIONS, an unknown topic UNKNOWN_TOPIC_OR_PARTITION. Manual assignments, when
 * given, need one entry per new partition (else INVALID_REPLICA_ASSIGNMENT), each [0]
 * (more brokers: INVALID_REPLICATION_FACTOR). A topic named twice is INVALID_REQUEST.
 * validateOnly checks without growing anything. Groups consuming the topic rebalance.
 * Version notes: every version has the same fields (v2+ flexible).
 */
import { CreatePartitions, type CreatePartitionsTopicResult } from '@mini-kafka/kafka-protocol';
import { assertOnTopic } from '../access.js';
import { adminService, duplicateEntry, failure, repeated } from '../admin-answers.js';
import { NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const createPartitionsHandler = defineHandler({
  codec: CreatePartitions,
  minVersion: 0,
  maxVersion: 3,
  async handle(request, source, ctx) {
    const admin = adminService(ctx);
    const twice = repeated(request.topics.map((t) => t.name));
    const results: CreatePartitionsTopicResult[] = [];
    for (const topic of request.topics) {
      try {
        if (twice.has(topic.name)) throw duplicateEntry('topic', topic.name);
        assertOnTopic(ctx, source, 'Alter', topic.name);
        // kafkajs writes "no assignments" as an empty array where Kafka's clients write null.
        const assignments =
          topic.assignments === null || topic.assignments.length === 0
            ? null
            : topic.assignments.map((a) => a.brokerIds);
        await admin.createPartitions(topic.name, topic.count, assignments, request.validateOnly);
        results.push({ name: topic.name, errorCode: NONE, errorMessage: null });
      } catch (error) {
        results.push({ name: topic.name, ...failure(error) });
      }
    }
    return { throttleTimeMs: 0, results };
  },
});
