/**
 * Copies the groups' committed offsets, each translated through its partition's OffsetMap to
 * the destination offset of the first copied record at or after it. Committed as Kafka admin
 * tools do for a group with no live members: generation -1, no member id. A partition not
 * copied (filtered out, or not yet started) is left out.
 */
import type { ClusterClient } from '../cluster/cluster-client.js';
import { throwIfError } from '../cluster/cluster-errors.js';
import { offsetCommit } from '../cluster/group-client.js';
import type { SourceGroupOffset } from './mirror-source.js';
import type { MirrorState } from './mirror-state.js';

export interface TranslatedOffset extends SourceGroupOffset {
  destOffset: number;
}

export function translateGroupOffsets(
  offsets: readonly SourceGroupOffset[],
  state: MirrorState,
  groups: RegExp,
): TranslatedOffset[] {
  const translated: TranslatedOffset[] = [];
  for (const offset of offsets) {
    if (!groups.test(offset.group)) continue;
    const map = state.get(offset.topic, offset.partition);
    if (map === undefined) continue;
    translated.push({ ...offset, destOffset: map.translate(offset.offset) });
  }
  return translated;
}

/** Commits `offsets` in the destination, one OffsetCommit per group; resolves to the groups committed. */
export async function commitGroupOffsets(dest: ClusterClient, offsets: readonly TranslatedOffset[]): Promise<number> {
  const byGroup = new Map<string, Map<string, { partitionIndex: number; committedOffset: number }[]>>();
  for (const { group, topic, partition, destOffset } of offsets) {
    const topics = byGroup.get(group) ?? new Map();
    byGroup.set(group, topics);
    const partitions = topics.get(topic) ?? [];
    topics.set(topic, partitions);
    partitions.push({ partitionIndex: partition, committedOffset: destOffset });
  }
  for (const [groupId, topics] of byGroup) {
    const answer = await offsetCommit(dest, {
      groupId,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [...topics].map(([name, partitions]) => ({
        name,
        partitions: partitions.map((p) => ({
          ...p,
          committedLeaderEpoch: -1,
          commitTimestamp: -1,
          committedMetadata: null,
        })),
      })),
    });
    for (const topic of answer.topics) {
      for (const p of topic.partitions) {
        throwIfError(p.errorCode, `Committing group "${groupId}" offsets for ${topic.name}-${p.partitionIndex}`, {
          topic: topic.name,
          partition: p.partitionIndex,
        });
      }
    }
  }
  return byGroup.size;
}
