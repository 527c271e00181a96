/** The schemas of the tutorial routes' answers (types in ../tutorial.ts). */
import * as z from 'zod';

export const tutorialCreateResponse = z.strictObject({
  topic: z.string(),
  num_partitions: z.int(),
  /** False when the topic existed: creating is idempotent. */
  created: z.boolean(),
});

export const tutorialProduceResponse = z.strictObject({
  message_id: z.int(),
  message_offset: z.int(),
  partition_id: z.int(),
});

export const tutorialSubscribeResponse = z.strictObject({ assigned_partitions: z.array(z.int()) });

export const tutorialMessage = z.strictObject({
  message_id: z.int(),
  message_offset: z.int(),
  partition_id: z.int(),
  data: z.string().nullable(),
});

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
