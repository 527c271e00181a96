/**
 * DescribeProducers (61) v0: the producers a partition remembers (idempotent and transactional):
 * id, epoch, last sequence and append time, the coordinator epoch of their last marker and the
 * first offset of their open transaction (-1 when none), as Kafka's admin tools show them when
 * hunting a transaction that blocks read_committed consumers. Needs Read on the topic
 * (TOPIC_AUTHORIZATION_FAILED, 29, decided before the topic is looked up); a partition that does
 * not exist is UNKNOWN_TOPIC_OR_PARTITION (3).
 */
import { DescribeProducers } from '@mini-kafka/kafka-protocol';
import { mayOnTopic } from '../access.js';
import { code, errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const describeProducersHandler = defineHandler({
  codec: DescribeProducers,
  minVersion: 0,
  maxVersion: 0,
  async handle(request, source, ctx) {
    const topics = request.topics.map(({ name, partitionIndexes }) => {
      const readable = mayOnTopic(ctx, source, 'Read', name);
      return {
        name,
        partitions: partitionIndexes.map((partitionIndex) => {
          const failed = (errorCode: number) => ({
            partitionIndex,
            errorCode,
            errorMessage: null,
            activeProducers: [],
          });
          if (!readable) return failed(code('TOPIC_AUTHORIZATION_FAILED'));
          try {
            const log = ctx.logs.getLog(name, partitionIndex);
            return {
              partitionIndex,
              errorCode: NONE,
              errorMessage: null,
              activeProducers: log.producers().map((producer) => ({
                producerId: producer.producerId,
                producerEpoch: producer.producerEpoch,
                lastSequence: producer.lastSequence,
                lastTimestamp: producer.lastTimestamp,
                coordinatorEpoch: producer.coordinatorEpoch,
                currentTxnStartOffset: producer.currentTxnStartOffset,
              })),
            };
          } catch (error) {
            return failed(errorCodeOf(error));
          }
        }),
      };
    });
    return { throttleTimeMs: 0, topics };
  },
});
