/**
 * InitProducerId (22) v0–5: gives an idempotent producer its producer id and epoch.
 *
 * Behavior:
 * - A null transactional id (an idempotent producer) gets a new producer id with epoch 0
 *   from the broker-wide ProducerIdManager (storage), which never hands out an id twice,
 *   across restarts and SIGKILL. Kafka does the same even when a v3+ request names the
 *   producer id and epoch it has: without a transactional id there is nothing to fence, so
 *   a new id replaces an epoch bump (the Java client bumps an idempotent epoch itself).
 * - A transactional id is TRANSACTIONAL_ID_AUTHORIZATION_FAILED (53): transactions are not
 *   supported. Both kafkajs ("Transactional Id authorization failed") and librdkafka
 *   ("Broker: Transactional Id authorization failed") treat it as fatal and print a message
 *   that names transactional ids, where INVALID_REQUEST or UNSUPPORTED_VERSION would read as
 *   a client bug. (FindCoordinator with key type 1, the first call of a transactional
 *   producer, answers COORDINATOR_NOT_AVAILABLE "Transactions are not supported".)
 * - An idempotent producer needs IdempotentWrite on the cluster or, as since Kafka 3.0
 *   (KIP-679), Write on some topic; else CLUSTER_AUTHORIZATION_FAILED (31).
 * - Failing to reserve ids durably is KAFKA_STORAGE_ERROR (56), with producer id -1.
 *
 * Version notes: v1 only changes throttling; v2+ is flexible; v3+ carries the producer id
 * and epoch the producer has (answered with a new id, as above); v4 and v5 change only
 * which errors a transactional producer may get.
 */
import { InitProducerId } from '@mini-kafka/kafka-protocol';
import { mayOnAnyTopic, mayOnCluster } from '../access.js';
import { code, errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const initProducerIdHandler = defineHandler({
  codec: InitProducerId,
  minVersion: 0,
  maxVersion: 5,
  async handle(request, source, ctx) {
    const failed = (errorCode: number) => ({ throttleTimeMs: 0, errorCode, producerId: -1, producerEpoch: -1 });
    if (request.transactionalId !== null) return failed(code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED'));
    if (!mayOnCluster(ctx, source, 'IdempotentWrite') && !mayOnAnyTopic(ctx, source, 'Write'))
      return failed(code('CLUSTER_AUTHORIZATION_FAILED'));
    try {
      const { producerId, producerEpoch } = await ctx.produce.initProducerId();
      return { throttleTimeMs: 0, errorCode: NONE, producerId, producerEpoch };
    } catch (error) {
      return failed(errorCodeOf(error));
    }
  },
});
