import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { ClusterClient } from './cluster-client.js';
import { decodeFetched, fetch, listOffset, produceRecords } from './partition-io.js';

let cluster: Broker;
let client: ClusterClient;

beforeAll(async () => {
  cluster = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent' });
  await cluster.logs.createTopic('events', { partitions: 2 }, true);
  client = await ClusterClient.connect({ bootstrapServers: [cluster.kafkaBootstrap!] });
});

afterAll(async () => {
  await client?.close();
  await cluster?.close();
});

describe('partition I/O against a cluster', () => {
  it('produces records with keys, headers and timestamps, and fetches them back exactly', async () => {
    const records = Array.from({ length: 5 }, (_, i) => ({
      key: `k${i}`,
      value: `v${i}`,
      headers: [{ key: 'trace', value: Buffer.from(`t${i}`) }],
      timestamp: 1_700_000_000_000 + i * 1000,
    }));
    const first = await produceRecords(client, 'events', 1, records.slice(0, 3));
    const second = await produceRecords(client, 'events', 1, records.slice(3));
    expect([first.baseOffset, second.baseOffset]).toEqual([0, 3]);

    const [fetched] = await fetch(client, [{ topic: 'events', partition: 1, offset: 1, maxBytes: 1 << 20 }], {
      maxWaitMs: 0,
      maxBytes: 1 << 20,
      isolation: 'read_committed',
    });
    expect(fetched!.errorCode).toBe(0);
    expect(fetched!.highWatermark).toBe(5);
    const read = decodeFetched(fetched!, 'read_committed');
    expect(read.map((r) => r.offset)).toEqual([1, 2, 3, 4]);
    expect(read.map((r) => r.key?.toString())).toEqual(['k1', 'k2', 'k3', 'k4']);
    expect(read.map((r) => r.value?.toString())).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(read.map((r) => r.timestamp)).toEqual(records.slice(1).map((r) => r.timestamp));
    expect(read[0]!.headers).toEqual([{ key: 'trace', value: Buffer.from('t1') }]);
  });

  it('keeps only complete batches when the byte limit cuts the last one', async () => {
    const [fetched] = await fetch(client, [{ topic: 'events', partition: 1, offset: 0, maxBytes: 150 }], {
      maxWaitMs: 0,
      maxBytes: 150,
      isolation: 'read_uncommitted',
    });
    const read = decodeFetched(fetched!, 'read_uncommitted');
    expect(read.length).toBeGreaterThan(0);
    expect(read.map((r) => r.offset)).toEqual(Array.from({ length: read.length }, (_, i) => i));
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for a partition the cluster does not have', async () => {
    const [fetched] = await fetch(client, [{ topic: 'nope', partition: 0, offset: 0, maxBytes: 100 }], {
      maxWaitMs: 0,
      maxBytes: 100,
      isolation: 'read_committed',
    });
    expect(fetched!.errorCode).toBe(3);
  });

  it('looks offsets up by time, and the start and the end', async () => {
    expect(await listOffset(client, 'events', 1, -2)).toEqual({ offset: 0, timestamp: null });
    expect(await listOffset(client, 'events', 1, -1)).toEqual({ offset: 5, timestamp: null });
    expect(await listOffset(client, 'events', 1, 1_700_000_002_500)).toEqual({
      offset: 3,
      timestamp: 1_700_000_003_000,
    });
    expect((await listOffset(client, 'events', 1, 1_900_000_000_000)).offset).toBe(-1);
  });
});
