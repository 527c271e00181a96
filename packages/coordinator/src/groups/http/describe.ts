/**
 * What describe() and listGroups() report for an HTTP group: its state, generation,
 * assignor and members with their subscriptions and assignments. A group id known only by
 * its committed offsets reads as an Empty group at generation 0.
 */
import { sortedTopicPartitions } from '@mini-kafka/protocol/core';
import { DEFAULT_ASSIGNOR } from '../../assignors/assignors.js';
import type { GroupDescription, GroupListing, PartitionLag } from '../description.js';
import type { HttpGroup } from './group.js';

export function describeHttpGroup(
  groupId: string,
  group: HttpGroup | undefined,
  now: number,
  offsets: PartitionLag[],
): GroupDescription {
  return {
    groupId,
    state: group?.state ?? 'Empty',
    generationId: group?.generationId ?? 0,
    assignor: group?.assignor ?? DEFAULT_ASSIGNOR,
    members: (group?.memberList() ?? []).map((member) => ({
      memberId: member.memberId,
      clientId: member.clientId,
      topics: [...member.topics],
      assignment: sortedTopicPartitions(member.assignment),
      sessionTimeoutMs: member.sessionTimeoutMs,
      lastSeenAgoMs: Math.max(0, now - member.lastSeen),
    })),
    offsets,
  };
}

export function listHttpGroup(groupId: string, group: HttpGroup | undefined): GroupListing {
  return { groupId, state: group?.state ?? 'Empty', members: group?.size ?? 0 };
}
