/**
 * Scale-out: two gateways (`serve --backend kafka`, child processes) over one cluster, a
 * Mini Kafka broker reached only through its Kafka port, behind a round-robin balancer as
 * a deployment would put them. SDK consumers of one group join through the balancer, land
 * on both gateways and follow the gateway that holds them (its baseUrl). One gateway is
 * SIGKILLed mid-consume: its members rejoin through the balancer onto the other one, every
 * acknowledged record is consumed, and the group's commits end at the log end. Then kcat,
 * a Kafka-native consumer of the same group, starts exactly at the HTTP group's commits.
 */
import { type ConsumerRecord, MiniKafka } from '@mini-kafka/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers, type SpawnedBroker } from '../support/brokers.js';
import { eventually } from '../support/eventually.js';
import { call } from '../support/json-call.js';
import { kcat, kcatSkipReason } from '../support/kcat.js';
import { type RoundRobinBalancer, startRoundRobinBalancer } from '../support/round-robin-balancer.js';

const brokers = new Brokers();
let cluster: SpawnedBroker;
let gateways: SpawnedBroker[];
let balancer: RoundRobinBalancer;

const TOPIC = 'orders';
const PARTITIONS = 6;
const GROUP = 'billing';

beforeAll(async () => {
  cluster = await brokers.spawn(await brokers.dataDir(), ['--group-initial-rebalance-delay-ms', '0']);
  const gatewayArgs = ['--backend', 'kafka', '--bootstrap-servers', cluster.kafkaBootstrap, '--kafka-port', '-1'];
  gateways = await Promise.all([
    brokers.spawn(await brokers.dataDir(), gatewayArgs),
    brokers.spawn(await brokers.dataDir(), gatewayArgs),
  ]);
  balancer = await startRoundRobinBalancer(gateways.map((gateway) => gateway.url));
});

afterAll(async () => {
  await balancer?.close();
  await brokers.cleanup();
});

describe('two gateways over one cluster', () => {
  it('share one HTTP group, survive a gateway SIGKILL without losing an acknowledged record or commit', async () => {
    const kafka = new MiniKafka({ url: balancer.url, clientId: 'scale-out', retry: { retries: 8 } });
    await kafka.admin().createTopic(TOPIC, { partitions: PARTITIONS });
    const producer = kafka.producer();
    const acknowledged = new Set<string>();
    const produce = async (from: number, count: number): Promise<void> => {
      await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const value = `r-${from + i}`;
          await producer.send(TOPIC, value, { key: `k-${(from + i) % 40}` });
          acknowledged.add(value);
        }),
      );
    };

    const seen = new Map<string, number>();
    const consumers = Array.from({ length: 4 }, () =>
      kafka.consumer({
        groupId: GROUP,
        topics: [TOPIC],
        fromBeginning: true,
        sessionTimeoutMs: 6_000,
      }),
    );
    for (const consumer of consumers) {
      await consumer.run({
        eachMessage: async ({ message }: { message: ConsumerRecord }) => {
          const value = message.value?.toString() ?? '';
          seen.set(value, (seen.get(value) ?? 0) + 1);
        },
      });
    }
    // One owner per partition across both gateways, every member owning some.
    const owned = (): number[] => consumers.flatMap((consumer) => consumer.assignment().map((tp) => tp.partition));
    await eventually(
      () =>
        consumers.every((consumer) => consumer.assignment().length > 0) &&
        owned().sort().join() === Array.from({ length: PARTITIONS }, (_, p) => p).join(),
      30_000,
      'every member owning partitions, each partition once',
    );
    // The members live on both gateways: each gateway describes the whole group.
    for (const gateway of gateways) {
      const described = await call(gateway.url, 'GET', `/v1/groups/${GROUP}`);
      expect(described.status).toBe(200);
      expect(described.body.members).toHaveLength(4);
    }

    await produce(0, 300);
    await eventually(() => seen.size >= 150, 30_000, 'half the records consumed');

    // A gateway dies mid-consume.
    gateways[0]!.child.kill('SIGKILL');
    await gateways[0]!.exited;
    await produce(300, 300);

    await eventually(
      () => [...acknowledged].every((value) => seen.has(value)),
      60_000,
      'every acknowledged record consumed after the gateway died',
    );
    await Promise.all(consumers.map((consumer) => consumer.close()));
    await producer.close();

    // No commit lost: the group's commits (in the cluster) reach every partition's end.
    const survivor = gateways[1]!.url;
    const offsets = await call(survivor, 'GET', `/v1/groups/${GROUP}/offsets?topic=${TOPIC}`);
    const topic = await call(survivor, 'GET', `/v1/topics/${TOPIC}`);
    const ends = new Map<number, number>(
      topic.body.partitionDetails.map((p: { partition: number; highWatermark: number }) => [
        p.partition,
        p.highWatermark,
      ]),
    );
    expect(offsets.body.offsets).toHaveLength(PARTITIONS);
    for (const { partition, offset } of offsets.body.offsets) expect(offset).toBe(ends.get(partition));
  });

  it.skipIf(kcatSkipReason !== undefined)(
    'a kcat consumer of the group starts at the HTTP group’s commits',
    async () => {
      const kafka = new MiniKafka({ url: balancer.url, clientId: 'scale-out-kcat' });
      const producer = kafka.producer();
      for (let i = 0; i < 5; i++) await producer.send(TOPIC, `after-${i}`, { partition: 0 });
      await producer.close();
      const result = await kcat(
        // No -o: a balanced consumer starts at its group's committed offsets.
        ['-b', cluster.kafkaBootstrap, '-G', GROUP, '-X', 'auto.offset.reset=earliest', '-e', '-f', '%p %s\n', TOPIC],
        undefined,
        45_000,
      );
      const lines = result.stdout
        .trim()
        .split('\n')
        .filter((line) => line !== '');
      expect(lines).toEqual(Array.from({ length: 5 }, (_, i) => `0 after-${i}`));
    },
  );
});
