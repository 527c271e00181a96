/**
 * OffsetFetch for one group of any kind (Kafka's handleFetchOffsets; v8 asks for several,
 * each answered by these): the committed offset and metadata of each requested partition;
 * -1 with empty metadata and error 0 where nothing is committed; `topics: null` (v2+) asks
 * for every partition the group committed. A group-level error (COORDINATOR_NOT_AVAILABLE,
 * INVALID_GROUP_ID) is set both on the group (v2+) and on every requested partition (v0-1
 * have only those).
 *
 * A committed offset's leader epoch (v5+) is 0: every partition of this single broker has
 * had one leader, at epoch 0, forever (Metadata and ListOffsets say so too), so that is the
 * epoch of any offset a client committed; -1 where nothing is committed. librdkafka compares
 * it with the epoch it committed (its transactions test, 0103, does).
 *
 * require_stable (v7+): a partition with offsets pending in an open transaction answers
 * UNSTABLE_OFFSET_COMMIT with -1 instead of its last committed offset (Kafka's KIP-447); the
 * client retries until the transaction ends.
 */
import type { OffsetFetchPartitionResponse } from '@mini-kafka/kafka-protocol';
import { topicPartitionKey } from '@mini-kafka/protocol/core';
import type { CommittedOffset } from '../../offsets/offset-store.js';
import { codeOf, NONE } from './codes.js';

const UNSTABLE_OFFSET_COMMIT = codeOf('UNSTABLE_OFFSET_COMMIT');

/** One group's answer: its error code and its topics. */
export interface GroupOffsets {
  errorCode: number;
  topics: { name: string; partitions: OffsetFetchPartitionResponse[] }[];
}

interface RequestedTopic {
  name: string;
  partitionIndexes: number[];
}

/** The topics asked for, or `null` for every committed one; unusable entries are skipped. */
function requestedTopics(request: unknown): RequestedTopic[] | null {
  const topics = typeof request === 'object' && request !== null ? (request as Record<string, unknown>).topics : null;
  if (topics === null || topics === undefined) return null;
  if (!Array.isArray(topics)) return [];
  return topics.flatMap((raw: unknown) => {
    const { name, partitionIndexes } = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !Array.isArray(partitionIndexes)) return [];
    return [{ name, partitionIndexes: partitionIndexes.filter((p: unknown): p is number => Number.isInteger(p)) }];
  });
}

/** The answer when the request as a whole fails: every requested partition carries the error. */
export function offsetFetchError(request: unknown, errorCode: number): GroupOffsets {
  return {
    errorCode,
    topics: (requestedTopics(request) ?? []).map((topic) => ({
      name: topic.name,
      partitions: topic.partitionIndexes.map((partitionIndex) => ({
        partitionIndex,
        committedOffset: -1,
        metadata: '',
        errorCode,
      })),
    })),
  };
}

/** The group's committed offsets for what the request asks. */
export function offsetFetchResponse(
  request: unknown,
  committed: readonly CommittedOffset[],
  unstable?: (topic: string, partition: number) => boolean,
): GroupOffsets {
  const byKey = new Map(committed.map((entry) => [topicPartitionKey(entry.topic, entry.partition), entry]));
  const topics =
    requestedTopics(request) ??
    [...new Set(committed.map((entry) => entry.topic))].map((name) => ({
      name,
      partitionIndexes: committed.filter((entry) => entry.topic === name).map((entry) => entry.partition),
    }));
  return {
    errorCode: NONE,
    topics: topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitionIndexes.map((partitionIndex): OffsetFetchPartitionResponse => {
        if (unstable?.(topic.name, partitionIndex) === true) {
          return { partitionIndex, committedOffset: -1, metadata: '', errorCode: UNSTABLE_OFFSET_COMMIT };
        }
        const entry = byKey.get(topicPartitionKey(topic.name, partitionIndex));
        return {
          partitionIndex,
          committedOffset: entry?.offset ?? -1,
          committedLeaderEpoch: entry === undefined ? -1 : 0,
          metadata: entry?.metadata ?? '',
          errorCode: NONE,
        };
      }),
    })),
  };
}
