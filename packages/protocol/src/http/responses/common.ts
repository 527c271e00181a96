/** Building blocks of the answer schemas: headers and topic partitions as answers carry them. */
import * as z from 'zod';

/** A record header as answers carry it. */
export const headerOutput = z.strictObject({ key: z.string(), value: z.string().nullable() });

/** A partition of a topic, as answers name it (`TopicPartition`). */
export const topicPartitionOutput = z.strictObject({ topic: z.string(), partition: z.int() });
