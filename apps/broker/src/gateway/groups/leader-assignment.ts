/**
 * The leader's part of Kafka's classic protocol: the member the cluster makes leader
 * computes every member's partitions from their subscriptions, with the group's protocol
 * (assignor), and sends them in SyncGroup. The assignors are the coordinator package's, the
 * same the local broker uses for HTTP groups; the partition counts are the cluster's.
 */
import { type Assignor, RangeAssignor, RoundRobinAssignor, StickyAssignor } from '@mini-kafka/coordinator';
import type { TopicPartition } from '@mini-kafka/protocol';
import type { ClusterClient } from '../../cluster/cluster-client.js';

const ASSIGNORS: Record<string, Assignor> = {
  range: new RangeAssignor(),
  roundrobin: new RoundRobinAssignor(),
  sticky: new StickyAssignor(),
};

export async function assignAsLeader(
  client: ClusterClient,
  protocolName: string,
  members: readonly { memberId: string; topics: readonly string[] }[],
): Promise<Map<string, TopicPartition[]>> {
  const assignor = ASSIGNORS[protocolName] ?? ASSIGNORS.roundrobin!;
  const topics = [...new Set(members.flatMap((member) => member.topics))];
  const metadata = await client.metadata(topics, { refresh: true });
  const partitionCounts = new Map(topics.map((topic) => [topic, metadata.topics.get(topic)?.partitions.length ?? 0]));
  return assignor.assign({ members, partitionCounts });
}
