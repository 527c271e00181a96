/**
 * Groups as Kafka's DescribeGroups answers them, for both kinds of group, so that Kafka
 * admin tools (kafka-consumer-groups.sh, AdminClient.describeConsumerGroups, kafkajs's
 * describeGroups) see the same groups the HTTP API describes.
 *
 * Kafka's rules (GroupMetadata.summary): only a Stable group names its protocol and shows
 * each member's metadata and assignment bytes; otherwise both are empty. A group nobody
 * knows is "Dead" with error 0 (DescribeGroups v0-5). HTTP groups are shown with protocol
 * type "" (they are not Kafka consumer groups; Kafka's admin client still decodes their
 * bytes), their assignor as the protocol, and their subscriptions and assignments encoded
 * with the consumer protocol, so the tools can read them.
 */
import { encodeAssignment, encodeSubscription } from '@mini-kafka/kafka-protocol';
import { sortedTopicPartitions, type TopicPartition } from '@mini-kafka/protocol/core';
import type { HttpGroup } from './http/group.js';
import type { KafkaGroup } from './kafka/group.js';
import { EMPTY_BUFFER } from './kafka/member.js';

export interface DescribedGroupMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** The member's metadata for the chosen protocol (a consumer's subscription). */
  memberMetadata: Buffer;
  /** The member's assignment bytes (a consumer's ConsumerProtocolAssignment). */
  memberAssignment: Buffer;
}

export interface DescribedGroup {
  errorCode: number;
  groupId: string;
  /** Kafka's state names, plus "Dead" for a group that does not exist. */
  groupState: string;
  protocolType: string;
  /** The chosen protocol (Stable groups only; else ""). */
  protocolData: string;
  members: DescribedGroupMember[];
}

export function deadGroup(groupId: string, errorCode = 0): DescribedGroup {
  return { errorCode, groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [] };
}

export function describeKafkaGroupForKafka(group: KafkaGroup): DescribedGroup {
  const stable = group.state === 'Stable';
  const protocol = stable ? (group.protocolName ?? '') : '';
  return {
    errorCode: 0,
    groupId: group.groupId,
    groupState: group.state,
    protocolType: group.protocolType ?? '',
    protocolData: protocol,
    members: group.memberList().map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      clientId: member.clientId,
      clientHost: member.clientHost,
      memberMetadata: stable ? member.metadataFor(protocol) : EMPTY_BUFFER,
      memberAssignment: stable ? member.assignment : EMPTY_BUFFER,
    })),
  };
}

function byTopic(partitions: readonly TopicPartition[]): { topic: string; partitions: number[] }[] {
  const topics: { topic: string; partitions: number[] }[] = [];
  for (const { topic, partition } of sortedTopicPartitions(partitions)) {
    const last = topics[topics.length - 1];
    if (last?.topic === topic) last.partitions.push(partition);
    else topics.push({ topic, partitions: [partition] });
  }
  return topics;
}

/** An HTTP group (or a group known only by its offsets: Empty). */
export function describeHttpGroupForKafka(groupId: string, group: HttpGroup | undefined): DescribedGroup {
  const stable = group?.state === 'Stable';
  return {
    errorCode: 0,
    groupId,
    groupState: group?.state ?? 'Empty',
    protocolType: '',
    protocolData: stable ? group.assignor : '',
    members: (group?.memberList() ?? []).map((member) => ({
      memberId: member.memberId,
      groupInstanceId: null,
      clientId: member.clientId,
      clientHost: '',
      memberMetadata: stable
        ? encodeSubscription({ version: 0, topics: [...member.topics], userData: null, ownedPartitions: [] })
        : EMPTY_BUFFER,
      memberAssignment: stable
        ? encodeAssignment({ version: 0, assignedPartitions: byTopic(member.assignment), userData: null })
        : EMPTY_BUFFER,
    })),
  };
}
