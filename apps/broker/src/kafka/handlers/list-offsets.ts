/**
 * ListOffsets (2) v0–7: -2 is the log start offset (earliest), -1 the high watermark
 * (latest; with isolation level read_committed, v2+, the last stable offset: a read_committed
 * consumer's end), -3 (v7+) the first record with the largest timestamp, any other timestamp
 * the first record at or after it (through the time index), or offset -1 when there is
 * none. Leader epochs are 0 (one broker, one leader forever). Each topic needs Describe
 * (TOPIC_AUTHORIZATION_FAILED per partition, before the topic is looked up).
 *
 * v0 answers a list of old-style offsets: the one offset found (none when there is
 * none), whatever max_num_offsets asks for. Kafka's v0 listed segment base offsets
 * before the timestamp; no current client relies on more than the first entry.
 */
import {
  LIST_OFFSETS_EARLIEST,
  LIST_OFFSETS_LATEST,
  LIST_OFFSETS_MAX_TIMESTAMP,
  ListOffsets,
  type ListOffsetsPartitionResponse,
} from '@mini-kafka/kafka-protocol';
import { OfflineLog, type PartitionLog, type TimestampOffset } from '@mini-kafka/storage';
import { mayOnTopic } from '../access.js';
import { code, errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

/** The offset (and its timestamp, -1 for the log's bounds) a timestamp asks for. */
async function lookUp(log: PartitionLog, timestamp: number, committed: boolean): Promise<TimestampOffset | undefined> {
  // An offline partition has no offsets to tell: its KAFKA_STORAGE_ERROR, not -1.
  if (log instanceof OfflineLog) throw log.error();
  if (timestamp === LIST_OFFSETS_EARLIEST) return { offset: log.logStartOffset, timestamp: -1 };
  if (timestamp === LIST_OFFSETS_LATEST)
    return { offset: committed ? log.lastStableOffset : log.highWatermark, timestamp: -1 };
  if (timestamp === LIST_OFFSETS_MAX_TIMESTAMP) {
    return log.maxTimestamp < 0 ? undefined : log.offsetForTimestamp(log.maxTimestamp);
  }
  return log.offsetForTimestamp(timestamp);
}

export const listOffsetsHandler = defineHandler({
  codec: ListOffsets,
  minVersion: 0,
  maxVersion: 7,
  async handle(request, source, ctx) {
    const topics = await Promise.all(
      request.topics.map(async (topic) => {
        const describable = mayOnTopic(ctx, source, 'Describe', topic.name);
        return {
          name: topic.name,
          partitions: await Promise.all(
            topic.partitions.map(async ({ partitionIndex, timestamp }): Promise<ListOffsetsPartitionResponse> => {
              if (!describable)
                return { partitionIndex, errorCode: code('TOPIC_AUTHORIZATION_FAILED'), timestamp: -1, offset: -1 };
              try {
                const log = ctx.logs.getLog(topic.name, partitionIndex);
                if (timestamp < LIST_OFFSETS_MAX_TIMESTAMP || (timestamp === -3 && source.apiVersion < 7)) {
                  return { partitionIndex, errorCode: code('INVALID_REQUEST'), timestamp: -1, offset: -1 };
                }
                const found = await lookUp(log, timestamp, request.isolationLevel === 1);
                return {
                  partitionIndex,
                  errorCode: NONE,
                  oldStyleOffsets: found === undefined ? [] : [found.offset],
                  timestamp: found?.timestamp ?? -1,
                  offset: found?.offset ?? -1,
                  leaderEpoch: 0,
                };
              } catch (error) {
                return { partitionIndex, errorCode: errorCodeOf(error), timestamp: -1, offset: -1 };
              }
            }),
          ),
        };
      }),
    );
    return { throttleTimeMs: 0, topics };
  },
});
