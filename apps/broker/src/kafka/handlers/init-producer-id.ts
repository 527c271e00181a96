/**
 * InitProducerId (22) v0–5: gives a producer its producer id and epoch.
 *
 * Behavior:
 * - A null transactional id (an idempotent producer) gets a new producer id with epoch 0
 *   from the broker-wide ProducerIdManager (storage), which never hands out an id twice,
 *   across restarts and SIGKILL. Kafka does the same even when a v3+ request names the
 *   producer id and epoch it has: without a transactional id there is nothing to fence, so
 *   a new id replaces an epoch bump (the Java client bumps an idempotent epoch itself).
 *   It needs IdempotentWrite on the cluster or, as since Kafka 3.0 (KIP-679), Write on some
 *   topic; else CLUSTER_AUTHORIZATION_FAILED (31).
 * - A transactional id goes to the transaction coordinator: the id's producer id with its
 *   epoch bumped (a new id the first time), fencing every earlier instance of the producer;
 *   a transaction still open is aborted first. It needs Write on the transactional id, else
 *   TRANSACTIONAL_ID_AUTHORIZATION_FAILED (53). A timeout above transaction.max.timeout.ms
 *   is INVALID_TRANSACTION_TIMEOUT (50); markers still being written CONCURRENT_TRANSACTIONS
 *   (51, the client retries); a v3+ request naming an older producer id or epoch is
 *   PRODUCER_FENCED (90; INVALID_PRODUCER_EPOCH before v4).
 * - Failing to reserve ids durably is KAFKA_STORAGE_ERROR (56), with producer id -1.
 *
 * Version notes: v1 only changes throttling; v2+ is flexible; v3+ carries the producer id
 * and epoch the producer has (KIP-360); v4 answers PRODUCER_FENCED; v5 changes only which
 * errors a transactional producer may get.
 */
import { InitProducerId } from '@mini-kafka/kafka-protocol';
import { mayOnAnyTopic, mayOnCluster, mayOnTransactionalId } from '../access.js';
import { code, errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import { transactionErrorCode } from '../transaction-errors.js';

/** The first version that may answer PRODUCER_FENCED. */
const FENCED_SINCE = 4;

export const initProducerIdHandler = defineHandler({
  codec: InitProducerId,
  minVersion: 0,
  maxVersion: 5,
  async handle(request, source, ctx) {
    const failed = (errorCode: number) => ({ throttleTimeMs: 0, errorCode, producerId: -1, producerEpoch: -1 });
    try {
      const { transactionalId } = request;
      if (transactionalId !== null) {
        if (!mayOnTransactionalId(ctx, source, 'Write', transactionalId))
          return failed(code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED'));
        const answer = await ctx.transactions.initProducerId({
          transactionalId,
          transactionTimeoutMs: request.transactionTimeoutMs,
          producerId: request.producerId,
          producerEpoch: request.producerEpoch,
        });
        if (answer.error !== null) return failed(transactionErrorCode(answer.error, source.apiVersion, FENCED_SINCE));
        return {
          throttleTimeMs: 0,
          errorCode: NONE,
          producerId: answer.producerId,
          producerEpoch: answer.producerEpoch,
        };
      }
      if (!mayOnCluster(ctx, source, 'IdempotentWrite') && !mayOnAnyTopic(ctx, source, 'Write'))
        return failed(code('CLUSTER_AUTHORIZATION_FAILED'));
      const { producerId, producerEpoch } = await ctx.produce.initProducerId();
      return { throttleTimeMs: 0, errorCode: NONE, producerId, producerEpoch };
    } catch (error) {
      return failed(errorCodeOf(error));
    }
  },
});
