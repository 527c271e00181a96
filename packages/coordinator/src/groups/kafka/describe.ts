/**
 * What describe(), listGroups() and lag() report for a Kafka group: Kafka's state names,
 * the chosen protocol as the group's assignor, its protocol type, and each member's
 * assignment decoded to topic-partitions when the broker's decoder could (its topics stand
 * in for the subscription, which is opaque to the coordinator).
 */

import { compareStrings, sortedTopicPartitions } from '@mini-kafka/protocol/core';
import type { GroupDescription, GroupListing, MemberDescription, PartitionLag } from '../description.js';
import type { KafkaGroup } from './group.js';
import type { KafkaMember } from './member.js';

function assignedTopics(member: KafkaMember): string[] {
  return [...new Set((member.partitions ?? []).map((tp) => tp.topic))].sort(compareStrings);
}

export function describeKafkaMembers(group: KafkaGroup, now: number): MemberDescription[] {
  return group.memberList().map((member) => ({
    memberId: member.memberId,
    clientId: member.clientId,
    topics: assignedTopics(member),
    assignment: sortedTopicPartitions(member.partitions ?? []),
    sessionTimeoutMs: member.sessionTimeoutMs,
    lastSeenAgoMs: Math.max(0, now - member.lastSeen),
    clientHost: member.clientHost,
    groupInstanceId: member.groupInstanceId,
  }));
}

/** The topics the group's members were assigned, sorted: what lag() covers besides committed partitions. */
export function kafkaGroupTopics(group: KafkaGroup): string[] {
  const topics = new Set<string>();
  for (const member of group.memberList()) for (const topic of assignedTopics(member)) topics.add(topic);
  return [...topics].sort(compareStrings);
}

export function describeKafkaGroup(group: KafkaGroup, now: number, offsets: PartitionLag[]): GroupDescription {
  return {
    groupId: group.groupId,
    state: group.state,
    generationId: group.generationId,
    assignor: group.protocolName ?? '',
    protocolType: group.protocolType ?? '',
    members: describeKafkaMembers(group, now),
    offsets,
  };
}

export function listKafkaGroup(group: KafkaGroup): GroupListing {
  return { groupId: group.groupId, state: group.state, members: group.size, protocolType: group.protocolType ?? '' };
}
