/**
 * Produce (0) v0–9 (v9 is flexible).
 *
 * Behavior:
 * - A partition whose record set is a magic 0/1 message set (the magic byte at offset 16;
 *   sarama at its default version, kafka-go, old clients) is decoded (CRC-32 per message,
 *   compressed wrappers inflated with the broker's codecs, every size bounded), up-converted
 *   to RecordBatch v2 records as Kafka's LogValidator does (magic 1 keeps its timestamps,
 *   magic 0 gets -1) and appended in one append with consecutive offsets, answering the first.
 *   A malformed set is CORRUPT_MESSAGE and nothing of it is written. Idempotent producers
 *   only write v2, so old sets have no producer state.
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
 *   UNKNOWN_PRODUCER_ID (59) is never answered.
 * - Transactional batches (attributes bit 4) need the request's transactional id and Write on
 *   it (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 53, for every partition, as Kafka), and the
 *   partition added to the producer's open transaction at its current epoch (AddPartitionsToTxn):
 *   else the transaction coordinator's error (INVALID_TXN_STATE 48, INVALID_PRODUCER_ID_MAPPING
 *   49, INVALID_PRODUCER_EPOCH 47 for a fenced producer) and nothing is written. Checking this
 *   (KIP-890's verification) keeps a zombie's late batch out of a transaction it no longer owns.
 * - A partition without a record set (null or empty) is CORRUPT_MESSAGE; acks other than 0, 1,
 *   -1 is INVALID_REQUIRED_ACKS.
 * - The answer carries each partition's base offset (v8+: a failed partition's error
 *   message, which names the limit or the sequence numbers, never record bytes). With
 *   acks = 0 nothing is answered.
 * - Produce does not create topics (Metadata does): an unknown one is
 *   UNKNOWN_TOPIC_OR_PARTITION. Partitions of one request are appended concurrently.
 * - Each topic needs Write (TOPIC_AUTHORIZATION_FAILED, checked before the topic is looked
 *   up, so a refusal does not tell whether it exists). Idempotent batches need nothing more,
 *   as in Kafka 3: InitProducerId already checked the producer may write.
 */
import { Produce, type ProducePartitionResponse } from '@mini-kafka/kafka-protocol';
import { toMiniKafkaError } from '@mini-kafka/protocol/core';
import { readInt64 } from '@mini-kafka/protocol/record-batch';
import {
  ATTRIBUTES_OFFSET,
  decodeLegacyMessageSet,
  LEGACY_MAGIC_OFFSET,
  MAGIC_V2,
  type PartitionLog,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  TRANSACTIONAL_MASK,
  upConvertLegacyRecords,
} from '@mini-kafka/storage';
import { brokerInflaters } from '../../compression/codecs.js';
import { mayOnTopic, mayOnTransactionalId } from '../access.js';
import { code, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import type { KafkaContext } from '../kafka-context.js';

/** The smallest record set whose first batch header holds attributes, producer id and epoch (v2). */
const V2_HEADER_BYTES = PRODUCER_EPOCH_OFFSET + 2;

/** Whether a record set starts with a transactional RecordBatch v2 (a producer writes one kind per request). */
function isTransactional(records: Buffer | null): records is Buffer {
  if (records === null || records.length < V2_HEADER_BYTES || records.readInt8(LEGACY_MAGIC_OFFSET) !== MAGIC_V2)
    return false;
  return (records.readInt16BE(ATTRIBUTES_OFFSET) & TRANSACTIONAL_MASK) !== 0;
}

/**
 * Why a transactional record set may not be written to this partition now (its error code),
 * or undefined when the partition is in the producer's open transaction at its current epoch.
 */
function transactionRefusal(
  ctx: KafkaContext,
  transactionalId: string,
  topic: string,
  partition: number,
  records: Buffer,
): number | undefined {
  const error = ctx.transactions.checkProduce({
    transactionalId,
    producerId: readInt64(records, PRODUCER_ID_OFFSET),
    producerEpoch: records.readInt16BE(PRODUCER_EPOCH_OFFSET),
    topic,
    partition,
  });
  if (error === null) return undefined;
  return code(error === 'PRODUCER_FENCED' ? 'INVALID_PRODUCER_EPOCH' : error);
}

/** Appends a produced record set: RecordBatch v2 as it is, a magic 0/1 message set up-converted. */
function appendRecords(log: PartitionLog, records: Buffer): Promise<{ baseOffset: number; recordCount: number }> {
  const magic = records.length > LEGACY_MAGIC_OFFSET ? records.readInt8(LEGACY_MAGIC_OFFSET) : MAGIC_V2;
  if (magic !== 0 && magic !== 1) return log.appendBatch(records);
  const decoded = decodeLegacyMessageSet(records, {
    inflaters: brokerInflaters,
    maxInflatedBytes: log.config.maxBatchBytes,
  });
  return log.append(upConvertLegacyRecords(decoded));
}

export const produceHandler = defineHandler({
  codec: Produce,
  minVersion: 0,
  maxVersion: 9,
  async handle(request, source, ctx) {
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
    const { transactionalId } = request;
    const transactional = request.topics.some((topic) => topic.partitions.some((p) => isTransactional(p.records)));
    const refuseAll =
      transactional && (transactionalId === null || !mayOnTransactionalId(ctx, source, 'Write', transactionalId));
    const responses = await Promise.all(
      request.topics.map(async (topic) => {
        const writable = mayOnTopic(ctx, source, 'Write', topic.name);
        return {
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
              if (refuseAll) return failed(code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED'));
              if (!writable) return failed(code('TOPIC_AUTHORIZATION_FAILED'));
              if (records === null || records.length === 0) return failed(code('CORRUPT_MESSAGE'));
              if (transactionalId !== null && isTransactional(records)) {
                const refusal = transactionRefusal(ctx, transactionalId, topic.name, partitionIndex, records);
                if (refusal !== undefined) return failed(refusal);
              }
              try {
                const log = ctx.logs.getLog(topic.name, partitionIndex);
                const { baseOffset, recordCount } = await appendRecords(log, records);
                ctx.metrics.appended('kafka', topic.name, recordCount, records.length);
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
        };
      }),
    );
    if (request.acks === 0) return undefined;
    return { throttleTimeMs: 0, responses };
  },
});
