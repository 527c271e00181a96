/**
 * /v1/producers: what an idempotent HTTP producer needs before it produces.
 *
 *   POST /v1/producers                  -> { producerId, producerEpoch }   a new producer id (never reused), epoch 0
 *   POST /v1/producers/topic-metadata   { topic } -> { topic, partitions } the partition count it partitions by;
 *                                       creates the topic when produce would (the broker auto-creates topics)
 *
 * The producer then picks each record's partition itself (Kafka's partitioner) and sends
 * `producer` with its produce requests (see produce.ts).
 */
import * as z from 'zod';
import { topicName } from './common.js';

export interface InitProducerResponse {
  producerId: number;
  producerEpoch: number;
}

export const producerTopicRequest = z.strictObject({ topic: topicName });
export type ProducerTopicRequest = z.input<typeof producerTopicRequest>;

export interface ProducerTopicResponse {
  topic: string;
  partitions: number;
}
