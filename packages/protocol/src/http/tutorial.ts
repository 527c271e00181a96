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

export const tutorialCreateQuery = z.object({
  num_partitions: z.coerce.number().pipe(z.int().min(1).max(10_000)).default(1),
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

export const tutorialCreateResponse = z.strictObject({
  topic: z.string(),
  num_partitions: z.int(),
  /** False when the topic existed: creating is idempotent. */
  created: z.boolean(),
});
export type TutorialCreateResponse = z.output<typeof tutorialCreateResponse>;

export const tutorialProduceResponse = z.strictObject({
  message_id: z.int(),
  message_offset: z.int(),
  partition_id: z.int(),
});
export type TutorialProduceResponse = z.output<typeof tutorialProduceResponse>;

export const tutorialSubscribeResponse = z.strictObject({ assigned_partitions: z.array(z.int()) });
export type TutorialSubscribeResponse = z.output<typeof tutorialSubscribeResponse>;

export const tutorialMessage = z.strictObject({
  message_id: z.int(),
  message_offset: z.int(),
  partition_id: z.int(),
  data: z.string().nullable(),
});
export type TutorialMessage = z.output<typeof tutorialMessage>;

/** A poll's answer: one message without a group, each assigned partition's next message with one. */
export const tutorialPollResponse = z.union([tutorialMessage, z.array(tutorialMessage)]);

export const tutorialAckResponse = z.strictObject({
  acknowledged: z.literal(true),
  group_id: z.string(),
  partition_id: z.int(),
  message_offset: z.int(),
  /** The committed offset: the next one to read. */
  next_offset: z.int(),
});
export type TutorialAckResponse = z.output<typeof tutorialAckResponse>;
