/**
 * The routes of the tutorial design Mini Kafka grew from (`/topics/...`): their query
 * parameters and JSON bodies in, their snake_case answers out. Errors are `TutorialErrorBody`.
 *
 *   POST /topics/{topic}/create?num_partitions=N                  -> TutorialCreateResponse
 *   POST /topics/{topic}/messages  {message, key?} (or the query)  -> TutorialProduceResponse
 *   POST /topics/{topic}/groups/{group}/subscribe?consumer_id=     -> TutorialSubscribeResponse
 *   GET  /topics/{topic}/messages?consumer_id=[&group_id=]         -> a TutorialMessage (no group),
 *                                                                     TutorialMessage[] (a group)
 *   POST /topics/{topic}/messages/{offset}/ack?consumer_id=[&partition_id=&group_id=] -> TutorialAckResponse
 */
import * as z from 'zod';

const consumerId = z.string().min(1).max(255);

/** Without `num_partitions`, the broker's `--default-partitions`. */
export const tutorialCreateQuery = z.object({
  num_partitions: z.coerce.number().pipe(z.int().min(1).max(10_000)).optional(),
});
export const tutorialProduceFields = z.object({ message: z.string(), key: z.string().optional() });
export const tutorialGroupPath = z.object({ group: z.string().min(1).max(255) });
export const tutorialConsumerQuery = z.object({ consumer_id: consumerId });
export const tutorialPollQuery = z.object({ consumer_id: consumerId, group_id: consumerId.optional() });
export const tutorialAckQuery = z.object({
  consumer_id: consumerId,
  partition_id: z.coerce.number().pipe(z.int().min(0).max(2_147_483_647)).default(0),
  group_id: consumerId.optional(),
});

export interface TutorialCreateResponse {
  topic: string;
  num_partitions: number;
  /** False when the topic existed: creating is idempotent. */
  created: boolean;
}

export interface TutorialProduceResponse {
  message_id: number;
  message_offset: number;
  partition_id: number;
}

export interface TutorialSubscribeResponse {
  assigned_partitions: number[];
}

export interface TutorialMessage {
  message_id: number;
  message_offset: number;
  partition_id: number;
  data: string | null;
}

export interface TutorialAckResponse {
  acknowledged: true;
  group_id: string;
  partition_id: number;
  message_offset: number;
  /** The committed offset: the next one to read. */
  next_offset: number;
}
