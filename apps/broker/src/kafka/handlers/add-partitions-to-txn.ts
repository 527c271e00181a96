/**
 * AddPartitionsToTxn (24) v0–3: a transactional producer names the partitions it is about to
 * write before it writes them; the transaction coordinator adds them to the open transaction
 * (starting one if none is open), and the commit or abort markers go to exactly these.
 *
 * Behavior, as Kafka's broker answers a client (v4+ is the broker-to-broker batched form):
 * - Write on the transactional id is needed; else every partition is
 *   TRANSACTIONAL_ID_AUTHORIZATION_FAILED (53).
 * - Each topic needs Write: the partitions of a topic that may not be written are
 *   TOPIC_AUTHORIZATION_FAILED (29), checked before it is looked up; a partition that does not
 *   exist is UNKNOWN_TOPIC_OR_PARTITION (3). Either way nothing is added and every other
 *   partition is OPERATION_NOT_ATTEMPTED (55).
 * - Otherwise the coordinator's answer is every partition's: NONE, CONCURRENT_TRANSACTIONS
 *   (51) while the previous transaction's markers are written, INVALID_PRODUCER_ID_MAPPING
 *   (49) for a producer id the transactional id does not have, PRODUCER_FENCED (90; before
 *   v2 INVALID_PRODUCER_EPOCH) for an older epoch, INVALID_TXN_STATE (48).
 */
import { AddPartitionsToTxn, type AddPartitionsToTxnRequest } from '@mini-kafka/kafka-protocol';
import type { TopicPartition } from '@mini-kafka/protocol/core';
import { mayOnTopic, mayOnTransactionalId } from '../access.js';
import { code, errorCodeOf } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import type { KafkaContext } from '../kafka-context.js';
import { transactionErrorCode } from '../transaction-errors.js';

const FENCED_SINCE = 2;

type Results = { name: string; resultsByPartition: { partitionIndex: number; partitionErrorCode: number }[] }[];

/** Every partition of the request with the code `codeOf` gives it. */
function answer(request: AddPartitionsToTxnRequest, codeOf: (topic: string, partition: number) => number): Results {
  return request.topics.map(({ name, partitions }) => ({
    name,
    resultsByPartition: partitions.map((partitionIndex) => ({
      partitionIndex,
      partitionErrorCode: codeOf(name, partitionIndex),
    })),
  }));
}

/** Why a partition may not join the transaction (its code), or undefined when it may. */
function refusal(ctx: KafkaContext, writable: (topic: string) => boolean, topic: string, partition: number) {
  if (!writable(topic)) return code('TOPIC_AUTHORIZATION_FAILED');
  const partitions = ctx.logs.getTopic(topic)?.partitions ?? 0;
  return partition >= 0 && partition < partitions ? undefined : code('UNKNOWN_TOPIC_OR_PARTITION');
}

export const addPartitionsToTxnHandler = defineHandler({
  codec: AddPartitionsToTxn,
  minVersion: 0,
  maxVersion: 3,
  async handle(request, source, ctx) {
    const respond = (codeOf: (topic: string, partition: number) => number) => ({
      throttleTimeMs: 0,
      resultsByTopic: answer(request, codeOf),
    });
    if (!mayOnTransactionalId(ctx, source, 'Write', request.transactionalId))
      return respond(() => code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED'));
    const writable = new Map<string, boolean>();
    const mayWrite = (topic: string): boolean => {
      const known = writable.get(topic);
      if (known !== undefined) return known;
      const may = mayOnTopic(ctx, source, 'Write', topic);
      writable.set(topic, may);
      return may;
    };
    const refused = new Map<string, number>();
    const partitions: TopicPartition[] = [];
    for (const { name, partitions: indexes } of request.topics) {
      for (const partition of indexes) {
        const why = refusal(ctx, mayWrite, name, partition);
        if (why === undefined) partitions.push({ topic: name, partition });
        else refused.set(`${partition}:${name}`, why);
      }
    }
    if (refused.size > 0)
      return respond((topic, partition) => refused.get(`${partition}:${topic}`) ?? code('OPERATION_NOT_ATTEMPTED'));
    let errorCode: number;
    try {
      const { error } = await ctx.transactions.addPartitions({
        transactionalId: request.transactionalId,
        producerId: request.producerId,
        producerEpoch: request.producerEpoch,
        partitions,
      });
      errorCode = transactionErrorCode(error, source.apiVersion, FENCED_SINCE);
    } catch (error) {
      errorCode = errorCodeOf(error);
    }
    return respond(() => errorCode);
  },
});
