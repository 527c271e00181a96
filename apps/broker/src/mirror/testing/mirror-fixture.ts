/**
 * For the mirror's tests: a data directory written by a real broker (several topics, keys,
 * headers, a deleted prefix, two groups' commits made over its Kafka port), and the checks
 * that a destination holds exactly the source's records and the translated offsets.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTRIBUTES_OFFSET, encodeRecordBatch, rewriteCrc, TRANSACTIONAL_MASK } from '@mini-kafka/storage';
import { type Broker, createBroker } from '../../broker.js';
import { ClusterClient } from '../../cluster/cluster-client.js';
import { offsetCommit, offsetFetch } from '../../cluster/group-client.js';
import { deleteRecords } from '../../cluster/topic-admin.js';

export const SOURCE_COMMITS = [
  { group: 'billing', topic: 'orders', partition: 0, offset: 7 },
  { group: 'billing', topic: 'orders', partition: 2, offset: 12 },
  { group: 'audit', topic: 'events', partition: 0, offset: 3 },
  { group: 'audit', topic: 'events', partition: 1, offset: 15 },
  { group: 'audit', topic: 'txns', partition: 0, offset: 3 },
  { group: 'billing', topic: 'txns', partition: 0, offset: 9 },
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
  await broker.logs.createTopic('txns', { partitions: 1 });
  await writeTransactions(broker);
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

/**
 * txns-0: offsets 0-1 plain, 2-4 an aborted transaction, 5 its ABORT marker, 6-7 a committed
 * transaction, 8 its COMMIT marker, 9 plain: a read_committed reader sees 0, 1, 6, 7, 9.
 */
async function writeTransactions(broker: Broker): Promise<void> {
  const log = broker.logs.getLog('txns', 0);
  const value = (n: number) => ({ value: Buffer.from(`txn-${n}`), timestamp: 1_600_000_000_000 + n });
  await log.append([value(0), value(1)]);
  const transaction = async (values: number[], baseSequence: number, commit: boolean) => {
    const batch = encodeRecordBatch(values.map(value), { producerId: 7, producerEpoch: 0, baseSequence });
    batch.writeInt16BE(batch.readInt16BE(ATTRIBUTES_OFFSET) | TRANSACTIONAL_MASK, ATTRIBUTES_OFFSET);
    rewriteCrc(batch, 0);
    await log.appendBatch(batch);
    await log.appendControl({ producerId: 7, producerEpoch: 0, commit, coordinatorEpoch: 0 });
  };
  await transaction([2, 3, 4], 0, false);
  await transaction([6, 7], 3, true);
  await log.append([value(9)]);
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
  const { records } = await log.read(log.logStartOffset, {
    maxRecords: 10_000,
    maxBytes: 64 * 1024 * 1024,
    isolation: 'read_committed',
  });
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
