import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { ClusterClient } from '../cluster/cluster-client.js';
import { decodeFetched, fetch, listOffset, produceRecords } from '../cluster/partition-io.js';
import { createTopic, deleteRecords, describeTopicConfigs } from '../cluster/topic-admin.js';
import { commitOffsets, committedOffsets } from '../gateway/groups/group-offsets.js';
import { runMirror } from './mirror.js';
import { MirrorState } from './mirror-state.js';

let dir: string;
let sourceBroker: Broker;
let destinationBroker: Broker;
let source: ClusterClient;
let destination: ClusterClient;

async function everything(client: ClusterClient, topic: string, partition: number) {
  const start = (await listOffset(client, topic, partition, -2)).offset;
  const [fetched] = await fetch(client, [{ topic, partition, offset: start, maxBytes: 8 << 20 }], {
    maxWaitMs: 0,
    maxBytes: 8 << 20,
    isolation: 'read_committed',
  });
  return decodeFetched(fetched!, 'read_committed').map((r) => ({
    key: r.key?.toString() ?? null,
    value: r.value?.toString() ?? null,
    headers: r.headers.map((h) => `${h.key}=${h.value?.toString()}`),
    timestamp: r.timestamp,
  }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirror-'));
  sourceBroker = await createBroker({ dataDir: join(dir, 'source'), port: 0, kafkaPort: 0, logLevel: 'silent' });
  destinationBroker = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent' });
  source = await ClusterClient.connect({ bootstrapServers: [sourceBroker.kafkaBootstrap!] });
  destination = await ClusterClient.connect({ bootstrapServers: [destinationBroker.kafkaBootstrap!] });
  await createTopic(source, { name: 'orders', partitions: 3, configs: { 'retention.ms': '86400000' } });
  await createTopic(source, { name: 'audit', partitions: 1 });
  for (let p = 0; p < 3; p++) {
    for (let batch = 0; batch < 4; batch++) {
      await produceRecords(
        source,
        'orders',
        p,
        Array.from({ length: 50 }, (_, i) => ({
          key: `k-${p}-${batch}-${i}`,
          value: `v-${p}-${batch}-${i}`,
          headers: [{ key: 'trace', value: Buffer.from(`t${i}`) }],
          timestamp: 1_700_000_000_000 + batch * 1000 + i,
        })),
      );
    }
  }
  await produceRecords(
    source,
    'audit',
    0,
    Array.from({ length: 30 }, (_, i) => ({ value: `a${i}`, timestamp: 1_000 + i })),
  );
  // A deleted prefix: the source's offsets start at 10, the destination's at 0.
  await deleteRecords(source, 'audit', 0, 10);
  await commitOffsets(source, 'billing', undefined, [
    { topic: 'orders', partition: 0, offset: 120 },
    { topic: 'orders', partition: 2, offset: 200 },
  ]);
  await commitOffsets(source, 'auditors', undefined, [{ topic: 'audit', partition: 0, offset: 25 }]);
});

afterAll(async () => {
  await source?.close();
  await destination?.close();
  await sourceBroker?.close();
  await destinationBroker?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('mirror', () => {
  it('copies topics, records and translated group offsets; resumes after an interruption without a duplicate', async () => {
    const statePath = join(dir, 'state.json');
    const state = await MirrorState.open(statePath, 'source', 'destination');
    // Interrupted after the first progress report.
    const controller = new AbortController();
    await runMirror({
      source,
      destination,
      state,
      topics: /^.*$/,
      groups: /^.*$/,
      follow: false,
      signal: controller.signal,
      progress: () => controller.abort(),
    });

    const resumed = await MirrorState.open(statePath, 'source', 'destination');
    const done = await runMirror({ source, destination, state: resumed, topics: /.*/, groups: /.*/, follow: false });
    expect(done).toMatchObject({ topics: 2, partitions: 4, behind: 0, done: true });

    for (let p = 0; p < 3; p++)
      expect(await everything(destination, 'orders', p)).toEqual(await everything(source, 'orders', p));
    expect(await everything(destination, 'audit', 0)).toEqual(await everything(source, 'audit', 0));
    expect((await listOffset(destination, 'audit', 0, -1)).offset).toBe(20);
    const retention = (await describeTopicConfigs(destination, 'orders')).find((c) => c.name === 'retention.ms');
    expect(retention).toMatchObject({ value: '86400000', source: 'TOPIC_CONFIG' });

    expect((await committedOffsets(destination, 'billing')).map((c) => [c.topic, c.partition, c.offset])).toEqual([
      ['orders', 0, 120],
      ['orders', 2, 200],
    ]);
    // Offset 25 of the source is the 16th record kept (10..25): destination offset 15.
    expect((await committedOffsets(destination, 'auditors')).map((c) => c.offset)).toEqual([15]);

    // A crash after records were acknowledged but before the state was saved: the older state file.
    await copyFile(statePath, join(dir, 'state-before.json'));
    await produceRecords(source, 'orders', 1, [{ value: 'late-1' }, { value: 'late-2' }]);
    const later = await MirrorState.open(statePath, 'source', 'destination');
    await runMirror({ source, destination, state: later, topics: /.*/, groups: /.*/, follow: false });
    await copyFile(join(dir, 'state-before.json'), statePath);
    await produceRecords(source, 'orders', 1, [{ value: 'late-3' }]);
    const stale = await MirrorState.open(statePath, 'source', 'destination');
    await runMirror({ source, destination, state: stale, topics: /.*/, groups: /.*/, follow: false });
    for (let p = 0; p < 3; p++)
      expect(await everything(destination, 'orders', p)).toEqual(await everything(source, 'orders', p));
  });

  it('follows new records and offsets until stopped', async () => {
    const state = await MirrorState.open(join(dir, 'state.json'), 'source', 'destination');
    const controller = new AbortController();
    const running = runMirror({
      source,
      destination,
      state,
      topics: /orders/,
      groups: /billing/,
      follow: true,
      followIntervalMs: 50,
      signal: controller.signal,
    });
    await produceRecords(source, 'orders', 0, [{ value: 'followed' }]);
    await commitOffsets(source, 'billing', undefined, [{ topic: 'orders', partition: 0, offset: 201 }]);
    for (let i = 0; i < 100; i++) {
      const offsets = await committedOffsets(destination, 'billing');
      if (offsets.find((c) => c.partition === 0)?.offset === 201) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    controller.abort();
    const report = await running;
    expect(report.done).toBe(false);
    expect((await everything(destination, 'orders', 0)).at(-1)?.value).toBe('followed');
    expect((await committedOffsets(destination, 'billing')).find((c) => c.partition === 0)?.offset).toBe(201);
  });

  it('refuses a destination partition that holds records it did not copy', async () => {
    await createTopic(source, { name: 'clash', partitions: 1 });
    await createTopic(destination, { name: 'clash', partitions: 1 });
    await produceRecords(destination, 'clash', 0, [{ value: 'someone else' }]);
    const state = await MirrorState.open(join(dir, 'state.json'), 'source', 'destination');
    await expect(
      runMirror({ source, destination, state, topics: /clash/, groups: /^$/, follow: false }),
    ).rejects.toThrow(/did not copy/);
  });
});
