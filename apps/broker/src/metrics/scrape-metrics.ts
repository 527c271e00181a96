/**
 * Metrics read when scraped, from what the broker keeps anyway: each partition's log start,
 * end and size and whether it is offline; each consumer group's state, members, generation
 * and lag per partition. Nothing on the hot path; a deleted topic or group disappears from
 * the next scrape.
 */
import type { GroupCoordinator } from '@mini-kafka/coordinator';
import type { GroupDescription } from '@mini-kafka/protocol';
import { describePartition, type LogManager } from '@mini-kafka/storage';
import type { BrokerMetrics } from './broker-metrics.js';
import { Gauge } from './prom.js';

type PartitionLabels = 'topic' | 'partition';

export function addScrapeMetrics(metrics: BrokerMetrics, logs: LogManager, coordinator: GroupCoordinator): void {
  const registers = [metrics.registry];
  const partitionGauge = (name: string, help: string) =>
    new Gauge<PartitionLabels>({ name, help, labelNames: ['topic', 'partition'], registers });

  // The counts come first: prom-client reads each metric in registration order, and their
  // collectors fill in the per-partition and per-group ones.
  new Gauge({
    name: 'mini_kafka_topics',
    help: 'Topics held by the broker',
    registers,
    collect() {
      const topics = logs.listTopics();
      this.set(topics.length);
      logEnd.reset();
      logStart.reset();
      size.reset();
      offline.reset();
      for (const topic of topics) {
        for (let partition = 0; partition < topic.partitions; partition++) {
          const labels = { topic: topic.name, partition };
          const log = logs.getLog(topic.name, partition);
          logEnd.set(labels, log.highWatermark);
          logStart.set(labels, log.logStartOffset);
          size.set(labels, log.size);
          offline.set(labels, describePartition(log).offline === undefined ? 0 : 1);
        }
      }
    },
  });

  const logEnd = partitionGauge(
    'mini_kafka_partition_log_end_offset',
    'The next offset a record appended to the partition gets (its high watermark)',
  );
  const logStart = partitionGauge(
    'mini_kafka_partition_log_start_offset',
    'The first offset still held by the partition',
  );
  const size = partitionGauge(
    'mini_kafka_partition_size_bytes',
    "Bytes of the partition's segments on disk (in memory for an in-memory broker)",
  );
  const offline = partitionGauge(
    'mini_kafka_partition_offline',
    '1 while the partition could not be opened and answers KAFKA_STORAGE_ERROR, else 0',
  );
  new Gauge({
    name: 'mini_kafka_groups',
    help: 'Consumer groups with members or committed offsets',
    registers,
    collect() {
      members.reset();
      generation.reset();
      lag.reset();
      const groups = coordinator.listGroups();
      this.set(groups.length);
      for (const { groupId } of groups) {
        const group = describeGroup(coordinator, groupId);
        if (group === undefined) continue;
        members.set({ group: groupId, state: group.state }, group.members.length);
        generation.set({ group: groupId }, group.generationId);
        for (const entry of group.offsets) {
          lag.set({ group: groupId, topic: entry.topic, partition: entry.partition }, entry.lag);
        }
      }
    },
  });
  const members = new Gauge<'group' | 'state'>({
    name: 'mini_kafka_group_members',
    help: "Members of each consumer group, with the group's state",
    labelNames: ['group', 'state'],
    registers,
  });
  const generation = new Gauge<'group'>({
    name: 'mini_kafka_group_generation',
    help: 'The generation of each consumer group (it grows with every rebalance)',
    labelNames: ['group'],
    registers,
  });
  const lag = new Gauge<'group' | 'topic' | 'partition'>({
    name: 'mini_kafka_group_lag',
    help: "Records between a group's committed offset and the log end, per partition it subscribes to or committed",
    labelNames: ['group', 'topic', 'partition'],
    registers,
  });
}

/** The group's description, or undefined when it went away since it was listed. */
function describeGroup(coordinator: GroupCoordinator, groupId: string): GroupDescription | undefined {
  try {
    return coordinator.describe(groupId);
  } catch {
    return undefined;
  }
}
