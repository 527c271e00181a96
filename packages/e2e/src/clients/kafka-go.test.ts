/**
 * segmentio/kafka-go, from Debian (`golang-github-segmentio-kafka-go-dev`, built offline by
 * `support/go-programs.ts` from `clients/go/kafka-go-scenario`): Conn.ReadPartitions
 * (metadata), a Writer producing keyed records, a Reader with a GroupID that commits,
 * Conn.CreateTopics/DeleteTopics and the leader connection's offsets, each checked through the
 * broker's HTTP API afterwards. What kafka-go 0.2.1 has no API for (most admin calls: its
 * group requests are unexported, used by the Reader alone) is skipped with the reason.
 */
import { afterEach, beforeAll, describe, expect } from 'vitest';
import {
  committedTotal,
  createTopic,
  expectKeysStayInOnePartition,
  produceValues,
  recordsOverHttp,
  topicOverHttp,
} from '../support/broker-evidence.js';
import { Brokers } from '../support/brokers.js';
import { beyondClient, clientFeatures } from '../support/client-features.js';
import { buildGoProgram, debianVersion, goSkipReason, KAFKA_GO } from '../support/go-programs.js';
import { expectSteps, runScenario, stepOf } from '../support/scenario-program.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

const missing = goSkipReason(KAFKA_GO);
if (missing !== undefined) console.warn(`kafka-go scenarios SKIPPED: ${missing}`);
const version = debianVersion(KAFKA_GO);
const client = `kafka-go ${version}`;
/**
 * Skipped until the broker serves what they need (the API, then kafka-go's error today).
 * kafka-go 0.2.1 speaks the old message format (magic 1) in Produce v2 and Fetch v2.
 */
const PENDING: Record<string, string> = {};
const feature = clientFeatures(client, { missing, pending: PENDING });
/**
 * What kafka-go has no API for (read in its source at 0.2.1). Its exported Conn methods are
 * CreateTopics, DeleteTopics, ReadPartitions, the offset reads and the reads and writes of one
 * partition; listGroups, describeGroups, offsetFetch and offsetCommit exist unexported, for
 * its Reader only.
 */
const BEYOND_KAFKA_GO: Record<string, string> = {
  'idempotent producer':
    'kafka-go 0.2.1 has no idempotent producer: its Writer writes message format v1 (Produce v2), which carries no producer id',
  'admin: describe and alter configs': 'kafka-go 0.2.1 has no DescribeConfigs or AlterConfigs call',
  'admin: incremental alter configs': 'kafka-go 0.2.1 has no IncrementalAlterConfigs call',
  'admin: create partitions': 'kafka-go 0.2.1 has no CreatePartitions call',
  'admin: delete records': 'kafka-go 0.2.1 has no DeleteRecords call',
  'admin: list groups': 'kafka-go 0.2.1 exports no ListGroups (Conn.listGroups is internal)',
  'admin: describe groups': 'kafka-go 0.2.1 exports no DescribeGroups (Conn.describeGroups is internal)',
  'admin: delete groups': 'kafka-go 0.2.1 has no DeleteGroups call',
  'admin: fetch group offsets':
    "kafka-go 0.2.1 exports no OffsetFetch: only a Reader reads its group's committed offsets, to start from them",
  'admin: reset group offsets':
    'kafka-go 0.2.1 exports no OffsetCommit: only a group member commits, and Reader.SetOffset refuses when GroupID is set',
  'admin: describe cluster':
    'kafka-go 0.2.1 has no call describing the cluster: no brokers list, controller or cluster id (ReadPartitions names partition leaders)',
  'static membership':
    'kafka-go 0.2.1 has no group.instance.id: ReaderConfig has no instance id, and its JoinGroup is v1 (static members need v5)',
  'cooperative rebalancing':
    'kafka-go 0.2.1 implements only the eager rebalance protocol: a rebalance revokes every partition, and its GroupBalancers are range and roundrobin',
};
const P = 'kgo';
let binary = '';
beforeAll(async () => {
  if (missing === undefined) binary = await buildGoProgram('kafka-go-scenario', KAFKA_GO);
});

async function scenario(name: string, prepare?: (url: string) => Promise<void>) {
  const broker = await brokers.start();
  await prepare?.(broker.url);
  const run = await runScenario(binary, [broker.kafkaBootstrap!, P, name]);
  return { url: broker.url, run, broker };
}

describe.skipIf(missing !== undefined)(client, () => {
  feature('metadata', async (ctx) => {
    const { url, run, broker } = await scenario('metadata', async (u) => {
      await createTopic(u, `${P}-meta`, 3);
      await createTopic(u, `${P}-other`, 1);
    });
    expectSteps(run, ['connect', 'read-partitions', 'read-both-partitions'], ctx);
    const [meta, other] = [await topicOverHttp(url, `${P}-meta`), await topicOverHttp(url, `${P}-other`)];
    // Every partition led by (and replicated on) the one broker, node 0.
    expect(stepOf(run, 'read-partitions')).toMatchObject({
      partitions: meta.partitionDetails.map((p: { partition: number }) => p.partition),
      brokers: [`0 127.0.0.1:${broker.kafkaPort}`],
    });
    expect(stepOf(run, 'read-both-partitions').topics).toEqual({
      [`${P}-meta`]: meta.partitions,
      [`${P}-other`]: other.partitions,
    });
  });

  feature('produce keyed', async (ctx) => {
    const { url, run } = await scenario('produce', (u) => createTopic(u, `${P}-produce`, 3));
    expectSteps(run, ['write'], ctx);
    const stored = await recordsOverHttp(url, `${P}-produce`);
    expect(stored.map((r) => r.value).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `v${i}`).sort());
    expectKeysStayInOnePartition(stored);
  });

  feature('consumer group with commits', async (ctx) => {
    const { url, run } = await scenario('consumer-group', async (u) => {
      await createTopic(u, `${P}-group-topic`, 2);
      await produceValues(
        u,
        `${P}-group-topic`,
        Array.from({ length: 10 }, (_, i) => `a${i}`),
        'a',
      );
      await produceValues(
        u,
        `${P}-group-topic`,
        Array.from({ length: 10 }, (_, i) => `b${i}`),
        'b',
      );
    });
    expectSteps(run, ['fetch-commit', 'close'], ctx);
    expect(await committedTotal(url, `${P}-group`)).toBe(20);
  });

  feature('admin: create topics', async (ctx) => {
    const { url, run } = await scenario('create-topics');
    expectSteps(run, ['create-topics', 'read-partitions'], ctx);
    expect((await topicOverHttp(url, `${P}-created`)).partitions).toBe(3);
  });

  feature('admin: delete topics', async (ctx) => {
    const { url, run } = await scenario('delete-topics', (u) => createTopic(u, `${P}-doomed`, 1));
    expectSteps(run, ['delete-topics'], ctx);
    expect(await topicOverHttp(url, `${P}-doomed`)).toBeUndefined();
  });

  feature('list offsets', async (ctx) => {
    const { run } = await scenario('list-offsets', async (u) => {
      await createTopic(u, `${P}-offsets`, 1);
      await produceValues(
        u,
        `${P}-offsets`,
        Array.from({ length: 10 }, (_, i) => `o${i}`),
      );
    });
    expectSteps(run, ['dial-leader', 'read-offsets'], ctx);
  });

  for (const [name, reason] of Object.entries(BEYOND_KAFKA_GO)) feature(name, beyondClient(version, '0.2.1', reason));
});
