/** The schemas of the answers of /v1/producers. */
import * as z from 'zod';

/** The schema of `InitProducerResponse`. */
export const initProducerResponse = z.strictObject({ producerId: z.int(), producerEpoch: z.int() });

/** The schema of `ProducerTopicResponse`. */
export const producerTopicResponse = z.strictObject({ topic: z.string(), partitions: z.int() });
