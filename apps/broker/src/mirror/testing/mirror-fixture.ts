/**
 * For the mirror's tests: a data directory written by a real broker (several topics, keys,
 * headers, a deleted prefix, two groups' commits made over its Kafka port), and the checks
 * that a destination holds exactly the source's records and the translated offsets.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Broker, createBroker } from '../../broker.js';
import { ClusterClient } from '../../cluster/cluster-client.js';
import { offsetCommit, offsetFetch } from '../../cluster/group-client.js';
import { deleteRecords } from '../../cluster/topic-admin.js';

export const SOURCE_COMMITS = [
  { group: 'billing', topic: 'orders', partition: 0, offset: 7 },
  { group: 'billing', topic: 'orders', partition: 2, offset: 12 },
  { group: 'audit', topic: 'events', partition: 0, offset: 3 },
  { group: 'audit', topic: 'events', partition: 1, offset: 15 },
];

export function startBroker(dataDir?: string): Promise<Broker> {
  return createBroker({
    ...(dataDir === undefined ? { inMemory: true } : { dataDir }),
    port: 0,
    kafkaPort: 0,
    logLevel: 'silent',
  });
}

/** A running broker over a new data directory holding the fixture's topics, records and commits. */
export async function writeSourceData(): Promise<{ dataDir: string; broker: Broker }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mirror-source-'));
  const broker = await startBroker(dataDir);
  await broker.logs.createTopic('orders', { partitions: 3 });
  await broker.logs.createTopic('events', { partitions: 2, configs: { 'retention.ms': '3600000' } });
  await broker.logs.createTopic('plain', { partitions: 1 });
  for (let partition = 0; partition < 3; partition++) {
    await appendRecords(broker, 'orders', partition, 20 + partition * 7, true);
  }
  await appendRecords(broker, 'events', 0, 30, false);
  await appendRecords(broker, 'events', 1, 30, false);
  await appendRecords(broker, 'plain', 0, 5, false);
  const client = await ClusterClient.connect({ bootstrapServers: [broker.kafkaBootstrap!] });
  try {
    await deleteRecords(client, 'events', 1, 10);
    for (const { group, topic, partition, offset } of SOURCE_COMMITS) {
      await offsetCommit(client, {
        groupId: group,
        generationId: -1,
        memberId: '',
        groupInstanceId: null,
        retentionTimeMs: -1,
        topics: [
          {
            name: topic,
            partitions: [
              {
                partitionIndex: partition,
                committedOffset: offset,
                committedLeaderEpoch: -1,
                commitTimestamp: -1,
                committedMetadata: null,
              },
            ],
          },
        ],
      });
    }
  } finally {
    await client.close();
  }
  return { dataDir, broker };
}

export async function appendRecords(broker: Broker, topic: string, partition: number, count: number, keyed: boolean) {
  const log = broker.logs.getLog(topic, partition);
  const start = log.logEndOffset;
  for (let i = start; i < start + count; i += 4) {
    const n = Math.min(4, start + count - i);
    await log.append(
      Array.from({ length: n }, (_, j) => ({
        key: keyed ? Buffer.from(`key-${i + j}`) : null,
        value: Buffer.from(`${topic}-${partition}-value-${i + j}`),
        headers: keyed ? [{ key: 'trace', value: Buffer.from(`t${i + j}`) }] : [],
        timestamp: 1_600_000_000_000 + (i + j) * 1000,
      })),
    );
  }
}

/** Every record of a partition, as comparable plain values, from `offset`. */
export async function recordsOf(broker: Broker, topic: string, partition: number) {
  const log = broker.logs.getLog(topic, partition);
  const { records } = await log.read(log.logStartOffset, { maxRecords: 10_000, maxBytes: 64 * 1024 * 1024 });
  return records.map(({ offset, key, value, headers, timestamp }) => ({
    offset,
    key: key?.toString() ?? null,
    value: value?.toString() ?? null,
    headers: headers.map((h) => `${h.key}=${h.value?.toString()}`),
    timestamp,
  }));
}

/** The committed offset of `group` for a partition in `broker`, or -1. */
export async function committedOffset(broker: Broker, group: string, topic: string, partition: number) {
  const client = await ClusterClient.connect({ bootstrapServers: [broker.kafkaBootstrap!] });
  try {
    const answer = await offsetFetch(client, group, {
      groupId: group,
      topics: [{ name: topic, partitionIndexes: [partition] }],
      requireStable: false,
    });
    return answer.topics?.[0]?.partitions[0]?.committedOffset ?? -1;
  } finally {
    await client.close();
  }
}
