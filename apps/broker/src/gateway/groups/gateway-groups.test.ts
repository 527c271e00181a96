import { isMiniKafkaError } from '@mini-kafka/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { ClusterClient } from '../../cluster/cluster-client.js';
import { produceRecords } from '../../cluster/partition-io.js';
import { createTopic } from '../../cluster/topic-admin.js';
import { createLogger } from '../../logger.js';
import { GatewayGroups } from './gateway-groups.js';

let cluster: Broker;
const clients: ClusterClient[] = [];
const gateways: GatewayGroups[] = [];

async function gateway(name: string): Promise<GatewayGroups> {
  const client = await ClusterClient.connect({ bootstrapServers: [cluster.kafkaBootstrap!] });
  clients.push(client);
  const groups = new GatewayGroups(client, {
    logger: createLogger('silent'),
    defaultSessionTimeoutMs: 3_000,
    baseUrl: () => `http://${name}`,
  });
  gateways.push(groups);
  return groups;
}

const limits = { maxRecords: 100, maxBytes: 1 << 20, waitMs: 0, isolation: 'read_committed' as const };

beforeAll(async () => {
  cluster = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: 0,
    logLevel: 'silent',
    groupInitialRebalanceDelayMs: 0,
  });
});

afterAll(async () => {
  for (const groups of gateways) await groups.close();
  for (const client of clients) await client.close();
  await cluster?.close();
});

describe('HTTP members as Kafka group members, across two gateways', () => {
  it('shares the partitions out, one owner each, reads, commits, and fences a stale generation', async () => {
    const [a, b] = [await gateway('a'), await gateway('b')];
    await createTopic(clients[0]!, { name: 'orders', partitions: 4 });
    for (let p = 0; p < 4; p++)
      await produceRecords(clients[0]!, 'orders', p, [{ value: `p${p}-0` }, { value: `p${p}-1` }]);

    const first = await a.join('billing', { clientId: 'one', topics: ['orders'], sessionTimeoutMs: 3_000 });
    expect(first.baseUrl).toBe('http://a');
    expect(first.assignment).toHaveLength(4);
    const second = await b.join('billing', { clientId: 'two', topics: ['orders'], sessionTimeoutMs: 3_000 });
    expect(second.baseUrl).toBe('http://b');
    // The first member learns of the rebalance from its heartbeat and rejoins by itself.
    let beat = a.heartbeat('billing', first.memberId, first.generationId);
    for (let i = 0; i < 50 && beat.generationId !== second.generationId; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      beat = a.heartbeat('billing', first.memberId, first.generationId);
    }
    expect(beat.generationId).toBe(second.generationId);
    expect(beat.rebalanceRequired).toBe(true);
    const owned = [...beat.assignment, ...second.assignment].map((tp) => tp.partition).sort();
    expect(owned).toEqual([0, 1, 2, 3]);

    // A commit of the old generation is refused; of the new one, it lands in the cluster.
    const stale = await a
      .commit('billing', { memberId: first.memberId, generationId: first.generationId }, [
        { topic: 'orders', partition: beat.assignment[0]!.partition, offset: 1 },
      ])
      .catch((e: unknown) => e);
    expect(isMiniKafkaError(stale, 'ILLEGAL_GENERATION')).toBe(true);

    const read = await b.fetch('billing', second.memberId, second.generationId, limits);
    expect(read.records).toHaveLength(4);
    const offsets = read.records.map(({ topic, partition, record }) => ({
      topic,
      partition,
      offset: record.offset + 1,
    }));
    await b.commit('billing', { memberId: second.memberId, generationId: second.generationId }, offsets);
    const committed = await a.committed('billing', 'orders');
    expect(committed.map((c) => [c.partition, c.offset])).toEqual(
      second.assignment.map((tp) => [tp.partition, 2]).sort((x, y) => x[0]! - y[0]!),
    );

    // A gateway's members are not another's.
    expect(() => a.heartbeat('billing', second.memberId, second.generationId)).toThrow(/not a member/);

    // Leaving hands the partitions over.
    await b.leave('billing', second.memberId);
    for (let i = 0; i < 50; i++) {
      beat = a.heartbeat('billing', first.memberId, -1);
      if (beat.assignment.length === 4 && !beat.rebalanceRequired) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(beat.assignment).toHaveLength(4);
    // Reading resumes from the commits: the partitions member two committed give nothing new.
    const rest = await a.fetch('billing', first.memberId, beat.generationId, limits);
    expect(rest.records.map((r) => r.record.value?.toString()).sort()).toEqual(
      beat.assignment
        .filter((tp) => !second.assignment.some((s) => s.partition === tp.partition))
        .flatMap((tp) => [`p${tp.partition}-0`, `p${tp.partition}-1`])
        .sort(),
    );
    const described = await b.describe('billing');
    expect(described.members.map((m) => m.memberId)).toEqual([first.memberId]);
    expect(described.protocolType).toBe('consumer');
  });

  it('lets another gateway take a member over by its id, with the same partitions', async () => {
    const [a, b] = [gateways[0]!, gateways[1]!];
    await createTopic(clients[0]!, { name: 'takeover', partitions: 2 });
    const joined = await a.join('movers', { memberId: 'mover-1', topics: ['takeover'], sessionTimeoutMs: 3_000 });
    const taken = await b.join('movers', { memberId: 'mover-1', topics: ['takeover'], sessionTimeoutMs: 3_000 });
    expect(taken.assignment).toEqual(joined.assignment);
    // The first gateway's session is fenced on its next heartbeat.
    for (let i = 0; i < 30; i++) {
      try {
        a.heartbeat('movers', 'mover-1', -1);
      } catch {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(() => a.heartbeat('movers', 'mover-1', -1)).toThrow(/not a member/);
    expect(b.heartbeat('movers', 'mover-1', -1).assignment).toHaveLength(2);
  });
});
