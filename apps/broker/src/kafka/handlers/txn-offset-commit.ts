/**
 * TxnOffsetCommit (28) v0–3: a transactional producer commits a consumer group's offsets inside
 * its transaction (consume-transform-produce). The offsets are held pending by the group
 * coordinator and become the group's committed offsets only when the transaction commits
 * (EndTxn); an abort drops them.
 *
 * Behavior:
 * - Write on the transactional id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 53) and Read on the
 *   group (GROUP_AUTHORIZATION_FAILED, 30) are needed, for every partition; each topic needs
 *   Read (TOPIC_AUTHORIZATION_FAILED, 29, for its partitions, the others still committed), as
 *   OffsetCommit.
 * - The transaction must be open with the group added (AddOffsetsToTxn) and the producer's
 *   epoch current: else the transaction coordinator's error for every partition
 *   (INVALID_PRODUCER_ID_MAPPING 49, PRODUCER_FENCED 90 (before v3 INVALID_PRODUCER_EPOCH),
 *   INVALID_TXN_STATE 48, CONCURRENT_TRANSACTIONS 51).
 * - Then the group coordinator checks the member as Kafka does from v3 (generation -1 with an
 *   empty member id is a producer outside the group: allowed; otherwise UNKNOWN_MEMBER_ID,
 *   ILLEGAL_GENERATION, FENCED_INSTANCE_ID) and the metadata size (OFFSET_METADATA_TOO_LARGE).
 */
import { TxnOffsetCommit, type TxnOffsetCommitRequest } from '@mini-kafka/kafka-protocol';
import { mayOnGroup, mayOnTopic, mayOnTransactionalId } from '../access.js';
import { code, errorCodeOf } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import { transactionErrorCode } from '../transaction-errors.js';

const FENCED_SINCE = 3;

type Topics = TxnOffsetCommitRequest['topics'];

const refuse = (topics: Topics, errorCode: number) =>
  topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
  }));

export const txnOffsetCommitHandler = defineHandler({
  codec: TxnOffsetCommit,
  minVersion: 0,
  maxVersion: 3,
  async handle(request, source, ctx) {
    const respond = (topics: ReturnType<typeof refuse>) => ({ throttleTimeMs: 0, topics });
    const { transactionalId, groupId, producerId, producerEpoch } = request;
    if (!mayOnTransactionalId(ctx, source, 'Write', transactionalId))
      return respond(refuse(request.topics, code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED')));
    if (!mayOnGroup(ctx, source, 'Read', groupId))
      return respond(refuse(request.topics, code('GROUP_AUTHORIZATION_FAILED')));
    const readable = request.topics.filter((topic) => mayOnTopic(ctx, source, 'Read', topic.name));
    const refused = refuse(
      request.topics.filter((topic) => !readable.includes(topic)),
      code('TOPIC_AUTHORIZATION_FAILED'),
    );
    if (readable.length === 0) return respond(refused);
    const txnError = ctx.transactions.checkOffsetCommit({ transactionalId, producerId, producerEpoch, groupId });
    if (txnError !== null)
      return respond([
        ...refuse(readable, transactionErrorCode(txnError, source.apiVersion, FENCED_SINCE)),
        ...refused,
      ]);
    try {
      const results = await ctx.coordinator.txnCommit({
        groupId,
        transactionalId,
        producerId,
        producerEpoch,
        generationId: request.generationId,
        memberId: request.memberId,
        groupInstanceId: request.groupInstanceId,
        offsets: readable.flatMap((topic) =>
          topic.partitions.map((p) => ({
            topic: topic.name,
            partition: p.partitionIndex,
            offset: p.committedOffset,
            leaderEpoch: p.committedLeaderEpoch,
            metadata: p.committedMetadata,
          })),
        ),
      });
      const codeOf = new Map(
        results.map((r) => [`${r.partition}:${r.topic}`, r.error === null ? 0 : code(r.error)] as const),
      );
      const committed = readable.map((topic) => ({
        name: topic.name,
        partitions: topic.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorCode: codeOf.get(`${p.partitionIndex}:${topic.name}`) ?? code('UNKNOWN_SERVER_ERROR'),
        })),
      }));
      return respond([...committed, ...refused]);
    } catch (error) {
      return respond([...refuse(readable, errorCodeOf(error)), ...refused]);
    }
  },
});
