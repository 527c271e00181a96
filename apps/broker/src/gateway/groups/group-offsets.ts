/**
 * A group's committed offsets in the cluster, in the /v1 API's shapes: read (OffsetFetch),
 * commit (OffsetCommit, fenced by the cluster with the member's Kafka id, generation and
 * instance id, or as an admin commit with generation -1), reset to a target and delete
 * (OffsetDelete). Every commit is written to the cluster before it is acknowledged, so a
 * gateway that dies loses none. The cluster keeps no commit time a client can read:
 * `commitTimestamp` is -1 here.
 */
import type { CommittedOffset, ResetTarget } from '@mini-kafka/protocol';
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { ClusterClient } from '../../cluster/cluster-client.js';
import { kafkaError, throwIfError } from '../../cluster/cluster-errors.js';
import { offsetCommit, offsetDelete, offsetFetch } from '../../cluster/group-client.js';
import { listOffset } from '../../cluster/partition-io.js';
import { requireTopic } from '../../cluster/topic-admin.js';

export interface OffsetToCommit {
  topic: string;
  partition: number;
  offset: number;
  metadata?: string;
}

export interface CommitIdentity {
  kafkaMemberId: string;
  generationId: number;
  groupInstanceId: string | null;
}

/** The group's committed offsets (of one topic, or all), by topic and partition. */
export async function committedOffsets(
  client: ClusterClient,
  groupId: string,
  topic?: string,
): Promise<CommittedOffset[]> {
  let topics: { name: string; partitionIndexes: number[] }[] | null = null;
  if (topic !== undefined) {
    const found = await requireTopic(client, topic).catch(() => undefined);
    if (found === undefined) return [];
    topics = [{ name: topic, partitionIndexes: Array.from({ length: found.partitions }, (_, p) => p) }];
  }
  const answer = await offsetFetch(client, groupId, { groupId, topics, groups: [], requireStable: false });
  throwIfError(answer.errorCode, `Reading the offsets of group "${groupId}"`, { group: groupId });
  const offsets: CommittedOffset[] = [];
  for (const entry of answer.topics) {
    for (const p of entry.partitions) {
      if (p.errorCode !== 0 || p.committedOffset < 0) continue;
      offsets.push({
        topic: entry.name,
        partition: p.partitionIndex,
        offset: p.committedOffset,
        metadata: p.metadata ?? '',
        commitTimestamp: -1,
      });
    }
  }
  return offsets.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** Commits `offsets`; the cluster's refusal (a stale generation, an unknown member) is thrown. */
export async function commitOffsets(
  client: ClusterClient,
  groupId: string,
  who: CommitIdentity | undefined,
  offsets: readonly OffsetToCommit[],
): Promise<void> {
  const topics = new Map<string, OffsetToCommit[]>();
  for (const entry of offsets) topics.set(entry.topic, [...(topics.get(entry.topic) ?? []), entry]);
  const answer = await offsetCommit(client, {
    groupId,
    generationId: who?.generationId ?? -1,
    memberId: who?.kafkaMemberId ?? '',
    groupInstanceId: who?.groupInstanceId ?? null,
    topics: [...topics].map(([name, entries]) => ({
      name,
      partitions: entries.map((e) => ({
        partitionIndex: e.partition,
        committedOffset: e.offset,
        committedMetadata: e.metadata ?? '',
      })),
    })),
  });
  for (const topic of answer.topics) {
    for (const p of topic.partitions) {
      throwIfError(p.errorCode, `Committing ${topic.name}-${p.partitionIndex} for group "${groupId}"`, {
        group: groupId,
        topic: topic.name,
        partition: p.partitionIndex,
      });
    }
  }
}

/** The offset `to` names in a partition (as the local broker resolves it: a time past the end is the end). */
export async function resolveTarget(
  client: ClusterClient,
  topic: string,
  partition: number,
  to: ResetTarget,
): Promise<number> {
  if (to === 'earliest') return (await listOffset(client, topic, partition, -2)).offset;
  if (to === 'latest') return (await listOffset(client, topic, partition, -1)).offset;
  if ('offset' in to) return to.offset;
  const found = await listOffset(client, topic, partition, to.timestamp);
  return found.offset >= 0 ? found.offset : (await listOffset(client, topic, partition, -1)).offset;
}

/** Moves the group's offsets in a topic (one partition, or all) to `to`; the group must have no active members. */
export async function resetOffsets(
  client: ClusterClient,
  groupId: string,
  topic: string,
  partition: number | undefined,
  to: ResetTarget,
): Promise<void> {
  const { partitions } = await requireTopic(client, topic, true);
  if (partition !== undefined && partition >= partitions) {
    throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${topic}" has no partition ${partition}`, {
      details: { topic, partition },
    });
  }
  const chosen = partition === undefined ? Array.from({ length: partitions }, (_, p) => p) : [partition];
  const offsets = await Promise.all(
    chosen.map(async (p) => ({ topic, partition: p, offset: await resolveTarget(client, topic, p, to) })),
  );
  await commitOffsets(client, groupId, undefined, offsets);
}

/** Deletes the group's offsets of a topic (one partition, or all); refused while a member subscribes to it. */
export async function deleteOffsets(
  client: ClusterClient,
  groupId: string,
  topic: string,
  partition?: number,
): Promise<void> {
  const { partitions } = await requireTopic(client, topic, true);
  if (partition !== undefined && partition >= partitions) {
    throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${topic}" has no such partition`, {
      details: { topic, partition },
    });
  }
  const chosen = partition === undefined ? Array.from({ length: partitions }, (_, p) => p) : [partition];
  const answer = await offsetDelete(client, {
    groupId,
    topics: [{ name: topic, partitions: chosen.map((partitionIndex) => ({ partitionIndex })) }],
  });
  throwIfError(answer.errorCode, `Deleting offsets of group "${groupId}"`, { group: groupId });
  for (const t of answer.topics) {
    for (const p of t.partitions) {
      if (p.errorCode === 0) continue;
      const message =
        p.errorCode === 86
          ? `A member of group "${groupId}" subscribes to topic "${topic}"; its offsets stay`
          : `Cannot delete the offset of ${topic}-${p.partitionIndex} of group "${groupId}"`;
      throw kafkaError(p.errorCode, message, { group: groupId, topic, partition: p.partitionIndex });
    }
  }
}
