/**
 * Produce (0) v0–9 (v0–2 are in range because librdkafka compresses gzip, snappy and lz4
 * only then; their batches must still be RecordBatch v2, else UNSUPPORTED_VERSION; v9 is
 * flexible).
 *
 * Behavior:
 * - Each partition's RecordBatch bytes go to the log's `appendBatch` as they are; the
 *   storage's log validator decides whether they may be appended (size, magic 2, CRC,
 *   record offsets, no control batches) and its error becomes the partition's error code:
 *   MESSAGE_TOO_LARGE (10), UNSUPPORTED_VERSION (35), CORRUPT_MESSAGE (2), INVALID_RECORD (87).
 *   Compressed batches are stored and served as sent.
 * - Batches with a producer id (idempotent producers, see InitProducerId) go through the
 *   log's producer state in the same append: a retry of one of the producer's last 5
 *   batches is answered with its original base offset and writes nothing; a sequence gap
 *   is OUT_OF_ORDER_SEQUENCE_NUMBER (45), an epoch older than the partition has seen
 *   INVALID_PRODUCER_EPOCH (47); a producer the partition does not know (or forgot after
 *   producer.id.expiration.ms) is accepted at any sequence, as Kafka does since 2.5, so
 *   UNKNOWN_PRODUCER_ID (59) is never answered. A transactional batch is INVALID_RECORD.
 * - A partition without a record set (null or empty) is CORRUPT_MESSAGE; a transactional
 *   produce (a transactional id) is TRANSACTIONAL_ID_AUTHORIZATION_FAILED (53, as
 *   InitProducerId answers it); acks other than 0, 1, -1 is INVALID_REQUIRED_ACKS.
 * - The answer carries each partition's base offset (v8+: a failed partition's error
 *   message, which names the limit or the sequence numbers, never record bytes). With
 *   acks = 0 nothing is answered.
 * - Produce does not create topics (Metadata does): an unknown one is
 *   UNKNOWN_TOPIC_OR_PARTITION. Partitions of one request are appended concurrently.
 */
import { Produce, type ProducePartitionResponse } from '@mini-kafka/kafka-protocol';
import { toMiniKafkaError } from '@mini-kafka/protocol';
import { code, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const produceHandler = defineHandler({
  codec: Produce,
  minVersion: 0,
  maxVersion: 9,
  async handle(request, _source, ctx) {
    if (request.acks !== 0 && request.acks !== 1 && request.acks !== -1) {
      const errorCode = code('INVALID_REQUIRED_ACKS');
      return {
        throttleTimeMs: 0,
        responses: request.topics.map((topic) => ({
          name: topic.name,
          partitions: topic.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode, baseOffset: -1 })),
        })),
      };
    }
    const responses = await Promise.all(
      request.topics.map(async (topic) => ({
        name: topic.name,
        partitions: await Promise.all(
          topic.partitions.map(async ({ partitionIndex, records }): Promise<ProducePartitionResponse> => {
            const failed = (errorCode: number, errorMessage: string | null = null): ProducePartitionResponse => ({
              partitionIndex,
              errorCode,
              baseOffset: -1,
              logAppendTimeMs: -1,
              logStartOffset: -1,
              errorMessage,
            });
            if (request.transactionalId !== null) return failed(code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED'));
            if (records === null || records.length === 0) return failed(code('CORRUPT_MESSAGE'));
            try {
              const log = ctx.logs.getLog(topic.name, partitionIndex);
              const { baseOffset } = await log.appendBatch(records);
              return {
                partitionIndex,
                errorCode: NONE,
                baseOffset,
                logAppendTimeMs: -1,
                logStartOffset: log.logStartOffset,
              };
            } catch (error) {
              const failure = toMiniKafkaError(error);
              return failed(failure.code, failure.message);
            }
          }),
        ),
      })),
    );
    if (request.acks === 0) return undefined;
    return { throttleTimeMs: 0, responses };
  },
});
