/**
 * ListOffsets (2) v1–2: -2 is the log start offset (earliest), -1 the high watermark
 * (latest), any other timestamp the first record at or after it (through the time index),
 * or offset -1 when there is none.
 */
import {
  LIST_OFFSETS_EARLIEST,
  LIST_OFFSETS_LATEST,
  ListOffsets,
  type ListOffsetsPartitionResponse,
} from '@mini-kafka/kafka-protocol';
import { errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const listOffsetsHandler = defineHandler({
  codec: ListOffsets,
  minVersion: 1,
  maxVersion: 2,
  async handle(request, _source, ctx) {
    const topics = await Promise.all(
      request.topics.map(async (topic) => ({
        name: topic.name,
        partitions: await Promise.all(
          topic.partitions.map(async ({ partitionIndex, timestamp }): Promise<ListOffsetsPartitionResponse> => {
            try {
              const log = ctx.logs.getLog(topic.name, partitionIndex);
              if (timestamp === LIST_OFFSETS_EARLIEST)
                return { partitionIndex, errorCode: NONE, timestamp: -1, offset: log.logStartOffset };
              if (timestamp === LIST_OFFSETS_LATEST)
                return { partitionIndex, errorCode: NONE, timestamp: -1, offset: log.highWatermark };
              const found = await log.offsetForTimestamp(timestamp);
              return {
                partitionIndex,
                errorCode: NONE,
                timestamp: found?.timestamp ?? -1,
                offset: found?.offset ?? -1,
              };
            } catch (error) {
              return { partitionIndex, errorCode: errorCodeOf(error), timestamp: -1, offset: -1 };
            }
          }),
        ),
      })),
    );
    return { throttleTimeMs: 0, topics };
  },
});
